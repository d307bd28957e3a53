/// A leader's answer to one proposed move, as written in `decisions.csv`.
public struct Decision: Sendable, Equatable, Codable {
    /// What the leader decided.
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        /// The move is approved: its new pair is locked.
        case accept
        /// The move is refused: its new officer is forbidden for the commune, which may still
        /// go to someone else.
        case reject
        /// The move is refused and the commune stays as it is: its current pair is locked.
        case keep
        /// The move's new officer is given no new commune, this one or any other (an
        /// officer-level hold): every pair of theirs the current assignment does not hold is
        /// forbidden, so the commune goes to someone else or stays.
        case hold
        /// Not decided yet: the plan is free.
        case pending

        /// The words a decisions file may use for each verdict (matched without case or
        /// diacritics): English, and Vietnamese as leaders write it.
        public static let words: [(word: String, verdict: Verdict)] = [
            ("accept", .accept), ("accepted", .accept), ("dong-y", .accept), ("chap-nhan", .accept),
            ("reject", .reject), ("rejected", .reject), ("khong-dong-y", .reject), ("tu-choi", .reject),
            ("keep", .keep), ("giu", .keep), ("giu-nguyen", .keep),
            ("hold", .hold), ("held", .hold), ("khong-giao-them", .hold),
            ("pending", .pending), ("cho", .pending), ("chua-quyet-dinh", .pending),
        ]
    }

    /// The move's number in the proposal.
    public var move: Int
    public var commune: String
    /// The commune's current officers the move takes it from, and the officers it gives it to.
    public var from: [String]
    public var to: [String]
    /// The points the proposal said the move gains.
    public var gain: Double?
    public var verdict: Verdict
    public var note: String
    /// The line of the decisions file.
    public var line: Int
    /// A decision carried from an earlier round (`source` = `earlier`): it still stands, but
    /// its move is not one of the plan the file was written with.
    public var earlier: Bool = false

    public init(move: Int, commune: String, from: [String], to: [String], gain: Double?, verdict: Verdict, note: String, line: Int, earlier: Bool = false) {
        self.move = move
        self.commune = commune
        self.from = from
        self.to = to
        self.gain = gain
        self.verdict = verdict
        self.note = note
        self.line = line
        self.earlier = earlier
    }

    /// The pairs an `accept` locks.
    public var newPairs: [Pair] { to.map { Pair(officer: $0, commune: commune) } }
    /// The pairs a `keep` locks.
    public var currentPairs: [Pair] { from.map { Pair(officer: $0, commune: commune) } }
    /// The officers a `hold` gives no new commune: the move's new officers.
    public var heldOfficers: [String] { verdict == .hold ? to : [] }
}

extension Scenario {
    /// The scenario with a leader's decisions as edits: an accepted move locks its new pairs; a
    /// rejected move forbids them; `keep` locks the current pairs; `hold` forbids every pair of
    /// the move's new officers that the current assignment does not hold; pending rows change
    /// nothing.
    public func applying(_ decisions: [Decision]) -> Scenario {
        var s = self
        var locked = Set(s.locked), forbidden = Set(s.forbidden)
        let held = current.pairSet
        for d in decisions {
            switch d.verdict {
            case .accept: for p in d.newPairs where locked.insert(p).inserted { s.locked.append(p) }
            case .reject: for p in d.newPairs where forbidden.insert(p).inserted { s.forbidden.append(p) }
            case .keep: for p in d.currentPairs where locked.insert(p).inserted { s.locked.append(p) }
            case .hold:
                for officer in d.to {
                    for c in communes {
                        let p = Pair(officer: officer, commune: c.code)
                        if !held.contains(p) && forbidden.insert(p).inserted { s.forbidden.append(p) }
                    }
                }
            case .pending: break
            }
        }
        return s
    }

    /// The communes a plan gives `officer` that the current assignment does not.
    public func newCommunes(of officer: String, in plan: Assignment) -> [String] {
        let held = current.pairSet
        return plan.pairs.filter { $0.officer == officer && !held.contains($0) }.map(\.commune).sorted()
    }

    /// The plan the decisions were made on: the current assignment with every move of the
    /// file applied, whatever its verdict (decisions carried from an earlier round aside).
    public func proposedPlan(_ decisions: [Decision]) -> Assignment {
        var pairs = current.pairSet
        for d in decisions where !d.earlier {
            for p in d.currentPairs { pairs.remove(p) }
            for p in d.newPairs { pairs.insert(p) }
        }
        return Assignment(pairs)
    }
}
