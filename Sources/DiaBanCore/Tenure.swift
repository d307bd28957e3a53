/// How long officers may stay with one commune: pairs at or past `maxYears` must change
/// (`hard`) or cost `Weights.rotation` points for each year at or past the limit (`soft`).
public struct Rotation: Sendable, Equatable {
    public enum Mode: String, Sendable, Codable, CaseIterable { case hard, soft }
    /// Whole years after which a pair is due for rotation, at least 1.
    public var maxYears: Int
    public var mode: Mode
    public init(maxYears: Int, mode: Mode) {
        self.maxYears = maxYears
        self.mode = mode
    }
}

extension Scenario {
    /// Whole years the current pair has lasted on ``asOf``; nil when its start (``since``, which
    /// only current pairs have) or the plan's date is unknown.
    public func tenureYears(_ pair: Pair) -> Int? {
        guard let asOf, let start = since[pair] else { return nil }
        return start.wholeYears(to: asOf)
    }

    /// Years at or past the rotation limit of a current pair: 0 below the limit, 1 at exactly
    /// `maxYears`, 2 a year later, and so on. 0 without a rotation rule or a known tenure.
    public func yearsDue(_ pair: Pair) -> Int {
        guard let rotation = rules.rotation, let years = tenureYears(pair), years >= rotation.maxYears else { return 0 }
        return years - rotation.maxYears + 1
    }

    /// The years due of every current pair that has some, when the rotation rule is soft (what
    /// the continuity term charges `Weights.rotation` for); empty otherwise.
    public var softRotationYearsDue: [Pair: Int] {
        guard rules.rotation?.mode == .soft else { return [:] }
        var due: [Pair: Int] = [:]
        for pair in current.pairs { let y = yearsDue(pair); if y > 0 { due[pair] = y } }
        return due
    }

    /// The current pairs the rotation rule asks to change, sorted.
    public var pairsDueForRotation: [Pair] {
        guard rules.rotation != nil else { return [] }
        return current.pairs.filter { yearsDue($0) > 0 }
    }

    /// With a hard rotation rule, every pair due for rotation is forbidden: the plan must change
    /// it. Returns the pairs added to ``forbidden``.
    @discardableResult
    public mutating func forbidPairsDueForRotation() -> [Pair] {
        guard rules.rotation?.mode == .hard else { return [] }
        let already = Set(forbidden)
        let due = pairsDueForRotation.filter { !already.contains($0) }
        forbidden += due
        return due
    }

    /// "5 years in this commune; the rotation rule asks for a change", for a pair due.
    public func rotationReason(_ pair: Pair) -> String? {
        guard let rotation = rules.rotation, let years = tenureYears(pair), years >= rotation.maxYears else { return nil }
        return "\(years) year\(years == 1 ? "" : "s") in this commune; the rotation rule (\(rotation.maxYears) years, \(rotation.mode.rawValue)) asks for a change"
    }
}
