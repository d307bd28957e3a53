import DiaBanCore
import Foundation

/// What a day of the period is for one officer.
public enum DayUse: Sendable, Equatable, Codable {
    /// A working day the officer may spend in the field.
    case free
    case weekend
    /// A public holiday or an announced day off, with its name.
    case holiday(String)
    /// A fixed office day (the weekly meeting), with its note.
    case office(String)
    /// A day the officer cannot go out (leave, training), with its note.
    case blocked(String)

    public var isFree: Bool { self == .free }
}

/// One officer's piece of the work plan: their communes, the visits each needs, the days
/// they may go out and the monthly budgets. Built from a scenario; knows nothing of files.
struct OfficerProblem: Sendable {
    struct Place: Sendable {
        var code: String
        var name: String
        var location: GeoPoint
        var isMountain: Bool
        /// One-way road km from the officer's base.
        var baseKm: Double
        /// Visits needed in the period.
        var visits: Int
    }

    let officer: Officer
    let period: DayRange
    /// The communes, by code.
    let places: [Place]
    /// One entry per day of the period.
    let days: [DayUse]
    /// The month (index into ``months``) of each day of the period.
    let monthOfDay: [Int]
    /// The months the period touches (`YYYY-MM`), in order, with each one's budget.
    let months: [String]
    var budgets: [Int]
    let rules: WorkPlanRules
    /// km between two communes: great-circle distance times the scenario's circuity (the
    /// mountain factor when either is in the mountains).
    let between: [[Double]]

    var length: Int { days.count }
    var spacing: Int { rules.minSpacingDays }
    /// The longest gap any plan may have: the rule's, else the whole period.
    var gapCap: Int { min(rules.maxGapDays ?? length, length) }

    init(officer: Officer, communes: [Commune], scenario: Scenario, rules: WorkPlanRules, period: DayRange) {
        self.officer = officer
        self.period = period
        self.rules = rules
        let places = communes.sorted { $0.code < $1.code }.map { c in
            Place(code: c.code, name: c.name, location: c.location, isMountain: c.isMountain,
                  baseKm: scenario.distanceKm(officer: officer, commune: c), visits: rules.requiredVisits(c, period: period))
        }
        self.places = places
        let calendar = Dictionary(rules.calendar.map { ($0.day, $0) }, uniquingKeysWith: { _, b in b })
        var uses: [DayUse] = []
        var monthIndex: [Int] = []
        var months: [String] = []
        for day in period.days {
            let key = day.monthKey
            if months.last != key { months.append(key) }
            monthIndex.append(months.count - 1)
            uses.append(Self.use(of: day, officer: officer.id, rules: rules, calendar: calendar))
        }
        self.days = uses
        self.monthOfDay = monthIndex
        self.months = months
        self.budgets = months.map { rules.budget(officer: officer.id, month: $0) }
        let circuity = scenario.rules.circuity
        self.between = places.map { a in
            places.map { b in a.location.greatCircleKm(to: b.location) * (a.isMountain || b.isMountain ? circuity.mountain : circuity.lowland) }
        }
    }

    /// What `day` is for `officer`: a blocked day first, then holidays, office days, weekends.
    static func use(of day: Day, officer: String, rules: WorkPlanRules, calendar: [Day: CalendarEntry]) -> DayUse {
        if let b = rules.blocked.first(where: { $0.officer == officer && $0.days.contains(day) }) { return .blocked(b.note) }
        let entry = calendar[day]
        if let entry, entry.kind != .workingDay { return .holiday(entry.name) }
        if let o = rules.officeDays.first(where: { $0.applies(to: officer, on: day) }) { return .office(o.note) }
        if rules.weekend.contains(day.weekday) && entry?.kind != .workingDay { return .weekend }
        return .free
    }

    /// Whether a trip of `length` days may start on day `d` (every day of it free and inside the period).
    func canStart(_ d: Int, length tripDays: Int) -> Bool {
        guard d >= 0, d + tripDays <= length else { return false }
        for e in d..<(d + tripDays) where !days[e].isFree { return false }
        return true
    }

    func day(_ index: Int) -> Day { period.first.adding(days: index) }
}
