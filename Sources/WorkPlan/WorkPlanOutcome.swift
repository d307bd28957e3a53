import DiaBanCore

/// How an officer's work plan (or the province's) ended.
public enum WorkPlanStatus: String, Sendable, Codable {
    /// Proven optimal.
    case optimal
    /// A valid plan, not proven optimal (the gap bounds how far it may be).
    case feasible
    /// No plan keeps every rule: the reasons say why.
    case infeasible
    /// No plan was found within the time limit.
    case noSolution = "no-solution"
}

/// One trip of the plan: an officer leaves the base on `start`, visits `communes` in that order
/// and is back after `days` days.
public struct PlannedTrip: Sendable, Codable, Equatable {
    public var officer: String
    public var start: Day
    /// 1 for a day trip, 2 for an overnight trip.
    public var days: Int
    /// Commune codes in driving order.
    public var communes: [String]
    /// Road km of the trip, base to base.
    public var km: Double
    /// The route's number within the officer's plan (1, 2, …).
    public var route: Int
    /// The visit's number within the route's visits of the period (1, 2, …).
    public var visit: Int
    /// An identifier that stays the same when the plan is made again with other days: the
    /// period's first day, the officer, the route's communes and the visit's number.
    public var uid: String

    public var end: Day { start.adding(days: days - 1) }
}

/// What the plan means for one commune.
public struct CommuneVisitPlan: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    /// Visits the rules ask for in the period, and visits planned.
    public var required: Int
    public var planned: Int
    /// The longest gap between two visits, counting the one round the period's end (days).
    public var longestGap: Int?
    /// The shortest longest gap the visits could have: the period's days over the visits.
    public var evenGap: Int?
    /// One-way road km from the officer's base.
    public var baseKm: Double
    /// The route (number) the commune is on.
    public var route: Int?
}

/// Field days of one month.
public struct MonthUse: Sendable, Codable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    public var fieldDays: Int
    public var budget: Int
    public var trips: Int
    /// Commune visits that month.
    public var visits: Int
}

/// A day that is not free for field work, and why (for calendars).
public struct CalendarNote: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case weekend, holiday, office, blocked }
    public var day: Day
    public var kind: Kind
    public var note: String
}

/// One officer's work plan.
public struct OfficerWorkPlan: Sendable, Codable, Equatable {
    public var officer: String
    public var name: String
    public var status: WorkPlanStatus
    public var trips: [PlannedTrip]
    public var communes: [CommuneVisitPlan]
    public var months: [MonthUse]
    /// Road km of every trip.
    public var km: Double
    /// What the assignment model counts for the same visits: a round trip from the base for each.
    public var modelKm: Double
    public var fieldDays: Int
    /// km plus the gap penalty (points); the best bound proven on it; their relative gap.
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// Why there is no plan, one sentence each.
    public var reasons: [String]
    /// The smallest relaxation that gives a plan, when one was found.
    public var relaxation: String?
    /// Days of the period that are not free for field work.
    public var calendar: [CalendarNote]
}

/// The province's work plan.
public struct WorkPlanOutcome: Sendable, Codable, Equatable {
    public static let schema = "diaban.workplan/1"
    public var schema: String
    public var scenario: String
    public var period: DayRange
    public var status: WorkPlanStatus
    public var officers: [OfficerWorkPlan]
    public var province: ProvinceWorkPlanKPI

    public struct ProvinceWorkPlanKPI: Sendable, Codable, Equatable {
        public var trips: Int
        public var fieldDays: Int
        public var budget: Int
        public var km: Double
        public var modelKm: Double
        /// modelKm − km: what combined trips save against separate round trips.
        public var kmSaved: Double
        public var visits: Int
        /// Officers whose plan is proven optimal.
        public var provenOfficers: Int
        /// The largest longest gap of any commune.
        public var longestGap: Int?
    }
}
