/// Where a scenario's current assignment comes from when its file names a register
/// (`tables: {current: {register: FILE}}`) rather than a table.
///
/// The scenario reader asks through this protocol and never opens the store itself; whoever
/// composes the program (the command line, the workspace) hands it the register's adapter.
public protocol CurrentAssignmentSource: Sendable {
    /// The assignment kept in the store at `path` on `day` (default: its last decision's
    /// effective day). Throws an error whose description is a whole sentence when the store
    /// cannot be read.
    func currentAssignment(at path: String, on day: Day?) throws -> CurrentAssignmentRecord
}

/// What a store of assignments says about one day: the pairs in force, the refusals of its
/// last decision, and the span of its decisions.
public struct CurrentAssignmentRecord: Sendable, Equatable {
    /// The day asked about.
    public var day: Day
    /// The pairs in force that day, each with its tenure.
    public var pairs: [HeldPair]
    /// The last decision's refusals, which stand until the next decision: its reference, the
    /// pairs it rejected and the pairs it kept.
    public var standing: StandingRefusals?
    /// The first decision's and the last decision's effective days.
    public var first: Day
    public var last: Day
    /// The officers who have left the roster by that day (their last roster event is a
    /// departure): a scenario reading the store does not plan them.
    public var left: [String] = []

    public init(day: Day, pairs: [HeldPair], standing: StandingRefusals?, first: Day, last: Day) {
        self.day = day
        self.pairs = pairs
        self.standing = standing
        self.first = first
        self.last = last
    }
}

/// The refusals of a recorded decision: the new pairs of the moves it rejected and the pairs it
/// kept as they were.
public struct StandingRefusals: Sendable, Equatable {
    public var reference: String
    public var rejected: [Pair]
    public var kept: [Pair]
    public init(reference: String, rejected: [Pair], kept: [Pair]) {
        self.reference = reference
        self.rejected = rejected
        self.kept = kept
    }
}
