/// Loads measured in whole units of a quantum `q`, so that dynamic programming can index them.
///
/// When every weight of an agent is a multiple of `q` (workloads given to two decimals, GAP's
/// integer resources) the grid is **exact**: a set's load is `q·Σ units` and the pricing is
/// exact. Otherwise the grid is a **relaxation**: each weight is rounded down, so every set
/// that fits the capacity still fits on the grid, and a set's true load lies in
/// `[q·Σ units, q·(Σ units + slack)]` with `slack` the most items a set can hold; penalties are
/// then bounded from below over that interval, and the pricing gives a valid lower bound.
struct LoadGrid: Sendable, Equatable {
    let quantum: Double
    let exact: Bool
    /// Capacity in units.
    let capacity: Int
    /// Items' worth of rounding a set's load may hide (0 on an exact grid).
    let slack: Int

    /// Exact grids hold at most this many units of capacity; finer data is relaxed.
    static let maxExactUnits = 200_000
    /// Units of capacity on a relaxed grid.
    static let relaxedUnits = 20_000

    /// The coarsest exact grid among q = 1, 0.1, …, 10⁻⁶ for these weights and capacity, or a
    /// relaxed grid. `maxItems` bounds how many items a set can hold (for the relaxed slack).
    static func make(weights: [Double], capacity: Double, maxItems: Int) -> LoadGrid {
        let cap = max(0, capacity)
        var scale = 1.0
        for _ in 0...6 {
            let units = cap * scale
            if units > Double(maxExactUnits) { break }
            if weights.allSatisfy({ w in abs(w * scale - (w * scale).rounded()) <= 1e-6 }) {
                return LoadGrid(quantum: 1 / scale, exact: true, capacity: Int((units + 1e-6).rounded(.down)), slack: 0)
            }
            scale *= 10
        }
        let q = cap > 0 ? cap / Double(relaxedUnits) : 1
        return LoadGrid(quantum: q, exact: false, capacity: cap > 0 ? relaxedUnits : 0, slack: max(0, maxItems))
    }

    /// A weight in units: exact, or rounded down on a relaxed grid.
    func units(_ weight: Double) -> Int {
        let u = weight / quantum
        return exact ? Int(u.rounded()) : Int((u + 1e-9).rounded(.down))
    }
}

/// A convex penalty `rate·(deviation of a load outside [low, high])`, evaluated on a grid as
/// a lower bound over the loads a grid point may stand for (the point itself on an exact grid).
struct BandPenalty: Sendable {
    let rate: Double
    let low: Double
    let high: Double
    let quantum: Double
    let slack: Int

    init(rate: Double, band: ClosedRange<Double>, grid: LoadGrid) {
        self.rate = max(0, rate)
        self.low = band.lowerBound
        self.high = band.upperBound
        self.quantum = grid.quantum
        self.slack = grid.slack
    }

    var isZero: Bool { rate == 0 || (low == -.infinity && high == .infinity) }

    @inline(__always)
    func value(at u: Int) -> Double {
        if rate == 0 { return 0 }
        let lowest = quantum * Double(u), highest = quantum * Double(u + slack)
        if highest < low { return rate * (low - highest) }
        if lowest > high { return rate * (lowest - high) }
        return 0
    }

    /// The penalty on `0...capacity` as at most three affine pieces `c + d·u` on consecutive
    /// ranges of `u` (below the band, in it, above it).
    func pieces(capacity: Int) -> [(range: ClosedRange<Int>, constant: Double, slope: Double)] {
        if isZero { return [(0...capacity, 0, 0)] }
        // Below the band: q·(u + slack) < low  ⇔  u < low/q − slack.
        let belowEnd: Int = low == -.infinity ? -1 : Int(max(-1, min(Double(capacity), (low / quantum - Double(slack)).rounded(.up) - 1)))
        // Above the band: q·u > high  ⇔  u > high/q.
        let aboveStart: Int = high == .infinity ? capacity + 1 : Int(max(0, min(Double(capacity + 1), (high / quantum).rounded(.down) + 1)))
        var out: [(ClosedRange<Int>, Double, Double)] = []
        if belowEnd >= 0 { out.append((0...belowEnd, rate * (low - quantum * Double(slack)), -rate * quantum)) }
        let midLow = belowEnd + 1, midHigh = aboveStart - 1
        if midLow <= midHigh { out.append((midLow...midHigh, 0, 0)) }
        if aboveStart <= capacity { out.append((max(aboveStart, midLow)...capacity, -rate * high, rate * quantum)) }
        return out
    }
}
