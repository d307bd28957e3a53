import GAPLibrary
import LinearModel
import Testing
@testable import BenchKit

/// A row of optima.csv (PublishedOptimum has no public memberwise initializer).
private func published(_ name: String, _ sense: String, _ value: Int, proven: Bool) -> PublishedOptimum {
    PublishedOptimum.parseTable("instance,sense,best_known,proven_optimal,source\n\(name),\(sense),\(value),\(proven),test\n")[0]
}

private let optimum = published("gap1-1", "max", 336, proven: true)

private func judge(_ status: String, _ objective: Double?, bound: Double? = nil, sense: LinearModel.Sense = .maximize,
                   published: PublishedOptimum? = optimum) -> GAPInstanceResult {
    GAPInstanceResult.judge(instance: "gap1-1", sense: sense, status: status, objective: objective, bound: bound,
                            seconds: 1, nodes: 1, published: published)
}

@Test func aProvenOptimumEqualToThePublishedOneMatches() {
    #expect(judge("optimal", 336, bound: 336).verdict == .match)
}

@Test func aWrongOptimumIsABug() {
    let r = judge("optimal", 335, bound: 335)
    #expect(r.verdict == .wrong)
    #expect(r.note == "claimed optimal 335, published optimum 336")
}

@Test func aValueBeyondTheOptimumOrABoundCuttingItOffIsABug() {
    #expect(judge("feasible", 337, bound: 340).verdict == .wrong)
    #expect(judge("feasible", 330, bound: 335).verdict == .wrong)
    let min = published("d05100", "min", 6353, proven: true)
    #expect(judge("feasible", 6395, bound: 6354, sense: .minimize, published: min).verdict == .wrong)
    #expect(judge("feasible", 6395, bound: 6300, sense: .minimize, published: min).verdict == .unproven)
    #expect(judge("infeasible", nil, published: min).verdict == .wrong)
}

@Test func unprovenAndOpenInstances() {
    #expect(judge("feasible", 330, bound: 340).verdict == .unproven)
    #expect(judge("no-solution", nil).verdict == .unproven)
    #expect(judge("failed", nil).verdict == .failed)
    let open = published("d20200", "min", 12241, proven: false)
    #expect(judge("optimal", 12240, bound: 12240, sense: .minimize, published: open).verdict == .open)
}
