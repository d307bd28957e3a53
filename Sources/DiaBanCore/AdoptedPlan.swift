/// A plan about to be adopted, as its solve document (`plan.json`) gives it: where it started,
/// its moves, its names.
public struct AdoptedPlan: Sendable {
    /// How messages name the plan (`out/plan.json`).
    public var name: String
    /// The plan's status (`optimal`, `feasible`, …) and whether it holds a plan at all.
    public var status: String
    public var hasPlan: Bool
    /// False when the plan was made with decisions and does not honour every one of them.
    public var honoursItsDecisions: Bool
    /// The assignment the plan started from: it must be the register's state.
    public var base: Assignment
    public var moves: [Move]
    public var officerNames: [String: String]
    public var communeNames: [String: String]
    /// The plan's fingerprint: the same plan is never adopted twice.
    public var fingerprint: String
    /// The roster changes the plan was made with; `base` is the assignment after them (an
    /// officer who leaves has no pair in it).
    public var roster: [RosterEvent]

    public init(name: String, status: String, hasPlan: Bool, honoursItsDecisions: Bool, base: Assignment, moves: [Move],
                officerNames: [String: String], communeNames: [String: String], fingerprint: String, roster: [RosterEvent] = []) {
        self.name = name
        self.status = status
        self.hasPlan = hasPlan
        self.honoursItsDecisions = honoursItsDecisions
        self.base = base
        self.moves = moves
        self.officerNames = officerNames
        self.communeNames = communeNames
        self.fingerprint = fingerprint
        self.roster = roster
    }
}
