import DiaBanCore
import Foundation
import GLPKSolver
import Planning
import Reporting
import Testing

/// A what-if that changes the roster shows, in the report and the reasons, who left, who is on
/// leave and who is new, beside the officers concerned.
@Suite("Roster changes in the plan's outputs")
struct RosterMarksTests {
    /// The small province where CB03 leaves, CB05 joins with CB03's specialty, CB04 is back from
    /// leave and CB02 goes on leave.
    static func solved() throws -> (Scenario, SolveReport) {
        var s = smallScenario()
        try ScenarioChange.removeOfficer("CB03").apply(to: &s)
        try ScenarioChange.addOfficer(Officer(id: "CB05", name: "Hồ Văn Mới", base: s.headquarters, specialties: ["coastal-fisheries"], capacity: 8)).apply(to: &s)
        try ScenarioChange.setOfficerStatus(officer: "CB04", status: .active).apply(to: &s)
        try ScenarioChange.setOfficerStatus(officer: "CB02", status: .leave).apply(to: &s)
        let outcome = try Planner(solver: GLPKSolver()).plan(s, request: PlanRequest(scenario: s, timeLimit: 20))
        return (s, SolveReport(outcome, scenario: s))
    }

    @Test("the plan carries the roster events; reasons and the HTML report mark the officer who leaves, the one on leave and the new one")
    func marks() throws {
        let (s, report) = try Self.solved()
        #expect(report.status == "optimal", "\(report.status)")
        #expect(report.roster?.map(\.kind) == [.leaves, .joins, .returns, .onLeave])
        let leftCommunes = try #require(report.roster?.first).communes
        #expect(!leftCommunes.isEmpty)
        for code in leftCommunes {
            let move = try #require(report.moves.first { $0.commune == code }, "no move for \(code)")
            #expect(move.from.isEmpty)
            #expect(move.reason.contains("Trần Đức Hiếu (CB03, leaves) → "), "\(move.reason)")
        }
        let toNew = report.moves.filter { $0.to.contains("CB05") }
        #expect(!toNew.isEmpty, "the new officer, the only one with coastal-fisheries, took no commune")
        let fromLeave = report.moves.filter { $0.from.contains("CB02") }
        #expect(!fromLeave.isEmpty)
        #expect(fromLeave.allSatisfy { $0.reason.contains("Lô Văn Thắng (CB02, on leave)") })
        let vi = HTMLReport.render(solve: report, scenario: s, lang: .vi)
        let en = HTMLReport.render(solve: report, scenario: s, lang: .en)
        #expect(vi.contains("Trần Đức Hiếu <span class=\"id\">CB03</span> (rời đi)"))
        #expect(en.contains("Trần Đức Hiếu <span class=\"id\">CB03</span> (leaves)"))
        #expect(vi.contains("<span class=\"id\">CB02</span> (nghỉ phép)") && en.contains("<span class=\"id\">CB02</span> (on leave)"))
        #expect(vi.contains("<span class=\"id\">CB05</span> (mới)") && en.contains("<span class=\"id\">CB05</span> (new)"))
        // A plan without roster changes has no marks, and the document no roster field.
        let plain = try BundledSolve.get().report
        #expect(plain.roster == nil)
        #expect(!String(decoding: try plain.jsonData(), as: UTF8.self).contains("\"roster\""))
    }
}
