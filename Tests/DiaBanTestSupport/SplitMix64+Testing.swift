import ScenarioIO

/// Range draws for random test scenarios, on the project's own seeded generator.
extension SplitMix64 {
    public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double { uniform(range.lowerBound, range.upperBound) }
}
