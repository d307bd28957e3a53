/// Median, minimum and maximum of a few measurements: what every timed number of a results
/// file reports. The median, not the mean, is what comparisons use: one slow run of five
/// (another process woke up) moves it little.
public struct Summary: Codable, Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double

    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }

    /// The summary of `values`, or nil when there are none. With an even count the median is
    /// the mean of the two middle values.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = first
        max = last
    }

    /// The summary of the non-nil values of `values`, or nil when there are none.
    public init?(_ values: [Double?]) {
        self.init(values.compactMap { $0 })
    }
}
