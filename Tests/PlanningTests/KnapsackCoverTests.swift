import DiaBanTestSupport
import LinearModel
@testable import Planning
import ScenarioIO
import Testing

/// The exact cover separation against enumeration on random knapsack rows and fractional
/// points: every cut is violated at the point and valid for every integer point, and when it
/// finds none, no cover is violated.
@Suite struct KnapsackCoverTests {
    @Test(arguments: (0..<120).map { UInt64($0) })
    func coversAreViolatedValidAndExact(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0xC0DE &+ seed)
        let n = rng.int(2...10)
        let weights = (0..<n).map { _ in (rng.uniform(0.5...3) * 100).rounded() / 100 }
        let capacity = ((weights.reduce(0, +) * rng.uniform(0.3...0.8)) * 100).rounded() / 100
        var model = LinearModel(name: "row")
        let x = (0..<n).map { model.addVariable("x\($0)", kind: .binary, upper: 1) }
        model.addConstraint("cap", zip(x, weights).map { ($0, $1) }, upper: capacity)
        let point = (0..<n).map { _ in rng.chance(0.3) ? 0 : rng.chance(0.3) ? 1 : rng.uniform(0...1) }
        let separator = KnapsackCoverSeparator(model: model)
        #expect(separator.rowCount == (weights.reduce(0, +) > capacity ? 1 : 0))
        let cuts = separator.cuts(for: point)
        // The least Σ(1 − x*) over all covers, by enumeration.
        var least = Double.infinity
        for mask in 1..<(1 << n) {
            let members = (0..<n).filter { mask & (1 << $0) != 0 }
            if members.reduce(0.0, { $0 + weights[$1] }) > capacity + 1e-9 {
                least = min(least, members.reduce(0.0) { $0 + 1 - point[$1] })
            }
        }
        if least < 1 - 1e-6 {
            #expect(cuts.count == 1, "seed \(seed): a cover is violated (slack \(least)) but none was found")
        } else {
            #expect(cuts.isEmpty, "seed \(seed): no cover is violated, yet a cut was returned")
        }
        for cut in cuts {
            #expect(cut.violation(point) > 1e-6)
            // Valid for every integer point of the row.
            for mask in 0..<(1 << n) {
                let v = (0..<n).map { Double((mask >> $0) & 1) }
                if zip(v, weights).reduce(0, { $0 + $1.0 * $1.1 }) <= capacity + 1e-9 {
                    #expect(cut.violation(v) <= 1e-9, "seed \(seed): the cut cuts off the integer point \(v)")
                }
            }
        }
    }

    @Test func rowsWithContinuousColumnsOrLowerBoundsAreLeftAlone() {
        var model = LinearModel(name: "m")
        let a = model.addVariable("a", kind: .binary, upper: 1)
        let b = model.addVariable("b", kind: .binary, upper: 1)
        let c = model.addVariable("c")
        model.addConstraint("mixed", [(a, 3), (b, 3), (c, 1)], upper: 4)
        model.addConstraint("cover", [(a, 3), (b, 3)], lower: 1, upper: 4)
        model.addConstraint("easy", [(a, 1), (b, 1)], upper: 5)
        #expect(KnapsackCoverSeparator(model: model).rowCount == 0)
    }
}
