import DiaBanCore
import Foundation
import Testing
@testable import Register

/// A register written by an earlier release opens in this one, upgraded, with its record intact.
@Suite struct UpgradeTests {
    static func fixtureCopy(_ name: String, in scratch: Scratch) throws -> String {
        let source = try #require(Bundle.module.url(forResource: name, withExtension: "sqlite", subdirectory: "Fixtures"))
        let path = scratch.path(name + ".sqlite")
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        return path
    }

    @Test func schemaV1OpensAndKeepsItsRecord() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try Self.fixtureCopy("register-v1", in: scratch)
        let register = try Register.open(at: path)
        defer { try? register.close() }
        #expect(try register.check().isEmpty)
        let decisions = try register.decisions()
        #expect(decisions.count == 2)
        #expect(decisions.last?.reference == "Quyết định số 15/QĐ-TU")
        #expect(decisions.map(\.effective.description) == ["2025-07-01", "2026-01-01"])
        let roster = try register.roster()
        #expect(roster.officers.count == 44)
        #expect(roster.communes.count == 130)
        let pairs = { (day: String) throws -> Set<Pair> in
            Set(try register.assignment(on: Day(iso: day)!).pairs.map { Pair(officer: $0.officer, commune: $0.commune) })
        }
        let before = try pairs("2025-12-31")
        let after = try pairs("2026-01-01")
        #expect(before.count == 130)
        #expect(after.count == 130)
        #expect(before.subtracting(after).count == 38)
    }

    @Test func schemaV1TakesTheVisitsMigrationOnOpen() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try Self.fixtureCopy("register-v1", in: scratch)
        // Read-only, an older register is refused, untouched.
        #expect(throws: RegisterError.self) { try Register.open(at: path, readOnly: true) }
        let register = try Register.open(at: path)
        defer { try? register.close() }
        let roster = try register.roster()
        let officer = roster.officers[0].id, commune = roster.communes[0].code
        let visit = VisitRecord(day: Day(iso: "2026-02-03")!, officer: officer, commune: commune, note: "họp dân")
        #expect(try register.record(visits: [(visit, "test")]) == 1)
        #expect(try register.visits() == [visit])
        #expect(try register.check().isEmpty)
        #expect(try register.decisions().count == 2)
        // Refused as a whole: one unknown officer in the list leaves none of it written.
        let other = VisitRecord(day: Day(iso: "2026-02-04")!, officer: officer, commune: commune)
        #expect(throws: RegisterError.self) { try register.record(visits: [(other, "a"), (VisitRecord(day: other.day, officer: "NOBODY", commune: commune), "b")]) }
        #expect(try register.visits() == [visit])
        #expect(throws: RegisterError.self) { try register.record(visits: [(visit, "again")]) }
    }

    @Test func schemaV2IsReadAsItIsAndRecordsADepartureOnceUpgraded() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try Self.fixtureCopy("register-v2", in: scratch)
        // Read-only it is read as it is, with no roster event yet, and not a byte of it changes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try Register.open(at: path, readOnly: true)
        #expect(try reader.rosterEvents().isEmpty)
        #expect(try reader.decisions().map(\.reference) == ["init 2025-07-01", "Quyết định số 15/QĐ-TU"])
        #expect(try reader.check().isEmpty)
        try reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)

        // Opened for writing it takes the roster-events migration, and keeps its record.
        let register = try Register.open(at: path)
        defer { try? register.close() }
        #expect(try register.visits().count == 1)
        let held = try register.assignment().pairs
        #expect(held.count == 130)
        let leaver = held[0].officer
        let theirs = held.filter { $0.officer == leaver }.map(\.commune).sorted()
        let busy = Set(held.filter { theirs.contains($0.commune) }.map(\.officer))
        let heir = try #require(held.first { !busy.contains($0.officer) }?.officer)
        let base = Assignment(held.filter { $0.officer != leaver }.map { Pair(officer: $0.officer, commune: $0.commune) })
        var a = Adoption(reference: "Quyết định số 20/QĐ-TU", effective: Day(iso: "2026-07-01")!, note: "", plan: "leave", base: base,
                         changes: theirs.map { .init(commune: $0, from: [], to: [heir], why: "forced (staffing)") }, officerNames: [:])
        a.roster = [RosterEvent(kind: .leaves, officer: leaver, officerName: held[0].officerName, communes: theirs)]
        let result = try register.adopt(a)
        #expect(result.ended.count == theirs.count && result.began.count == theirs.count)
        #expect(try register.rosterEvents(officer: leaver).map(\.event) == [a.roster[0]])
        #expect(!(try register.assignment().pairs.contains { $0.officer == leaver }))
        #expect(try register.check().isEmpty)
    }
}
