#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// The small province's register, and a what-if in which O3 (who tracks Xã Biển) leaves:
/// solved, every move accepted, ready to adopt.
struct DepartureLoop {
    let s: Scenarios
    var dir: String { s.dir }
    static let adopt = ["register", "adopt", "r.db", "--plan", "leave/plan.json", "--decisions", "accepted.csv", "--effective", "2026-01-01",
                        "--reference", "Quyết định số 7/QĐ-TU"]

    init(changes: String = "  - {op: removeOfficer, officer: O3}\n") throws {
        s = try Scenarios()
        try s.write("o3-leaves.yaml", "name: Thử, O3 rời đi\nbase: base.yaml\nchanges:\n" + changes)
        let initRun = try CLI.run(["register", "init", "r.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: dir)
        #expect(initRun.status == 0, "\(initRun)")
        let solve = try CLI.run(["solve", "o3-leaves.yaml", "--out", "leave", "--quiet"], in: dir)
        #expect(solve.status == 0, "\(solve)")
        let decisions = try String(contentsOfFile: dir + "/leave/decisions.csv", encoding: .utf8)
        try s.write("accepted.csv", decisions.replacingOccurrences(of: ",pending,", with: ",accept,"))
    }

    func run(_ args: [String]) throws -> CLI.Run { try CLI.run(args, in: dir) }

    func show() throws -> String {
        let r = try run(["register", "show", "r.db", "--format", "csv"])
        #expect(r.status == 0, "\(r)")
        return r.stdout
    }
}

@Suite("roster changes through the register, as a user runs them", .enabled(if: CLI.binary != nil, "diaban is not built beside the tests"))
struct RosterCLITests {
    @Test("a departure what-if is adopted: the leaver's periods end, history and show name the event, check is sound")
    func departure() throws {
        let l = try DepartureLoop()
        defer { l.s.remove() }
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: l.dir + "/leave/plan.json"))) as! [String: Any]
        let roster = try #require(plan["roster"] as? [[String: Any]], "plan.json names no roster change")
        #expect(roster.count == 1 && roster[0]["kind"] as? String == "leaves" && roster[0]["officer"] as? String == "O3")
        #expect(roster[0]["communes"] as? [String] == ["30005"])
        let adopt = try l.run(DepartureLoop.adopt)
        #expect(adopt.status == 0, "\(adopt)")
        #expect(adopt.stdout.contains("roster: O3 Lê Văn Ba leaves (1 commune handed on)"), "\(adopt)")
        let shown = try l.show()
        #expect(!shown.contains(",O3,"), "\(shown)")
        #expect(shown.contains("30005,Xã Biển,"), "\(shown)")
        let history = try l.run(["register", "history", "r.db", "--officer", "O3"])
        #expect(history.status == 0, "\(history)")
        #expect(history.stdout.contains("2026-01-01  leaves  Quyết định số 7/QĐ-TU  Xã Biển"), "\(history)")
        let json = try l.run(["register", "history", "r.db", "--officer", "O3", "--format", "json"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let events = try #require(doc["events"] as? [[String: Any]], "\(json.stdout)")
        #expect(events.count == 1 && events[0]["day"] as? String == "2026-01-01")
        let text = try l.run(["register", "show", "r.db"])
        #expect(text.stdout.contains("O3 Lê Văn Ba leaves on 2026-01-01 (Quyết định số 7/QĐ-TU)"), "\(text)")
        let check = try l.run(["register", "check", "r.db"])
        #expect(check.status == 0 && check.stdout.contains("sound"), "\(check)")
        // The next round, read from the register, starts without O3 and needs no move.
        try l.s.write("next.yaml", "name: Thử, next round\nbase: o3-leaves.yaml\ntables: {current: {register: r.db}}\n")
        let next = try l.run(["solve", "next.yaml", "--quiet", "--format", "json"])
        #expect(next.status == 0, "\(next)")
    }

    @Test("a departure what-if that also starts from another assignment is refused, with nothing written")
    func otherDifferenceRefused() throws {
        // The what-if also swaps the current officers of Xã Biên and Xã Núi: not the register's state.
        let l = try DepartureLoop()
        defer { l.s.remove() }
        try l.s.write("current-other.csv", "commune,officer\n30001,O1\n30002,O2\n30003,O1\n30004,O2\n30005,O3\n")
        try l.s.write("o3-other.yaml", "name: Thử, O3 rời đi, other start\nbase: o3-leaves.yaml\ntables: {current: current-other.csv}\n")
        let solve = try l.run(["solve", "o3-other.yaml", "--out", "other", "--quiet"])
        #expect(solve.status == 0, "\(solve)")
        let decisions = try String(contentsOfFile: l.dir + "/other/decisions.csv", encoding: .utf8)
        try l.s.write("other.csv", decisions.replacingOccurrences(of: ",pending,", with: ",accept,"))
        let before = try l.show()
        let adopt = try l.run(["register", "adopt", "r.db", "--plan", "other/plan.json", "--decisions", "other.csv", "--effective", "2026-01-01", "--reference", "QĐ 8"])
        #expect(adopt.status == 65, "\(adopt)")
        #expect(adopt.stderr.contains("different state of the register") && adopt.stderr.contains("Nothing was written"), "\(adopt)")
        #expect(try l.show() == before)
    }

    @Test("a new officer and one on leave are adopted, and history shows both")
    func joinAndLeave() throws {
        let l = try DepartureLoop(changes: """
              - {op: addOfficer, officer: {id: O4, name: Hồ Văn Bốn, capacity: 5, specialties: urban-management}}
              - {op: setOfficerStatus, officer: O2, status: leave}

            """)
        defer { l.s.remove() }
        let adopt = try l.run(DepartureLoop.adopt)
        #expect(adopt.status == 0, "\(adopt)")
        #expect(adopt.stdout.contains("O4 Hồ Văn Bốn new") && adopt.stdout.contains("O2 Trần Thị Hai on leave"), "\(adopt)")
        let o4 = try l.run(["register", "history", "r.db", "--officer", "O4"])
        #expect(o4.status == 0 && o4.stdout.contains("joins"), "\(o4)")
        let o2 = try l.run(["register", "history", "r.db", "--officer", "O2"])
        #expect(o2.stdout.contains("on-leave"), "\(o2)")
        #expect(!(try l.show()).contains(",O2,"))
        let check = try l.run(["register", "check", "r.db"])
        #expect(check.status == 0, "\(check)")
    }

    @Test("kill -9 while an adoption with a departure holds its transaction: the register is as before, then adopt works")
    func killDuringDeparture() throws {
        let l = try DepartureLoop()
        defer { l.s.remove() }
        let before = try l.show()
        let child = try Child(DepartureLoop.adopt, in: l.dir, environment: ["DIABAN_TEST_PAUSE_BEFORE_COMMIT": "30"])
        #expect(child.waitFor("not committed"), "adopt never reached its commit: \(child.stderr)")
        child.killHard()
        #expect(child.wait() == nil, "the child was not killed")
        #expect(try l.show() == before)
        let none = try l.run(["register", "history", "r.db", "--officer", "O3"])
        #expect(!none.stdout.contains("leaves"), "\(none)")
        #expect(try l.run(["register", "check", "r.db"]).status == 0)
        let again = try l.run(DepartureLoop.adopt)
        #expect(again.status == 0, "\(again)")
        #expect(try l.show() != before)
        #expect(try l.run(["register", "history", "r.db", "--officer", "O3"]).stdout.contains("leaves"))
    }

    @Test("a register created from the departure what-if starts from the roster before it, and the departure is then adopted")
    func initFromTheWhatIf() throws {
        let l = try DepartureLoop()
        defer { l.s.remove() }
        let made = try l.run(["register", "init", "w.db", "--scenario", "o3-leaves.yaml", "--as-of", "2025-07-01"])
        #expect(made.status == 0, "\(made)")
        let start = try l.run(["register", "show", "w.db", "--format", "csv"])
        #expect(start.stdout.contains("30005,Xã Biển,O3,Lê Văn Ba,"), "\(start)")
        let adopt = try l.run(DepartureLoop.adopt.map { $0 == "r.db" ? "w.db" : $0 })
        #expect(adopt.status == 0, "\(adopt)")
        let after = try l.run(["register", "show", "w.db", "--format", "csv"])
        #expect(!after.stdout.contains(",O3,"), "\(after)")
        #expect(try l.run(["register", "check", "w.db"]).status == 0)
    }
}
