/// A change of the roster: what a what-if makes (`removeOfficer`, `addOfficer`,
/// `setOfficerStatus`) and what a register records with the decision that adopts it.
public struct RosterEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The officer leaves the roster: every period of theirs ends on the effective date.
        case leaves
        /// A new officer joins; their periods begin with the communes they are given.
        case joins
        /// The officer goes on leave: a rule moves their communes to others.
        case onLeave = "on-leave"
        /// The officer is back from leave.
        case returns
    }

    public var kind: Kind
    public var officer: String
    public var officerName: String
    /// For `leaves`: the communes the officer tracked before leaving, sorted.
    public var communes: [String]

    public init(kind: Kind, officer: String, officerName: String, communes: [String] = []) {
        self.kind = kind
        self.officer = officer
        self.officerName = officerName
        self.communes = communes
    }

    /// The marker shown beside the officer's name, in Vietnamese or English: "rời đi" / "leaves".
    public func marker(english: Bool) -> String { Self.marker(kind, english: english) }

    public static func marker(_ kind: Kind, english: Bool) -> String {
        switch kind {
        case .leaves: english ? "leaves" : "rời đi"
        case .joins: english ? "new" : "mới"
        case .onLeave: english ? "on leave" : "nghỉ phép"
        case .returns: english ? "returns" : "trở lại"
        }
    }
}

/// A roster event as the register keeps it: dated, and tied to the decision that records it.
public struct RecordedRosterEvent: Sendable, Equatable, Codable {
    public var event: RosterEvent
    /// The decision's effective date.
    public var day: Day
    /// The decision's reference ("Quyết định số …").
    public var decision: String
    public init(event: RosterEvent, day: Day, decision: String) {
        self.event = event
        self.day = day
        self.decision = decision
    }
}
