/// Exact-weight 0/1 knapsack by dynamic programming: `best[c][u]` is the least total cost of a
/// subset of the items with exactly `c` items (when counts are tracked) and exactly `u` units,
/// `+∞` when none. A bit per item and state records whether the item was taken, so that any
/// state's subset can be rebuilt.
///
/// Complexity: O(items · (counts + 1) · (capacity + 1)) time, and as many bits of memory.
struct KnapsackTable {
    let capacity: Int
    /// Highest item count tracked; `nil` when counts are not tracked (one row).
    let maxCount: Int?
    private(set) var best: [Double]
    private var taken: [UInt64]
    private var itemUnits: [Int] = []
    private let stateCount: Int
    private let wordsPerItem: Int

    var rows: Int { (maxCount ?? 0) + 1 }
    var width: Int { capacity + 1 }

    init(capacity: Int, maxCount: Int?) {
        self.capacity = capacity
        self.maxCount = maxCount
        stateCount = ((maxCount ?? 0) + 1) * (capacity + 1)
        wordsPerItem = (stateCount + 63) / 64
        best = []
        taken = []
    }

    /// Fills the table for `items` (units, cost), in order.
    mutating func fill(_ items: [(units: Int, cost: Double)]) {
        itemUnits = items.map(\.units)
        best = [Double](repeating: .infinity, count: stateCount)
        best[0] = 0
        taken = [UInt64](repeating: 0, count: wordsPerItem * items.count)
        let width = self.width, capacity = self.capacity, words = wordsPerItem
        let counted = maxCount != nil
        let topRow = maxCount ?? 0
        best.withUnsafeMutableBufferPointer { b in
            taken.withUnsafeMutableBufferPointer { t in
                // Units no subset of the items so far can exceed: states above stay +∞.
                var reach = 0
                for (k, item) in items.enumerated() {
                    let w = item.units, cost = item.cost
                    guard w <= capacity else { continue }
                    let bitBase = k * words
                    reach = min(capacity, reach + w)
                    if counted {
                        var c = min(topRow, k + 1)
                        while c >= 1 {
                            Self.relax(b, t, bitBase: bitBase, to: c * width, from: (c - 1) * width, reach: reach, units: w, cost: cost)
                            c -= 1
                        }
                    } else {
                        Self.relax(b, t, bitBase: bitBase, to: 0, from: 0, reach: reach, units: w, cost: cost)
                    }
                }
            }
        }
    }

    /// One item on one row: `best[to + u] = min(best[to + u], best[from + u − w] + cost)` for u
    /// from `reach` down to `w`, marking the states it improves. Branch-free (the outcome is
    /// data-dependent), and the marks of 64 neighbouring states are gathered in a register
    /// before one store (a read-modify-write per state would chain through memory).
    @inline(__always)
    private static func relax(
        _ b: UnsafeMutableBufferPointer<Double>, _ t: UnsafeMutableBufferPointer<UInt64>,
        bitBase: Int, to: Int, from: Int, reach: Int, units w: Int, cost: Double
    ) {
        var u = reach
        while u >= w {
            let word = (to &+ u) &>> 6
            let wordStart = max(w, (word &<< 6) &- to)
            var bits: UInt64 = 0
            while u >= wordStart {
                let s = to &+ u
                let candidate = b[from &+ u &- w] + cost
                let old = b[s]
                let improved = candidate < old
                b[s] = improved ? candidate : old
                bits |= UInt64(improved ? 1 : 0) &<< UInt64(s & 63)
                u &-= 1
            }
            t[bitBase &+ word] |= bits
        }
    }

    @inline(__always)
    func value(count c: Int, units u: Int) -> Double { best[c * width + u] }

    /// The items (indices into the filled list) of the best subset with `count` items and `units`.
    func subset(count: Int, units: Int) -> [Int] {
        var c = count, u = units
        var out: [Int] = []
        var k = itemUnits.count - 1
        while k >= 0 {
            let s = c * width + u
            if taken[k * wordsPerItem + s >> 6] & (1 << UInt64(s & 63)) != 0 {
                out.append(k)
                u -= itemUnits[k]
                if maxCount != nil { c -= 1 }
            }
            k -= 1
        }
        return out.reversed()
    }
}
