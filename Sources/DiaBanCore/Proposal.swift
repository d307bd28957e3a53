/// One change a leader is asked to approve: a commune handed from some officers to others.
public struct Move: Sendable, Equatable, Codable {
    public var commune: String
    public var from: [String]
    public var to: [String]
    /// Points gained by the move, per objective term (positive = better).
    public var gains: [String: Double]
    /// The reason in plain words.
    public var reason: String
    /// When a hard rule forces the commune to change (its current pair cannot continue), which:
    /// `leave`, `home-commune`, `rotation`, `forbidden` or `staffing`; nil for a move made to
    /// gain points, which a leader may reject.
    public var forcedBy: String?
    public init(commune: String, from: [String], to: [String], gains: [String: Double], reason: String, forcedBy: String? = nil) {
        self.commune = commune
        self.from = from
        self.to = to
        self.gains = gains
        self.reason = reason
        self.forcedBy = forcedBy
    }
    /// The sum of the gains, added in key order so that the total is the same on every run.
    public var totalGain: Double { gains.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } }
}

/// The reassignment proposal: the moves from the current assignment to the plan, the most
/// valuable first.
public struct Proposal: Sendable, Equatable {
    public var moves: [Move]
    public init(moves: [Move]) { self.moves = moves }
}

extension Proposal {
    /// For a move that costs points, the move it makes room for: the first other move, in
    /// proposal order, that gives a commune to an officer this move relieves. Its index in
    /// `moves`, and that officer; nil when no move takes what this one frees.
    public static func roomMade(by index: Int, in moves: [Move]) -> (index: Int, officer: String)? {
        let m = moves[index]
        for (j, other) in moves.enumerated() where j != index {
            if let officer = m.from.first(where: { other.to.contains($0) }) { return (j, officer) }
        }
        return nil
    }
}
