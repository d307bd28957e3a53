/// One officer tracking one commune.
public struct Pair: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var officer: String
    public var commune: String
    public init(officer: String, commune: String) { self.officer = officer; self.commune = commune }
    public static func < (a: Self, b: Self) -> Bool { (a.commune, a.officer) < (b.commune, b.officer) }
    public var description: String { "\(officer)→\(commune)" }
}

/// Who tracks which commune: a set of pairs, kept sorted (commune, then officer) so that every
/// output derived from it is deterministic.
public struct Assignment: Sendable, Hashable {
    public private(set) var pairs: [Pair]

    public init<S: Sequence>(_ pairs: S) where S.Element == Pair {
        self.pairs = Array(Set(pairs)).sorted()
    }

    public static let empty = Assignment([])

    public func contains(_ pair: Pair) -> Bool { pairSet.contains(pair) }
    public var pairSet: Set<Pair> { Set(pairs) }

    /// Officers of each commune, sorted.
    public var officersByCommune: [String: [String]] {
        Dictionary(grouping: pairs, by: \.commune).mapValues { $0.map(\.officer).sorted() }
    }

    /// Communes of each officer, sorted.
    public var communesByOfficer: [String: [String]] {
        Dictionary(grouping: pairs, by: \.officer).mapValues { $0.map(\.commune).sorted() }
    }

    /// Pairs in `self` but not in `other`.
    public func pairsNotIn(_ other: Assignment) -> [Pair] {
        let o = other.pairSet
        return pairs.filter { !o.contains($0) }
    }
}
