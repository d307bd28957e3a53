#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// A child `diaban` whose stderr the test watches while it runs, so that it can be killed at
/// a known moment.
final class Child: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var errText = ""
    private var outText = ""

    init(_ args: [String], in folder: String, environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.binary!)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.lock.withLock { self?.outText += String(decoding: d, as: UTF8.self) } }
        err.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.lock.withLock { self?.errText += String(decoding: d, as: UTF8.self) } }
        try process.run()
    }

    var stderr: String { lock.withLock { errText } }
    var stdout: String { lock.withLock { outText } }

    /// Waits until stderr holds `text` (true) or `timeout` passes (false).
    func waitFor(_ text: String, timeout: Double = 60) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    func killHard() { kill(process.processIdentifier, SIGKILL) }

    /// Waits for the end; the exit status, or nil when a signal ended it.
    @discardableResult
    func wait(timeout: Double = 120) -> Int32? {
        let end = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { killHard() }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.05)
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }
}

/// A register of the small scenario with a plan whose two moves are accepted, ready to adopt.
struct RegisterLoop {
    let s: Scenarios
    var dir: String { s.dir }
    static let adopt = ["register", "adopt", "r.db", "--plan", "out/plan.json", "--decisions", "accepted.csv", "--effective", "2026-01-01", "--reference", "Quyết định số 1/QĐ-TU"]

    init() throws {
        s = try Scenarios()
        let solve = try CLI.run(["solve", "base.yaml", "--out", "out", "--quiet"], in: dir)
        #expect(solve.status == 0, "\(solve)")
        let decisions = try String(contentsOfFile: dir + "/out/decisions.csv", encoding: .utf8)
        try s.write("accepted.csv", decisions.replacingOccurrences(of: ",pending,", with: ",accept,"))
        let initRun = try CLI.run(["register", "init", "r.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: dir)
        #expect(initRun.status == 0, "\(initRun)")
    }

    func show() throws -> String {
        let r = try CLI.run(["register", "show", "r.db", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r)")
        return r.stdout
    }

    func isSound() throws -> Bool {
        let r = try CLI.run(["register", "check", "r.db"], in: dir)
        return r.status == 0 && r.stdout.contains("sound")
    }

    /// The assignment after the adoption, as `show --format csv` prints it.
    func expectedAfter() throws -> String {
        let copy = try Scenarios()
        defer { copy.remove() }
        for name in ["r.db", "accepted.csv"] { try FileManager.default.copyItem(atPath: dir + "/" + name, toPath: copy.dir + "/" + name) }
        try FileManager.default.createDirectory(atPath: copy.dir + "/out", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/out/plan.json", toPath: copy.dir + "/out/plan.json")
        let run = try CLI.run(Self.adopt, in: copy.dir)
        #expect(run.status == 0, "\(run)")
        return try CLI.run(["register", "show", "r.db", "--format", "csv"], in: copy.dir).stdout
    }
}

@Suite("diaban register, as a user runs it", .enabled(if: CLI.binary != nil, "diaban is not built beside the tests"))
struct RegisterCLITests {
    @Test("adopt records the accepted moves; show, history, export, check and backup read them back")
    func loop() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        let before = try l.show()
        let adopt = try CLI.run(RegisterLoop.adopt, in: l.dir)
        #expect(adopt.status == 0, "\(adopt)")
        #expect(adopt.stdout.contains("2 pair(s) end, 2 begin, 3 continue"), "\(adopt)")
        let after = try l.show()
        #expect(after != before)
        // show equals the plan that was adopted, pair for pair.
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: l.dir + "/out/plan.json"))) as! [String: Any]
        let planned = Set((plan["assignments"] as! [[String: String]]).map { "\($0["commune"]!),\($0["officer"]!)" })
        let shown = Set(after.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }.map { "\($0[0]),\($0[2])" })
        #expect(shown == planned)
        let history = try CLI.run(["register", "history", "r.db", "--commune", "30001", "--format", "csv"], in: l.dir)
        #expect(history.stdout.contains("30001,Xã Biên,O2,Trần Thị Hai,2025-07-01,2026-01-01,init 2025-07-01,Quyết định số 1/QĐ-TU"), "\(history)")
        #expect(history.stdout.contains("30001,Xã Biên,O1,Lương Văn Một,2026-01-01,,Quyết định số 1/QĐ-TU,"), "\(history)")
        let typo = try CLI.run(["register", "history", "r.db", "--officer", "O"], in: l.dir)
        #expect(typo.status == 65 && typo.stderr.contains("has no officer O."), "\(typo)")
        #expect(try l.isSound())
        let export = try CLI.run(["register", "export", "r.db", "--as-of", "2026-01-01", "--out", "current-2026.csv"], in: l.dir)
        #expect(export.status == 0, "\(export)")
        let exported = try Data(contentsOf: URL(fileURLWithPath: l.dir + "/current-2026.csv"))
        #expect(exported.starts(with: [0xEF, 0xBB, 0xBF]))
        let backup = try CLI.run(["register", "backup", "r.db", "copy.db"], in: l.dir)
        #expect(backup.status == 0, "\(backup)")
        #expect(try CLI.run(["register", "show", "copy.db", "--format", "csv"], in: l.dir).stdout == after)
        // The same decision again, or an earlier date: refused, nothing written.
        for args in [RegisterLoop.adopt, RegisterLoop.adopt.map { $0 == "Quyết định số 1/QĐ-TU" ? "QĐ 2" : $0 == "2026-01-01" ? "2025-12-01" : $0 }] {
            let again = try CLI.run(args, in: l.dir)
            #expect(again.status == 65, "\(again)")
            #expect(again.stderr.contains("Nothing was written"), "\(again)")
            #expect(try l.show() == after)
        }
    }

    @Test("a scenario reading the register starts from what was adopted")
    func scenarioReadsRegister() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        #expect(try CLI.run(RegisterLoop.adopt, in: l.dir).status == 0)
        try l.s.write("from-register.yaml", "name: Thử, from the register\nbase: base.yaml\ntables: {current: {register: r.db}}\n")
        let check = try CLI.run(["check", "from-register.yaml"], in: l.dir)
        #expect(check.status == 0, "\(check)")
        let solve = try CLI.run(["solve", "from-register.yaml", "--quiet", "--format", "json"], in: l.dir)
        #expect(solve.status == 0, "\(solve)")
        let doc = try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as! [String: Any]
        #expect((doc["moves"] as! [Any]).isEmpty, "the adopted optimum should need no move: \(solve.stdout.prefix(2000))")
        // The scenario's output can never be written over the register.
        let over = try CLI.run(["register", "export", "r.db", "--as-of", "2026-01-01", "--out", "r.db"], in: l.dir)
        #expect(over.status == 64, "\(over)")
    }

    @Test("kill -9 while adopt holds its transaction open: the register is as before, and adopt then works")
    func killDuringAdopt() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        let before = try l.show()
        let after = try l.expectedAfter()
        let child = try Child(RegisterLoop.adopt, in: l.dir, environment: ["DIABAN_TEST_PAUSE_BEFORE_COMMIT": "30"])
        #expect(child.waitFor("not committed"), "adopt never reached its commit: \(child.stderr)")
        child.killHard()
        #expect(child.wait() == nil, "the child was not killed")
        #expect(try l.show() == before)
        #expect(try l.isSound())
        let again = try CLI.run(RegisterLoop.adopt, in: l.dir)
        #expect(again.status == 0, "\(again)")
        #expect(try l.show() == after)
        #expect(try l.isSound())
    }

    @Test("kill -9 at any moment of adopt: the register is as before or as after, never in between")
    func killAtRandomMoments() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        let before = try l.show()
        let after = try l.expectedAfter()
        let backup = l.dir + "/pristine.db"
        try FileManager.default.copyItem(atPath: l.dir + "/r.db", toPath: backup)
        var seen: Set<String> = []
        for step in 0..<12 {
            let child = try Child(RegisterLoop.adopt, in: l.dir)
            Thread.sleep(forTimeInterval: 0.004 * Double(step * step))
            child.killHard()
            child.wait()
            let state = try l.show()
            #expect(state == before || state == after, "after a kill at step \(step) the register is in between:\n\(state)")
            #expect(try l.isSound())
            seen.insert(state == before ? "before" : "after")
            // Back to the start for the next kill.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: l.dir + "/r.db" + suffix) }
            try FileManager.default.copyItem(atPath: backup, toPath: l.dir + "/r.db")
        }
        #expect(seen.contains("before"), "no kill landed before the commit")
    }

    @Test("two adopts at once: one wins, the other fails cleanly with a message")
    func concurrentAdopts() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        let after = try l.expectedAfter()
        // One holds the write lock for a moment; the other starts meanwhile.
        let first = try Child(RegisterLoop.adopt, in: l.dir, environment: ["DIABAN_TEST_PAUSE_BEFORE_COMMIT": "1.5"])
        #expect(first.waitFor("not committed"))
        let second = try Child(RegisterLoop.adopt.map { $0 == "Quyết định số 1/QĐ-TU" ? "Quyết định số 2/QĐ-TU" : $0 }, in: l.dir)
        let codes = [first.wait(), second.wait()]
        #expect(codes.filter { $0 == 0 }.count == 1, "codes \(codes); \(first.stderr) \(second.stderr)")
        #expect(codes.contains { $0 == 65 || $0 == 1 }, "codes \(codes)")
        let loser = codes[0] == 0 ? second : first
        #expect(loser.stderr.contains("Nothing was written"), "\(loser.stderr)")
        #expect(try l.show() == after)
        #expect(try l.isSound())
        // Started at the very same moment, several times: always exactly one winner.
        for round in 0..<3 {
            let m = try RegisterLoop()
            defer { m.s.remove() }
            let a = try Child(RegisterLoop.adopt, in: m.dir)
            let b = try Child(RegisterLoop.adopt.map { $0 == "Quyết định số 1/QĐ-TU" ? "QĐ \(round)" : $0 }, in: m.dir)
            let both = [a.wait(), b.wait()]
            #expect(both.filter { $0 == 0 }.count == 1, "round \(round): codes \(both); \(a.stderr) \(b.stderr)")
            #expect(try m.isSound())
        }
    }

    @Test("not a register, a missing file, an unknown subcommand: clear errors and the right exit codes")
    func badRegisters() throws {
        let l = try RegisterLoop()
        defer { l.s.remove() }
        try l.s.write("plain.db", "commune,officer\n")
        let plain = try CLI.run(["register", "show", "plain.db"], in: l.dir)
        #expect(plain.status == 65 && plain.stderr.contains("not a DiaBan register"), "\(plain)")
        #expect(try String(contentsOfFile: l.dir + "/plain.db", encoding: .utf8) == "commune,officer\n")
        let missing = try CLI.run(["register", "show", "nowhere.db"], in: l.dir)
        #expect(missing.status == 1 && missing.stderr.contains("There is no register at nowhere.db"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: l.dir + "/nowhere.db"))
        let again = try CLI.run(["register", "init", "r.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: l.dir)
        #expect(again.status == 65 && again.stderr.contains("already exists"), "\(again)")
        let badDate = try CLI.run(["register", "show", "r.db", "--as-of", "2025-02-30"], in: l.dir)
        #expect(badDate.status == 64, "\(badDate)")
        let early = try CLI.run(["register", "show", "r.db", "--as-of", "2020-01-01"], in: l.dir)
        #expect(early.status == 65 && early.stderr.contains("begins on 2025-07-01"), "\(early)")
    }
}
