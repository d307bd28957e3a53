import GAPLibrary
import LinearModel
import Testing
@testable import BenchKit

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

@Test func aBoundPassingABestKnownValueIsABug() {
    // d20200's best known value is an upper bound from a known assignment: a lower bound above
    // it is wrong, even though the value is not proven optimal.
    let best = published("d20200", "min", 12241, proven: false)
    let above = judge("feasible", 12300, bound: 12250, sense: .minimize, published: best)
    #expect(above.verdict == .wrong)
    #expect(above.note == "bound 12250 excludes the best known value 12241")
    #expect(judge("no-solution", nil, bound: 12250, sense: .minimize, published: best).verdict == .wrong)
    #expect(judge("feasible", 12300, bound: 12235, sense: .minimize, published: best).verdict == .unproven)
    // A claimed optimum worse than a known assignment is wrong too.
    #expect(judge("optimal", 12245, bound: 12245, sense: .minimize, published: best).verdict == .wrong)
    // Beating a best known value is a new record, not a bug.
    #expect(judge("optimal", 12239, bound: 12239, sense: .minimize, published: best).verdict == .open)
}

@Test func aBoundCuttingOffAPublishedOptimumIsABugWithoutAPlanToo() {
    let r = judge("no-solution", nil, bound: 330)
    #expect(r.verdict == .wrong)
    #expect(r.note == "bound 330 excludes the published optimum 336")
    #expect(judge("no-solution", nil, bound: 340).verdict == .unproven)
}
