#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// The small scenario with a work plan: a quarter, Monday meetings, Vietnam's holidays.
struct WorkPlanFolder {
    let s: Scenarios
    var dir: String { s.dir }

    static let rules = """
        # The small province's first quarter.
        name: Thử
        base: base.yaml
        workPlan:
          period: {from: 2026-01-01, to: 2026-03-31}
          minSpacingDays: 21
          fieldDaysPerMonth: 4
          officeDays:
            - {weekday: monday, note: Giao ban}
          blocked:
            - {officer: O1, from: 2026-01-12, to: 2026-01-16, note: tập huấn}
          holidays: holidays.csv
          daysOff: days-off.csv
          trips: {maxKmPerDay: 320, maxCommunesPerDay: 2, overnightBeyondKm: 120}

        """

    init(rules: String = Self.rules, solve: Bool = true) throws {
        s = try Scenarios()
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/scenarios/vietnam/data/holidays.csv", toPath: s.dir + "/holidays.csv")
        try s.write("days-off.csv", "date,name,kind\n2026-03-20,Ngày nghỉ của tỉnh,day-off\n")
        try s.write("plan.yaml", rules)
        if solve {
            let run = try CLI.run(["solve", "base.yaml", "--out", "solved", "--quiet"], in: dir)
            #expect(run.status == 0, "\(run)")
        }
    }

    func workplan(_ extra: [String], scenario: String = "plan.yaml") throws -> CLI.Run {
        try CLI.run(["workplan", scenario, "--plan", "solved/plan.json", "--quiet"] + extra, in: dir)
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: dir + "/" + path, encoding: .utf8) }

    /// Rows of a CSV written by the work plan (no quoted commas in these fields but names).
    static func rows(_ csv: String) -> [[String: String]] {
        var lines = csv.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            var fields: [String] = [], field = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle(); continue }
                if ch == "," && !quoted { fields.append(field); field = ""; continue }
                field.append(ch)
            }
            fields.append(field)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }
}

/// The Python of .build-venv with the pinned icalendar (scripts/setup checks installs it).
let checksPython: String? = {
    let python = CLI.packageRoot + "/.build-venv/bin/python"
    guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", "import icalendar, holidays"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    return p.terminationStatus == 0 ? python : nil
}()

@Suite("diaban workplan, as a user runs it", .enabled(if: CLI.binary != nil, "diaban is not built beside the tests"))
struct WorkPlanCLITests {
    @Test("every rule holds in the CSV written, the .ics parse as the CSV says, and the same input gives the same bytes")
    func rulesHoldInTheFiles() throws {
        let f = try WorkPlanFolder()
        defer { f.s.remove() }
        let run = try f.workplan(["--out", "out"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Status: optimal"), "\(run)")
        let trips = WorkPlanFolder.rows(try f.text("out/workplan.csv"))
        #expect(!trips.isEmpty)
        // Days off, independently: weekends and Mondays from Foundation's calendar, and the holidays of the table.
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let holidays = Set(try String(contentsOfFile: f.dir + "/holidays.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .filter { $0.hasSuffix(",holiday") }.map { String($0.prefix(10)) } + ["2026-03-20"])
        let iso = DateFormatter()
        iso.calendar = gregorian
        iso.timeZone = gregorian.timeZone
        iso.locale = Locale(identifier: "en_US_POSIX")
        iso.dateFormat = "yyyy-MM-dd"
        func date(_ s: String) -> Date { iso.date(from: s)! }
        func days(_ a: String, _ b: String) -> Int { gregorian.dateComponents([.day], from: date(a), to: date(b)).day! }
        var visits: [String: [String]] = [:]
        var fieldDays: [String: Set<String>] = [:]
        var budget: [String: Int] = [:]
        for t in trips {
            let start = t["date"]!, length = Int(t["days"]!)!
            visits[t["commune"]!, default: []].append(start)
            guard t["stop"] == "1" else { continue }
            for k in 0..<length {
                let d = iso.string(from: gregorian.date(byAdding: .day, value: k, to: date(start))!)
                let weekday = gregorian.component(.weekday, from: date(d))   // 1 Sunday … 7 Saturday
                #expect(![1, 2, 7].contains(weekday), "\(t["officer"]!) is out on \(d), a weekend day or the Monday meeting")
                #expect(!holidays.contains(d), "\(t["officer"]!) is out on \(d), a day off")
                if t["officer"] == "O1" { #expect(!("2026-01-12"..."2026-01-16").contains(d), "O1 is out on a blocked day \(d)") }
                #expect(fieldDays[t["officer"]!, default: []].insert(d).inserted, "\(t["officer"]!) has two trips on \(d)")
            }
            budget["\(t["officer"]!) \(start.prefix(7))", default: 0] += length
        }
        for (key, used) in budget { #expect(used <= 4, "\(key): \(used) field days for a budget of 4") }
        // Three visits of each commune (12 a year over 90 days), at least 21 days apart.
        #expect(Set(visits.keys) == ["30001", "30002", "30003", "30004", "30005"])
        for (code, dates) in visits {
            #expect(dates.count == 3, "\(code): \(dates.count) visits")
            let sorted = dates.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(days(a, b) >= 21, "\(code): visits \(a) and \(b)") }
        }
        // The iCalendar files: CRLF, folded lines, one event per trip, as the CSV says.
        for officer in ["O1", "O2", "O3"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: f.dir + "/out/officers/\(officer).ics"))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF in \(officer).ics")
            for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(officer).ics: a line of \(line.utf8.count) octets") }
            let mine = trips.filter { $0["officer"] == officer && $0["stop"] == "1" }
            #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == mine.count)
        }
        // Reproducible: a second run writes the same bytes.
        let again = try f.workplan(["--out", "out2"])
        #expect(again.status == 0)
        for name in ["workplan.json", "workplan.csv", "days.csv"] + ["O1", "O2", "O3"].flatMap({ o in ["txt", "csv", "ics", "html"].map { "officers/\(o).\($0)" } }) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: f.dir + "/out/" + name)) == Data(contentsOf: URL(fileURLWithPath: f.dir + "/out2/" + name)), "\(name) differs between two runs")
        }
    }

    @Test("the .ics files parse with the icalendar package, event for event as the CSV", .enabled(if: checksPython != nil, "no .build-venv with icalendar (scripts/setup checks)"))
    func icalendarParses() throws {
        let f = try WorkPlanFolder()
        defer { f.s.remove() }
        #expect(try f.workplan(["--out", "out"]).status == 0)
        let script = """
            import sys, csv, icalendar
            rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["stop"] == "1"]
            for officer in ("O1", "O2", "O3"):
                cal = icalendar.Calendar.from_ical(open(f"{sys.argv[2]}/{officer}.ics", "rb").read())
                events = cal.walk("VEVENT")
                mine = [r for r in rows if r["officer"] == officer]
                assert len(events) == len(mine), (officer, len(events), len(mine))
                assert len({str(e["UID"]) for e in events}) == len(events), "UIDs repeat"
                for e, r in zip(sorted(events, key=lambda e: (e.decoded("DTSTART"), str(e["UID"]))), sorted(mine, key=lambda r: (r["date"], r["uid"]))):
                    assert e.decoded("DTSTART").isoformat() == r["date"], (e.decoded("DTSTART"), r["date"])
                    assert (e.decoded("DTEND") - e.decoded("DTSTART")).days == int(r["days"])
                    assert str(e["UID"]) == r["uid"]
                    assert e["ATTENDEE"].params["CN"] == r["officer_name"], e["ATTENDEE"].params
                    assert r["commune_name"] in str(e["SUMMARY"]), (str(e["SUMMARY"]), r["commune_name"])
                    assert "km" in str(e["DESCRIPTION"])
                    assert str(e["DTSTAMP"].to_ical().decode()) == "20260101T000000Z"
            print("ok")
            """
        try f.s.write("check.py", script)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: checksPython!)
        p.arguments = [f.dir + "/check.py", f.dir + "/out/workplan.csv", f.dir + "/out/officers"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complained = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0 && said.contains("ok"), "\(said)\(complained)")
    }

    @Test("a changed blocked day moves trips but keeps their UIDs, so a re-import replaces the events")
    func uidsAreStable() throws {
        let f = try WorkPlanFolder()
        defer { f.s.remove() }
        #expect(try f.workplan(["--out", "a"]).status == 0)
        try f.s.write("plan.yaml", WorkPlanFolder.rules.replacingOccurrences(of: "from: 2026-01-12, to: 2026-01-16", with: "from: 2026-01-05, to: 2026-02-06"))
        #expect(try f.workplan(["--out", "b"]).status == 0)
        let a = WorkPlanFolder.rows(try f.text("a/officers/O1.csv")), b = WorkPlanFolder.rows(try f.text("b/officers/O1.csv"))
        #expect(Set(a.map { $0["uid"]! }) == Set(b.map { $0["uid"]! }))
        #expect(a.map { $0["date"]! } != b.map { $0["date"]! }, "the block should move O1's trips")
    }

    @Test("a budget too small is an answer: exit 2, the officer and month named, the smallest relaxation, nothing written")
    func budgetTooSmall() throws {
        let f = try WorkPlanFolder(rules: WorkPlanFolder.rules.replacingOccurrences(
            of: "fieldDaysPerMonth: 4", with: "fieldDaysPerMonth: 1\n  budgets:\n    - {month: 2026-02, fieldDays: 0, note: Tết}"))
        defer { f.s.remove() }
        let run = try f.workplan(["--out", "out"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("O1 needs 1 field day in 2026-02 for its 2 visits; the budget is 0"), "\(run)")
        #expect(run.stdout.contains("Smallest relaxation: raise"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/out"))
    }

    @Test("bad input: exit 65 with file, line and field, and nothing written", arguments: [
        ("blocked:\n    - {officer: O1, from: 2026-01-12, to: 2026-01-16, note: tập huấn}", "blocked:\n    - {officer: O9, from: 2026-01-12, to: 2026-01-16}", "plan.yaml:11", "officer O9"),
        ("from: 2026-01-12, to: 2026-01-16", "from: 2026-01-12, to: 2026-02-30", "plan.yaml:11", "workPlan.blocked[1].to"),
        ("fieldDaysPerMonth: 4", "fieldDaysPerMonth: -2", "plan.yaml:7", "cannot be negative"),
        ("from: 2026-01-12, to: 2026-01-16", "from: 2026-04-06, to: 2026-04-07", "plan.yaml:11", "outside the period"),
        ("minSpacingDays: 21", "minSpacingDays: 21\n  budgets:\n    - {month: 2026-13, fieldDays: 2}", "plan.yaml:8", "not a month"),
    ])
    func badInput(from: String, to: String, location: String, words: String) throws {
        let f = try WorkPlanFolder(rules: WorkPlanFolder.rules.replacingOccurrences(of: from, with: to))
        defer { f.s.remove() }
        let run = try f.workplan(["--out", "out"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains(location) && run.stderr.contains(words), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/out"))
    }

    @Test("a holidays table with a repeated or impossible date: exit 65 with its line and column")
    func badHolidays() throws {
        let f = try WorkPlanFolder()
        defer { f.s.remove() }
        try f.s.write("days-off.csv", "date,name,kind\n2026-03-20,Ngày nghỉ,day-off\n2026-03-20,Lại,day-off\n")
        let twice = try f.workplan([])
        #expect(twice.status == 65 && twice.stderr.contains("days-off.csv:3") && twice.stderr.contains("listed twice (first on line 2)"), "\(twice)")
        try f.s.write("days-off.csv", "date,name,kind\n2026-02-29,Không có,day-off\n")
        let impossible = try f.workplan([])
        #expect(impossible.status == 65 && impossible.stderr.contains("days-off.csv:2") && impossible.stderr.contains("date: \"2026-02-29\""), "\(impossible)")
        try f.s.write("days-off.csv", "date,name,kind\n2026-03-21,Nghỉ,weekend\n")
        let kind = try f.workplan([])
        #expect(kind.status == 65 && kind.stderr.contains("kind"), "\(kind)")
    }

    @Test("a plan made from another scenario is refused with the reason")
    func planOfAnotherScenario() throws {
        let f = try WorkPlanFolder()
        defer { f.s.remove() }
        #expect(try CLI.run(["solve", CLI.packageRoot + "/scenarios/nghe-an/baseline.yaml", "--out", "nghe-an", "--quiet", "--time-limit", "60"], in: f.dir).status == 0)
        let run = try CLI.run(["workplan", "plan.yaml", "--plan", "nghe-an/plan.json", "--quiet"], in: f.dir)
        #expect(run.status == 65 && run.stderr.contains("is a solve of the scenario \"Nghệ An, kịch bản gốc\", not of \"Thử\""), "\(run)")
        let unknown = try f.workplan(["--officer", "O4"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no officer O4"), "\(unknown)")
        let outside = try f.workplan(["--from", "2026-03-01", "--to", "2026-04-30"])
        #expect(outside.status == 64 && outside.stderr.contains("not inside the scenario's workPlan.period"), "\(outside)")
        let day = try f.workplan(["--day", "2026-02-17"])
        #expect(day.status == 0 && day.stdout.contains("0 of 3 officers in the field") && day.stdout.contains("Tết"), "\(day)")
    }

    @Test("from the register; visits done round-trip through it; --report shows planned against done and the communes overdue")
    func registerAndVisits() throws {
        let f = try WorkPlanFolder(solve: false)
        defer { f.s.remove() }
        #expect(try CLI.run(["register", "init", "r.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: f.dir).status == 0)
        let plan = try CLI.run(["workplan", "plan.yaml", "--register", "r.db", "--quiet", "--format", "csv"], in: f.dir)
        #expect(plan.status == 0, "\(plan)")
        try f.s.write("visits.csv", "date,officer,commune,note\n2026-01-06,O2,30001,họp dân\n2026-01-07,O1,30002,\n2026-01-08,O3,30005,\"kiểm tra, đôn đốc\"\n")
        let imported = try CLI.run(["register", "visit", "import", "r.db", "visits.csv"], in: f.dir)
        #expect(imported.status == 0 && imported.stdout.contains("recorded 3 visits"), "\(imported)")
        let added = try CLI.run(["register", "visit", "add", "r.db", "--date", "2026-02-03", "--officer", "O2", "--commune", "30004"], in: f.dir)
        #expect(added.status == 0, "\(added)")
        let listed = try CLI.run(["register", "visit", "list", "r.db"], in: f.dir)
        #expect(listed.stdout == "date,officer,commune,note\n2026-01-06,O2,30001,họp dân\n2026-01-07,O1,30002,\n2026-01-08,O3,30005,\"kiểm tra, đôn đốc\"\n2026-02-03,O2,30004,\n", "\(listed)")
        // The same visit again, an unknown officer: refused, nothing written.
        let again = try CLI.run(["register", "visit", "import", "r.db", "visits.csv"], in: f.dir)
        #expect(again.status == 65 && again.stderr.contains("already in the register") && again.stderr.contains("Nothing was written"), "\(again)")
        try f.s.write("bad.csv", "date,officer,commune\n2026-03-02,O1,30001\n2026-03-03,O7,30001\n")
        let bad = try CLI.run(["register", "visit", "import", "r.db", "bad.csv"], in: f.dir)
        #expect(bad.status == 65 && bad.stderr.contains("bad.csv:3") && bad.stderr.contains("no officer O7"), "\(bad)")
        #expect(try CLI.run(["register", "visit", "list", "r.db"], in: f.dir).stdout == listed.stdout)
        #expect(try CLI.run(["register", "check", "r.db"], in: f.dir).status == 0)
        let report = try CLI.run(["workplan", "plan.yaml", "--register", "r.db", "--quiet", "--report", "--as-of", "2026-03-31"], in: f.dir)
        #expect(report.status == 0, "\(report)")
        #expect(report.stdout.contains("4 visits done of 15 planned to date"), "\(report)")
        #expect(report.stdout.contains("OVERDUE") && report.stdout.contains("Xã Đồng (30003)"), "\(report)")
    }

    @Test("kill -9 while a visit import holds its transaction open: the register is as before, and the import then works")
    func killDuringImport() throws {
        let f = try WorkPlanFolder(solve: false)
        defer { f.s.remove() }
        #expect(try CLI.run(["register", "init", "r.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: f.dir).status == 0)
        var rows = "date,officer,commune\n"
        for day in 1...28 { rows += "2026-02-\(day < 10 ? "0" : "")\(day),O1,30002\n" }
        try f.s.write("visits.csv", rows)
        let list = { try CLI.run(["register", "visit", "list", "r.db"], in: f.dir).stdout }
        let before = try list()
        let child = try Child(["register", "visit", "import", "r.db", "visits.csv"], in: f.dir, environment: ["DIABAN_TEST_PAUSE_BEFORE_COMMIT": "30"])
        #expect(child.waitFor("not committed"), "the import never reached its commit: \(child.stderr)")
        child.killHard()
        #expect(child.wait() == nil)
        #expect(try list() == before)
        #expect(try CLI.run(["register", "check", "r.db"], in: f.dir).status == 0)
        // Killed at random moments: before or after, never between.
        let pristine = f.dir + "/pristine.db"
        try FileManager.default.copyItem(atPath: f.dir + "/r.db", toPath: pristine)
        var seen: Set<Int> = []
        for step in 0..<10 {
            let c = try Child(["register", "visit", "import", "r.db", "visits.csv"], in: f.dir)
            Thread.sleep(forTimeInterval: 0.004 * Double(step * step))
            c.killHard()
            c.wait()
            let n = try list().split(separator: "\n").count - 1
            #expect(n == 0 || n == 28, "after a kill at step \(step): \(n) visits")
            seen.insert(n)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: f.dir + "/r.db" + suffix) }
            try FileManager.default.copyItem(atPath: pristine, toPath: f.dir + "/r.db")
        }
        #expect(seen.contains(0))
        let done = try CLI.run(["register", "visit", "import", "r.db", "visits.csv"], in: f.dir)
        #expect(done.status == 0 && done.stdout.contains("recorded 28 visits"), "\(done)")
    }

    @Test("the bundled Nghệ An scenario, 2026: from the optimal plan and from a register, every officer proven; the printable page renders in Chromium")
    func bundledNgheAn() throws {
        let f = try WorkPlanFolder(solve: false)
        defer { f.s.remove() }
        let baseline = CLI.packageRoot + "/scenarios/nghe-an/baseline.yaml"
        #expect(try CLI.run(["solve", baseline, "--out", "na", "--quiet"], in: f.dir).status == 0)
        let fromPlan = try CLI.run(["workplan", baseline, "--plan", "na/plan.json", "--quiet", "--time-limit", "300", "--out", "wp"], in: f.dir)
        #expect(fromPlan.status == 0, "\(fromPlan)")
        #expect(fromPlan.stdout.contains("Status: optimal (44 of 44 officers proven optimal)"), "\(fromPlan)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.dir + "/wp/workplan.json"))) as! [String: Any]
        let province = json["province"] as! [String: Any]
        #expect((province["km"] as! Double) < (province["modelKm"] as! Double), "combined trips should drive less than separate round trips")
        #expect(province["visits"] as? Int == 130 * 12)
        #expect(try CLI.run(["register", "init", "r.db", "--scenario", baseline, "--as-of", "2025-07-01"], in: f.dir).status == 0)
        let fromRegister = try CLI.run(["workplan", baseline, "--register", "r.db", "--quiet", "--time-limit", "300", "--format", "json"], in: f.dir)
        #expect(fromRegister.status == 0, "\(fromRegister)")
        let reg = try JSONSerialization.jsonObject(with: Data(fromRegister.stdout.utf8)) as! [String: Any]
        #expect(reg["status"] as? String == "optimal")
        // The printable page of one officer in a real browser: it draws, throws nothing, fetches nothing.
        let chromium = ["/usr/bin/chromium", "/usr/local/bin/chromium"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        if chromium || ProcessInfo.processInfo.environment["DIABAN_REQUIRE_BROWSER"] == "1" {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.packageRoot + "/scripts/browser-check")
            p.arguments = [f.dir + "/wp/officers/CB10.html", f.dir + "/cb10.png"]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(log)")
            #expect(FileManager.default.fileExists(atPath: f.dir + "/cb10.png"))
        }
        let html = try f.text("wp/officers/CB10.html")
        #expect(html.contains("<html lang=\"vi\">") && html.contains("Tháng 3/2026") && html.contains("LÃNH ĐẠO PHÊ DUYỆT"))
        #expect(html.components(separatedBy: "class=\"page month\"").count - 1 == 12, "one page per month")
        #expect(!html.contains("http://") && !html.contains("https://"))
    }
}
