/// The rules of an area work plan (`workPlan:` in a scenario): how often each commune is
/// visited, how many days an officer may spend outside the office, which days are not field
/// days, and how far one trip may go. The field-by-field documentation is in
/// `scenarios/README.md`.
public struct WorkPlanRules: Sendable, Equatable {
    /// The period the scenario plans for, when it says so; dated rules must lie inside it.
    public var period: DayRange?
    /// Overrides of the visits a commune needs (the default is its `visits_per_year`, pro rata).
    public var visits: [VisitRule] = []
    /// No two visits of one commune start fewer than this many days apart.
    public var minSpacingDays: Int = 21
    /// The longest gap between two visits of a commune a plan may have (a hard rule); nil: none.
    public var maxGapDays: Int?
    /// Points (km-equivalents) per day of each commune's longest gap between visits.
    public var gapWeight: Double = 20
    /// Field days per officer per month, unless a budget rule says otherwise.
    public var fieldDaysPerMonth: Int = 8
    public var budgets: [BudgetRule] = []
    /// The days of the week that are not working days.
    public var weekend: Set<Weekday> = [.saturday, .sunday]
    /// Days officers stay in the office (the committee's weekly meeting, a conference).
    public var officeDays: [OfficeDay] = []
    /// Days an officer cannot go out (leave, training).
    public var blocked: [BlockedDays] = []
    /// Public holidays, extra days off and weekend days made working days, from the tables.
    public var calendar: [CalendarEntry] = []
    public var trips = TripRules()
    /// Seconds for the whole work plan; nil: no limit.
    public var timeLimit: Double? = 10

    public init() {}

    /// How far one trip may go.
    public struct TripRules: Sendable, Equatable {
        /// Road km one field day's driving may cover.
        public var maxKmPerDay: Double = 250
        /// Communes one field day may visit.
        public var maxCommunesPerDay: Int = 2
        /// A trip to a commune farther than this from the officer's base (one way, road km) takes
        /// two days with a night there (and only such a trip); nil: no overnight trips.
        public var overnightBeyondKm: Double? = 120
        public init() {}
    }

    /// The field-day budget of one officer in one month: the most specific rule wins (officer
    /// and month, then officer, then month, then `fieldDaysPerMonth`).
    public func budget(officer: String, month: String) -> Int {
        budgets.first { $0.officer == officer && $0.month == month }?.fieldDays
            ?? budgets.first { $0.officer == officer && $0.month == nil }?.fieldDays
            ?? budgets.first { $0.officer == nil && $0.month == month }?.fieldDays
            ?? fieldDaysPerMonth
    }

    /// Visits commune `commune` needs in `period`: its override, else `visitsPerYear` pro rata
    /// (days of the period over 365), rounded to the nearest whole visit (halves up).
    public func requiredVisits(_ commune: Commune, period: DayRange) -> Int {
        let rule = visits.last { $0.select.matches(commune) }
        if let count = rule?.count { return count }
        let perYear = rule?.perYear ?? commune.visitsPerYear
        return Int((perYear * Double(period.count) / 365 + 0.5).rounded(.down))
    }
}

/// Visits some communes need: `perYear` (pro rata) or `count` in the period.
public struct VisitRule: Sendable, Equatable {
    public var select: CommuneSelection
    public var perYear: Double?
    public var count: Int?
    public init(select: CommuneSelection, perYear: Double? = nil, count: Int? = nil) {
        self.select = select
        self.perYear = perYear
        self.count = count
    }
}

/// Field days allowed: for one officer, one month (`YYYY-MM`), or one officer in one month.
public struct BudgetRule: Sendable, Equatable {
    public var officer: String?
    public var month: String?
    public var fieldDays: Int
    public init(officer: String? = nil, month: String? = nil, fieldDays: Int) {
        self.officer = officer
        self.month = month
        self.fieldDays = fieldDays
    }
}

/// A day officers stay in the office: every given weekday, or the days of a range.
public struct OfficeDay: Sendable, Equatable {
    public var weekday: Weekday?
    public var days: DayRange?
    /// The officers it applies to; nil: everyone.
    public var officers: [String]?
    public var note: String
    public init(weekday: Weekday? = nil, days: DayRange? = nil, officers: [String]? = nil, note: String = "") {
        self.weekday = weekday
        self.days = days
        self.officers = officers
        self.note = note
    }

    public func applies(to officer: String, on day: Day) -> Bool {
        if let officers, !officers.contains(officer) { return false }
        if let weekday, day.weekday != weekday { return false }
        if let days, !days.contains(day) { return false }
        return weekday != nil || days != nil
    }
}

/// Days one officer cannot go out.
public struct BlockedDays: Sendable, Equatable {
    public var officer: String
    public var days: DayRange
    public var note: String
    public init(officer: String, days: DayRange, note: String = "") {
        self.officer = officer
        self.days = days
        self.note = note
    }
}

/// A day of the official calendar: a public holiday or announced day off, or a weekend day
/// made a working day (in exchange for a day off).
public struct CalendarEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A public holiday by law (its observed day included).
        case holiday
        /// An extra day off the government announced.
        case dayOff = "day-off"
        /// A weekend day that is a working day.
        case workingDay = "working-day"
    }
    public var day: Day
    public var name: String
    public var kind: Kind
    public init(day: Day, name: String, kind: Kind) {
        self.day = day
        self.name = name
        self.kind = kind
    }
}

/// A visit an officer made to a commune, as the register records it.
public struct VisitRecord: Sendable, Equatable, Codable {
    public var day: Day
    public var officer: String
    public var commune: String
    public var note: String
    public init(day: Day, officer: String, commune: String, note: String = "") {
        self.day = day
        self.officer = officer
        self.commune = commune
        self.note = note
    }
}
