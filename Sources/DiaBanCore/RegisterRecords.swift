/// One stretch of time during which an officer tracked a commune, as the register keeps it.
/// `end` is the day the pair stopped (the effective date of the decision that ended it); an
/// open period has none. A period covers the days `start ≤ d < end`.
public struct Period: Sendable, Equatable, Codable {
    public var officer: String
    public var officerName: String
    public var commune: String
    public var communeName: String
    public var start: Day
    public var end: Day?
    /// The reference of the decision that began the pair ("Quyết định số …").
    public var startedBy: String
    /// The reference of the decision that ended it.
    public var endedBy: String?
    public init(officer: String, officerName: String, commune: String, communeName: String, start: Day, end: Day?, startedBy: String, endedBy: String?) {
        self.officer = officer
        self.officerName = officerName
        self.commune = commune
        self.communeName = communeName
        self.start = start
        self.end = end
        self.startedBy = startedBy
        self.endedBy = endedBy
    }
}

/// A pair in force on a date, with how long it has lasted.
public struct HeldPair: Sendable, Equatable, Codable {
    public var commune: String
    public var communeName: String
    public var officer: String
    public var officerName: String
    /// The day the pair began (adjoining periods of the same pair count as one).
    public var since: Day
    /// Whole years and days from `since` to the date asked about.
    public var years: Int
    public var days: Int
    /// The decision that began it.
    public var decision: String
    public init(commune: String, communeName: String, officer: String, officerName: String, since: Day, years: Int, days: Int, decision: String) {
        self.commune = commune
        self.communeName = communeName
        self.officer = officer
        self.officerName = officerName
        self.since = since
        self.years = years
        self.days = days
        self.decision = decision
    }
}

/// A decision the register recorded: the register's creation, or an adopted plan.
public struct RecordedDecision: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case initial = "init", adoption = "adopt" }
    public var reference: String
    public var effective: Day
    public var kind: Kind
    public var note: String
    /// Pairs it began and pairs it ended.
    public var began: Int
    public var ended: Int
    public init(reference: String, effective: Day, kind: Kind, note: String, began: Int, ended: Int) {
        self.reference = reference
        self.effective = effective
        self.kind = kind
        self.note = note
        self.began = began
        self.ended = ended
    }
}
