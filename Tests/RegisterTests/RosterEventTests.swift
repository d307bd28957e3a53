import DiaBanCore
import Foundation
import GRDB
import Testing
@testable import Register

/// Roster events recorded with a decision: who leaves, joins, goes on leave or returns.
@Suite struct RosterEventTests {
    static let day = Day(iso: "2026-01-01")!

    /// D leaves: Phường Ba (003), which C and D track, takes B beside C.
    static func departure(_ reference: String = "QĐ 1", base: Assignment? = nil, communes: [String] = ["003"], to: [String] = ["B"]) -> Adoption {
        let without = Assignment(Province.current.pairs.filter { $0.officer != "D" })
        var a = Adoption(reference: reference, effective: day, note: "", plan: "plan-\(reference)", base: base ?? without, changes: [
            .init(commune: "003", from: [], to: to, why: "forced (staffing)"),
        ], officerNames: ["B": "Trần Thị Bình"])
        a.roster = [RosterEvent(kind: .leaves, officer: "D", officerName: "Phạm Thị Dung", communes: communes)]
        return a
    }

    @Test("an officer who leaves: every period of theirs ends on the effective date, and the event is kept with its decision")
    func departure() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        let result = try r.adopt(Self.departure())
        #expect(result.ended == [Pair(officer: "D", commune: "003")])
        #expect(result.began == [Pair(officer: "B", commune: "003")])
        #expect(result.continuing == 4)
        #expect(result.roster.map(\.kind) == [.leaves])
        let now = try r.assignment(on: Self.day).pairs
        #expect(!now.contains { $0.officer == "D" })
        #expect(now.filter { $0.commune == "003" }.map(\.officer).sorted() == ["B", "C"])
        let periods = try r.history(officer: "D")
        #expect(periods.count == 1 && periods[0].end == Self.day && periods[0].endedBy == "QĐ 1", "\(periods)")
        let events = try r.rosterEvents(officer: "D")
        #expect(events == [RecordedRosterEvent(event: RosterEvent(kind: .leaves, officer: "D", officerName: "Phạm Thị Dung", communes: ["003"]),
                                               day: Self.day, decision: "QĐ 1")])
        #expect(try r.rosterEvents(through: Day(iso: "2025-12-31")!).isEmpty)
        #expect(try r.rosterEvents(officer: "A").isEmpty)
        #expect(try r.check().isEmpty)
        // The register then starts the next plan without D.
        #expect(try r.assignment().pairs.count == 5)
    }

    @Test("a decision with roster events that does not fit the register writes nothing",
          arguments: ["other difference", "other communes", "leaver given a commune", "unknown leaver", "joiner already tracking", "two events"])
    func refusals(_ case: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        let before = try r.dump()
        var a: Adoption
        var expected: String
        switch `case` {
        case "other difference":
            // Beside the departure, the plan starts from B on Xã Một, where the register has A.
            let base = Assignment(Province.current.pairs.filter { $0.officer != "D" && $0.commune != "001" } + [Pair(officer: "B", commune: "001")])
            a = Self.departure(base: base)
            expected = "different state of the register"
        case "other communes":
            a = Self.departure(communes: ["001"])
            expected = "in the register they track Phường Ba"
        case "leaver given a commune":
            a = Self.departure()
            a.changes.append(.init(commune: "001", from: ["A"], to: ["D"], why: "accepted move 2"))
            expected = "leaves with this decision"
        case "unknown leaver":
            a = Self.departure()
            a.roster = [RosterEvent(kind: .leaves, officer: "Z", officerName: "Không Ai", communes: [])]
            a.base = Province.current
            a.changes = []
            expected = "does not know Z"
        case "joiner already tracking":
            a = Province.swap()
            a.roster = [RosterEvent(kind: .joins, officer: "C", officerName: "Lê Văn Cường")]
            expected = "already has C tracking"
        default:
            a = Self.departure()
            a.roster.append(RosterEvent(kind: .onLeave, officer: "D", officerName: "Phạm Thị Dung"))
            expected = "twice"
        }
        do {
            _ = try r.adopt(a)
            Issue.record("adopted: \(`case`)")
        } catch {
            #expect(error.code == .refused, "\(error)")
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.contains("Nothing was written"), "\(error.message)")
        }
        #expect(try r.dump() == before)
        #expect(try r.rosterEvents().isEmpty)
    }

    @Test("an officer who joins is added to the roster; one on leave and one back are recorded")
    func joinLeaveReturn() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        var a = Adoption(reference: "QĐ 1", effective: Self.day, note: "", plan: "p1", base: Province.current, changes: [
            .init(commune: "001", from: ["A"], to: ["E"], why: "forced (leave)"),
            .init(commune: "004", from: ["A"], to: ["E"], why: "forced (leave)"),
        ], officerNames: [:])
        a.roster = [RosterEvent(kind: .joins, officer: "E", officerName: "Hồ Văn Em"), RosterEvent(kind: .onLeave, officer: "A", officerName: "Nguyễn Văn An")]
        let first = try r.adopt(a)
        #expect(first.newOfficers == ["E"])
        #expect(try r.roster().officers.contains { $0.id == "E" && $0.name == "Hồ Văn Em" })
        var back = Adoption(reference: "QĐ 2", effective: Day(iso: "2026-07-01")!, note: "", plan: "p2",
                            base: Assignment(Province.current.pairs.filter { $0.officer != "A" } + [Pair(officer: "E", commune: "001"), Pair(officer: "E", commune: "004")]),
                            changes: [.init(commune: "004", from: ["E"], to: ["A"], why: "accepted move 1")], officerNames: [:])
        back.roster = [RosterEvent(kind: .returns, officer: "A", officerName: "Nguyễn Văn An")]
        _ = try r.adopt(back)
        let events = try r.rosterEvents()
        #expect(events.map { "\($0.day) \($0.event.officer) \($0.event.kind.rawValue) \($0.decision)" }
                == ["2026-01-01 E joins QĐ 1", "2026-01-01 A on-leave QĐ 1", "2026-07-01 A returns QĐ 2"])
        #expect(try r.rosterEvents(officer: "A").map(\.event.kind) == [.onLeave, .returns])
        #expect(try r.check().isEmpty)
    }

    @Test("no period of an officer who left begins after the departure: the schema refuses it, check names it")
    func nothingAfterLeaving() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Self.departure())
        #expect(throws: (any Error).self) {
            try r.queue.write { db in
                try db.execute(sql: "INSERT INTO period (officer, commune, start_date, started_by) VALUES ('D', '001', '2026-02-01', 2)")
            }
        }
        #expect(try r.check().isEmpty)
        try r.queue.write { db in
            try db.execute(sql: "DROP TRIGGER period_not_after_leaving")
            try db.execute(sql: "INSERT INTO period (officer, commune, start_date, end_date, started_by, ended_by) VALUES ('D', '002', '2026-02-01', '2026-03-01', 2, 2)")
        }
        let problems = try r.check()
        #expect(problems.contains { $0.contains("Officer D left on 2026-01-01") && $0.contains("002") }, "\(problems)")
        // The roster events are never rewritten.
        #expect(throws: (any Error).self) { try r.queue.write { db in try db.execute(sql: "DELETE FROM roster_event") } }
        #expect(throws: (any Error).self) { try r.queue.write { db in try db.execute(sql: "UPDATE roster_event SET day = '2026-02-01'") } }
    }

    @Test("a checkpoint folds a left-over log back into the register and removes the -wal and -shm files")
    func checkpointRemovesTheLog() throws {
        let s = try Scratch()
        defer { s.remove() }
        let r = try Province.create(in: s)
        _ = try r.adopt(Self.departure())
        let expected = try r.dump()
        // The files as a process that stopped without closing the register leaves them.
        #expect(FileManager.default.fileExists(atPath: s.path("r.db-wal")), "the adoption is not in a log")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: s.path("r.db" + suffix)) {
            try FileManager.default.copyItem(atPath: s.path("r.db" + suffix), toPath: s.path("left.db" + suffix))
        }
        try r.close()
        try Register.checkpoint(at: s.path("left.db"))
        #expect(!FileManager.default.fileExists(atPath: s.path("left.db-wal")))
        #expect(!FileManager.default.fileExists(atPath: s.path("left.db-shm")))
        let reopened = try Register.open(at: s.path("left.db"), readOnly: true)
        #expect(try reopened.dump() == expected)
        #expect(try reopened.rosterEvents().count == 1)
        try reopened.close()
        // Nothing to fold: nothing happens, and a file that is not a register is refused.
        try Register.checkpoint(at: s.path("left.db"))
        try Data("not a register".utf8).write(to: URL(fileURLWithPath: s.path("other.db")))
        try Data().write(to: URL(fileURLWithPath: s.path("other.db-wal")))
        #expect(throws: RegisterError.self) { try Register.checkpoint(at: s.path("other.db")) }
    }
}
