import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

/// A store of assignments as the loader sees it: what it was asked, and what it answers.
final class RecordingSource: CurrentAssignmentSource, @unchecked Sendable {
    let answer: Result<CurrentAssignmentRecord, SourceFailure>
    private(set) var asked: [(path: String, day: Day?)] = []
    init(_ answer: Result<CurrentAssignmentRecord, SourceFailure>) { self.answer = answer }
    func currentAssignment(at path: String, on day: Day?) throws -> CurrentAssignmentRecord {
        asked.append((path, day))
        return try answer.get()
    }
}

struct SourceFailure: Error, CustomStringConvertible { var description: String }

/// A scenario that takes its current assignment from a register reads it through the source
/// it is given, and only through it.
@Suite("The current assignment from a register, through CurrentAssignmentSource")
struct CurrentSourceTests {
    static let baseline = packageRoot + "/scenarios/nghe-an/baseline.yaml"

    func scenario(in s: Scratch, asOf: String? = nil) throws -> String {
        try s.write("from-register.yaml", "name: Thử\nbase: \(Self.baseline)\n" + (asOf.map { "asOf: \($0)\n" } ?? "") + "tables: {current: {register: r.db}}\n")
        return s.path("from-register.yaml")
    }

    @Test("the pairs, their start, the standing refusals and the officers who left come from the source")
    func readsThroughTheSource() throws {
        let s = try Scratch()
        defer { s.remove() }
        let base = try ScenarioLoader.load(path: Self.baseline)
        let leaver = base.current.pairs[0].officer
        let heir = base.officers.first { o in o.id != leaver }!.id
        // The register's state: the leaver's communes with the heir, each since 2026-01-01.
        let day = Day(iso: "2026-01-01")!
        let names = Dictionary(base.officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let held = base.current.pairs.map { p -> HeldPair in
            let o = p.officer == leaver ? heir : p.officer
            return HeldPair(commune: p.commune, communeName: base.commune(p.commune)!.name, officer: o, officerName: names[o]!,
                            since: day, years: 0, days: 0, decision: "QĐ 1")
        }
        let pairs = Set(held.map { Pair(officer: $0.officer, commune: $0.commune) })
        let rejected = Pair(officer: heir, commune: base.communes.first { c in !pairs.contains(Pair(officer: heir, commune: c.code)) }!.code)
        var record = CurrentAssignmentRecord(day: day, pairs: held, standing: StandingRefusals(reference: "QĐ 1", rejected: [rejected], kept: []),
                                             first: Day(iso: "2025-07-01")!, last: day)
        record.left = [leaver]
        let source = RecordingSource(.success(record))
        let loaded = try ScenarioLoader.loadDetailed(path: try scenario(in: s), current: source)
        #expect(source.asked.count == 1 && source.asked[0].path == s.path("r.db") && source.asked[0].day == nil)
        #expect(loaded.scenario.current.pairSet == pairs)
        #expect(loaded.scenario.since.values.allSatisfy { $0 == day })
        #expect(loaded.scenario.asOf == day)
        #expect(loaded.scenario.forbidden.contains(rejected))
        #expect(loaded.scenario.officer(leaver) == nil, "an officer who left is still planned")
        #expect(loaded.warnings.contains { $0.message.contains("\(leaver)") && $0.message.contains("left the roster") })
    }

    @Test("without a source, or when the source fails, the scenario is refused with the reason and the field")
    func refusedWithoutASource() throws {
        let s = try Scratch()
        defer { s.remove() }
        let path = try scenario(in: s, asOf: "2026-02-01")
        for (source, expected) in [(nil, "this program reads no register"),
                                   (RecordingSource(.failure(SourceFailure(description: "There is no register at r.db."))), "There is no register at r.db.")] as [(RecordingSource?, String)] {
            do {
                _ = try ScenarioLoader.loadDetailed(path: path, current: source)
                Issue.record("loaded without a readable register")
            } catch {
                #expect(error.errors.contains { $0.message.contains(expected) && $0.location.field == "tables.current.register" }, "\(error.errors)")
            }
            if let source { #expect(source.asked.first?.day == Day(iso: "2026-02-01")) }
        }
    }

    @Test("a what-if that removes, adds or sends an officer on leave records its roster events in order")
    func rosterEvents() throws {
        let s = try Scratch()
        defer { s.remove() }
        let base = try ScenarioLoader.load(path: Self.baseline)
        let leaver = base.current.pairs[0].officer
        let away = base.officers.first { $0.id != leaver && $0.isActive }!.id
        try s.write("w.yaml", """
            name: Thử
            base: \(Self.baseline)
            changes:
              - {op: removeOfficer, officer: \(leaver)}
              - {op: addOfficer, officer: {id: NEW1, name: Hồ Văn Mới, capacity: 5}}
              - {op: setOfficerStatus, officer: \(away), status: leave}
              - {op: setOfficerStatus, officer: NEW1, status: active}

            """)
        let loaded = try ScenarioLoader.load(path: s.path("w.yaml"))
        #expect(loaded.rosterEvents.map { "\($0.kind.rawValue) \($0.officer)" } == ["leaves \(leaver)", "joins NEW1", "on-leave \(away)"])
        #expect(loaded.rosterEvents[0].communes == base.current.pairs.filter { $0.officer == leaver }.map(\.commune).sorted())
        #expect(try ScenarioLoader.load(path: Self.baseline).rosterEvents.isEmpty)
    }
}
