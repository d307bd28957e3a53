import DiaBanCore
import Foundation
import GRDB
import Testing
@testable import Register

@Suite("The assignment register")
struct RegisterTests {
    @Test("a register starts from the current assignment and records an adopted decision as periods")
    func createAndAdopt() throws {
        let s = try Scratch()
        defer { s.remove() }
        let since = [Pair(officer: "C", commune: "003"): Day(iso: "2020-03-15")!]
        let r = try Province.create(in: s, since: since)
        let start = try r.assignment()
        #expect(start.day == Province.start)
        #expect(Set(start.pairs.map { Pair(officer: $0.officer, commune: $0.commune) }) == Province.current.pairSet)
        let c3 = try #require(start.pairs.first { $0.officer == "C" })
        #expect(c3.since == Day(iso: "2020-03-15")! && c3.years == 5)

        let result = try r.adopt(Province.swap())
        #expect(result.ended == [Pair(officer: "A", commune: "001"), Pair(officer: "B", commune: "002")])
        #expect(result.began == [Pair(officer: "B", commune: "001"), Pair(officer: "A", commune: "002")])
        #expect(result.continuing == 3)
        let after = try r.assignment()
        #expect(after.day == Day(iso: "2026-01-01")!)
        let expected = Province.current.pairSet.subtracting(result.ended).union(result.began)
        #expect(Set(after.pairs.map { Pair(officer: $0.officer, commune: $0.commune) }) == expected)
        // The day before the decision, the old assignment is still in force.
        let before = try r.assignment(on: Day(iso: "2025-12-31")!)
        #expect(Set(before.pairs.map { Pair(officer: $0.officer, commune: $0.commune) }) == Province.current.pairSet)
        let history = try r.history(commune: "001")
        #expect(history.map { "\($0.officer) \($0.start) \($0.end?.description ?? "-") \($0.startedBy) \($0.endedBy ?? "-")" }
                == ["A 2025-07-01 2026-01-01 init QĐ 1", "B 2026-01-01 - QĐ 1 -"])
        #expect(try r.history(officer: "A").map(\.commune) == ["001", "004", "002"])
        #expect(try r.check().isEmpty)
    }

    @Test("a refused adoption writes nothing", arguments: ["same reference", "same plan", "earlier date", "same date", "other state", "unstaffed", "unknown officer", "renamed officer", "pair not held"])
    func refusals(_ case: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Province.swap())
        let before = try r.dump()
        let stat = try FileManager.default.attributesOfItem(atPath: s.path("r.db"))[.size] as? Int
        let after = Province.current.pairSet.subtracting([Pair(officer: "A", commune: "001"), Pair(officer: "B", commune: "002")])
            .union([Pair(officer: "B", commune: "001"), Pair(officer: "A", commune: "002")])
        var a = Province.swap("QĐ 2", on: "2026-06-01", base: Assignment(after))
        a.changes = [.init(commune: "004", from: ["A"], to: ["C"], why: "accepted move 1")]
        switch `case` {
        case "same reference": a.reference = "QĐ 1"
        case "same plan": a.plan = "plan-QĐ 1"
        case "earlier date": a.effective = Day(iso: "2025-12-01")!
        case "same date": a.effective = Day(iso: "2026-01-01")!
        case "other state": a.base = Province.current
        case "unstaffed": a.changes = [.init(commune: "003", from: ["C"], to: [], why: "accepted move 1")]
        case "unknown officer": a.changes = [.init(commune: "004", from: ["A"], to: ["Z"], why: "accepted move 1")]
        case "renamed officer": a.officerNames = ["C": "Lê Văn Khác"]
        default: a.changes = [.init(commune: "004", from: ["B"], to: ["C"], why: "accepted move 1")]
        }
        #expect(throws: RegisterError.self) { try r.adopt(a) }
        do { _ = try r.adopt(a) } catch { #expect(error.code == .refused, "\(error)") }
        #expect(try r.dump() == before)
        #expect(try r.check().isEmpty)
        _ = stat
    }

    @Test("periods are never deleted or rewritten; two periods of a pair never overlap")
    func triggers() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Province.swap())
        for sql in ["DELETE FROM period", "DELETE FROM decision", "UPDATE period SET end_date = '2027-01-01' WHERE end_date IS NOT NULL",
                    "UPDATE period SET officer = 'D' WHERE id = 1", "UPDATE decision SET effective = '2030-01-01'",
                    "INSERT INTO period (officer, commune, start_date, started_by) VALUES ('A', '001', '2025-09-01', 1)"] {
            #expect(throws: (any Error).self, "\(sql) went through") { try r.queue.write { try $0.execute(sql: sql) } }
        }
        #expect(try r.check().isEmpty)
    }

    @Test("check names what is broken when the rules are bypassed")
    func checkFindsProblems() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        try r.queue.write { db in
            try db.execute(sql: "DROP TRIGGER period_no_overlap; DROP TRIGGER period_only_ends")
            try db.execute(sql: "INSERT INTO period (officer, commune, start_date, end_date, started_by, ended_by) VALUES ('A', '001', '2025-08-01', '2025-09-01', 1, 1)")
            try db.execute(sql: "UPDATE period SET end_date = '2025-10-01', ended_by = 1 WHERE officer = 'B' AND commune = '002'")
        }
        let problems = try r.check()
        #expect(problems.contains { $0.contains("two overlapping periods") && $0.contains("001") }, "\(problems)")
        #expect(problems.contains { $0.contains("Xã Hai (002) has 0 officer(s) on 2025-10-01") }, "\(problems)")
        #expect(problems.contains { $0.contains("ends on 2025-10-01") }, "\(problems)")
    }

    @Test("a file that is not a register is refused and left as it was", arguments: ["empty", "text", "other SQLite", "folder"])
    func notARegister(_ kind: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        let path = s.path("x.db")
        switch kind {
        case "empty": FileManager.default.createFile(atPath: path, contents: Data())
        case "text": FileManager.default.createFile(atPath: path, contents: Data("commune,officer\n001,A\n".utf8))
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        default:
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
            try q.close()
        }
        let bytes = FileManager.default.contents(atPath: path)
        #expect(throws: RegisterError.self) { try Register.open(at: path) }
        do { _ = try Register.open(at: path) } catch {
            #expect(error.code == .notARegister, "\(error)")
            #expect(error.message.contains("not a DiaBan register") || error.message.contains("not a file"), "\(error)")
        }
        #expect(FileManager.default.contents(atPath: path) == bytes)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a missing register, and one made by a newer DiaBan, are refused")
    func missingAndNewer() throws {
        let s = try Scratch()
        defer { s.remove() }
        do { _ = try Register.open(at: s.path("none.db")); Issue.record("opened a missing register") } catch {
            #expect(error.code == .missing && error.message.contains("register init"))
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("none.db")))
        let r = try Province.create(in: s)
        try r.queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try r.close()
        let bytes = FileManager.default.contents(atPath: s.path("r.db"))
        do { _ = try Register.open(at: s.path("r.db")); Issue.record("opened a newer register") } catch {
            #expect(error.code == .newerSchema && error.message.contains("newer DiaBan"), "\(error)")
            #expect(error.isBadData)
        }
        #expect(FileManager.default.contents(atPath: s.path("r.db")) == bytes)
    }

    @Test("a register made by this version opens, upgraded, in one with a later migration")
    func upgrades() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Province.swap())
        let before = try r.dump()
        try r.close()
        var next = Schema.migrator
        next.registerMigration("v2-test") { db in try db.execute(sql: "ALTER TABLE decision ADD COLUMN signed_by TEXT NOT NULL DEFAULT ''") }
        let q = try DatabaseQueue(path: s.path("r.db"))
        try next.migrate(q)
        #expect(try q.read { try next.hasCompletedMigrations($0) })
        try q.close()
        // This version now sees a newer register, and says so rather than guessing.
        #expect(throws: RegisterError.self) { try Register.open(at: s.path("r.db")) }
        // The upgraded file still holds the whole record.
        let q2 = try DatabaseQueue(path: s.path("r.db"))
        let periods = try q2.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM period") }
        #expect(periods == 7)
        _ = before
    }

    @Test("init refuses an incomplete assignment and an existing file, leaving nothing behind")
    func initRefusals() throws {
        let s = try Scratch()
        defer { s.remove() }
        let partial = Assignment(Province.current.pairs.filter { $0.commune != "002" })
        #expect(throws: RegisterError.self) {
            try Register.create(at: s.path("r.db"), roster: Province.roster, current: partial, since: [:], asOf: Province.start, reference: "init")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).isEmpty)
        FileManager.default.createFile(atPath: s.path("r.db"), contents: Data("keep me".utf8))
        do { _ = try Province.create(in: s); Issue.record("wrote over a file") } catch { #expect(error.code == .exists) }
        #expect(FileManager.default.contents(atPath: s.path("r.db")) == Data("keep me".utf8))
    }

    @Test("the online backup is a sound copy, also while another connection reads")
    func backup() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Province.swap())
        let reader = try Register.open(at: s.path("r.db"), readOnly: true)
        try reader.queue.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM period")
            try r.backup(to: s.path("copy.db"))
        }
        let copy = try Register.open(at: s.path("copy.db"), readOnly: true)
        #expect(try copy.dump() == r.dump())
        #expect(try copy.check().isEmpty)
        #expect(throws: RegisterError.self) { try r.backup(to: s.path("r.db")) }
    }

    @Test("the last decision's refusals stand until the next decision")
    func refusalsStand() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        var a = Province.swap()
        a.refusals = [(Pair(officer: "D", commune: "004"), "reject"), (Pair(officer: "C", commune: "003"), "keep")]
        _ = try r.adopt(a)
        let standing = try #require(try r.standingRefusals())
        #expect(standing.reference == "QĐ 1")
        #expect(standing.rejected == [Pair(officer: "D", commune: "004")])
        #expect(standing.kept == [Pair(officer: "C", commune: "003")])
        let base = Assignment(try r.assignment().pairs.map { Pair(officer: $0.officer, commune: $0.commune) })
        var b = Province.swap("QĐ 2", on: "2026-06-01", base: base)
        b.changes = [.init(commune: "004", from: ["A"], to: ["C"], why: "accepted move 1")]
        _ = try r.adopt(b)
        let later = try #require(try r.standingRefusals())
        #expect(later.reference == "QĐ 2" && later.rejected.isEmpty && later.kept.isEmpty)
    }
}
