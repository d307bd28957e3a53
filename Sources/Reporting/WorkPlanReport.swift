import DiaBanCore
import Foundation
import WorkPlan

/// The work plan as text, CSV and JSON: the province's summary, each officer's calendar and
/// the province's day view. Rendered from the plan's values alone; the same plan gives the
/// same bytes.
public enum WorkPlanReport {
    public static func json(_ plan: WorkPlanOutcome) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }

    static func names(_ o: OfficerWorkPlan) -> [String: String] {
        Dictionary(o.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func weekday(_ d: Day) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday.rawValue - 1] }

    static func km(_ x: Double) -> String { decimal(x, 0, grouping: true) }

    /// "optimal", "feasible (gap 0.4 %)", "infeasible", "no plan within the time limit".
    static func status(_ s: WorkPlanStatus, gap: Double?) -> String {
        switch s {
        case .optimal: return "optimal"
        case .feasible: return "feasible, not proven optimal" + (gap.map { " (gap \(decimal(100 * $0, 2)) %)" } ?? "")
        case .infeasible: return "infeasible"
        case .noSolution: return "no plan within the time limit"
        }
    }

    /// The province's summary, a line per officer, and the full calendar of the officers in
    /// `calendars` (every officer's reasons when they have no plan).
    public static func text(_ plan: WorkPlanOutcome, calendars: Set<String> = []) -> String {
        let p = plan.province
        var out = "Work plan: \(plan.scenario), \(plan.period.first) to \(plan.period.last) (\(plan.period.count) days)\n"
        out += "Status: \(status(plan.status, gap: nil)) (\(p.provenOfficers) of \(plan.officers.count) officers proven optimal)\n"
        let saved = p.modelKm > 0 ? " (\(decimal(100 * p.kmSaved / p.modelKm, 1)) %)" : ""
        out += "Province: \(p.visits) visits in \(p.trips) trips, \(p.fieldDays) field days of \(p.budget) budgeted; "
        out += "\(km(p.km)) km by trips against \(km(p.modelKm)) km as separate round trips (the assignment model's count): \(km(p.kmSaved)) km saved\(saved)"
        out += p.longestGap.map { "; longest gap between visits \($0) days\n" } ?? "\n"
        out += "\n"
        var t = TextTable(header: ["Officer", "Name", "Status", "Communes", "Trips", "Field days", "Budget", "Km", "Model km", "Longest gap"],
                          rightAligned: [3, 4, 5, 6, 7, 8, 9])
        for o in plan.officers {
            t.rows.append([o.officer, o.name, status(o.status, gap: o.gap), "\(o.communes.count)", "\(o.trips.count)", "\(o.fieldDays)",
                           "\(o.months.reduce(0) { $0 + $1.budget })", km(o.km), km(o.modelKm), o.communes.compactMap(\.longestGap).max().map(String.init) ?? "–"])
        }
        out += t.render()
        let failed = plan.officers.filter { $0.status == .infeasible || $0.status == .noSolution }
        if !failed.isEmpty {
            out += "\nNo plan for \(failed.count) officer\(failed.count == 1 ? "" : "s"):\n"
            for o in failed {
                for r in o.reasons { out += "  - \(r)\n" }
                if let relax = o.relaxation { out += "    Smallest relaxation: \(relax).\n" }
            }
        }
        for o in plan.officers where calendars.contains(o.officer) { out += "\n" + calendar(o, period: plan.period) }
        return out
    }

    /// One officer's calendar as text: routes, months against the budget, trips, communes.
    public static func calendar(_ o: OfficerWorkPlan, period: DayRange) -> String {
        let name = names(o)
        var out = "\(o.officer) \(o.name): \(status(o.status, gap: o.gap)); \(o.trips.count) trips, \(o.fieldDays) field days, \(km(o.km)) km (separate round trips: \(km(o.modelKm)) km)\n"
        for r in o.reasons { out += "  - \(r)\n" }
        if let relax = o.relaxation { out += "  Smallest relaxation: \(relax).\n" }
        var routes: [Int: PlannedTrip] = [:]
        for trip in o.trips where routes[trip.route] == nil { routes[trip.route] = trip }
        for (n, trip) in routes.sorted(by: { $0.key < $1.key }) {
            let visits = o.trips.filter { $0.route == n }.count
            out += "  Route \(n): \(trip.communes.map { name[$0] ?? $0 }.joined(separator: " → ")) — \(trip.days == 1 ? "day trip" : "overnight trip"), \(km(trip.km)) km, \(visits) visits\n"
        }
        var months = TextTable(header: ["Month", "Field days", "Budget", "Trips", "Visits"], rightAligned: [1, 2, 3, 4])
        for m in o.months { months.rows.append([m.month, "\(m.fieldDays)", "\(m.budget)", "\(m.trips)", "\(m.visits)"]) }
        out += "\n" + months.render()
        var trips = TextTable(header: ["Date", "Day", "Days", "Route", "Communes", "Km"], rightAligned: [2, 3, 5])
        for trip in o.trips {
            trips.rows.append([trip.days == 1 ? trip.start.description : "\(trip.start)–\(trip.end.description.suffix(2))", weekday(trip.start),
                               "\(trip.days)", "\(trip.route)", trip.communes.map { name[$0] ?? $0 }.joined(separator: ", "), km(trip.km)])
        }
        if !o.trips.isEmpty { out += "\n" + trips.render() }
        var communes = TextTable(header: ["Code", "Commune", "Route", "Required", "Planned", "Longest gap", "Even gap", "Km from base"], rightAligned: [2, 3, 4, 5, 6, 7])
        for c in o.communes {
            communes.rows.append([c.code, c.name, c.route.map(String.init) ?? "–", "\(c.required)", "\(c.planned)",
                                  c.longestGap.map(String.init) ?? "–", c.evenGap.map(String.init) ?? "–", km(c.baseKm)])
        }
        out += "\n" + communes.render()
        return out
    }

    /// Every visit, one row per trip and commune.
    public static func csv(_ plan: WorkPlanOutcome, officers: Set<String>? = nil) -> String {
        var out = csvLine(["officer", "officer_name", "date", "end", "days", "route", "visit", "stop", "commune", "commune_name", "trip_km", "uid"])
        for o in plan.officers where officers?.contains(o.officer) ?? true {
            let name = names(o)
            for trip in o.trips {
                for (i, c) in trip.communes.enumerated() {
                    out += csvLine([o.officer, o.name, trip.start.description, trip.end.description, "\(trip.days)", "\(trip.route)", "\(trip.visit)",
                                    "\(i + 1)", c, name[c] ?? c, decimal(trip.km, 1), trip.uid])
                }
            }
        }
        return out
    }

    /// What each officer does on `day`: the trip's communes, or why they are not in the field.
    public static func where_(_ o: OfficerWorkPlan, on day: Day) -> (kind: String, text: String) {
        let name = names(o)
        if let trip = o.trips.first(where: { $0.start <= day && day <= $0.end }) {
            let part = trip.days == 2 ? (day == trip.start ? " (day 1 of 2)" : " (day 2 of 2)") : ""
            return ("trip", trip.communes.map { name[$0] ?? $0 }.joined(separator: ", ") + part)
        }
        if let note = o.calendar.first(where: { $0.day == day }) {
            return (note.kind.rawValue, note.note.isEmpty ? note.kind.rawValue : "\(note.kind.rawValue): \(note.note)")
        }
        return ("office", "office")
    }

    /// The province's day view: who is where on every day of the period, one row per officer
    /// and day in the field.
    public static func daysCSV(_ plan: WorkPlanOutcome) -> String {
        var out = csvLine(["date", "weekday", "officer", "officer_name", "day_of_trip", "communes", "commune_names"])
        for day in plan.period.days {
            for o in plan.officers {
                guard let trip = o.trips.first(where: { $0.start <= day && day <= $0.end }) else { continue }
                let name = names(o)
                out += csvLine([day.description, weekday(day), o.officer, o.name, "\(trip.start.days(to: day) + 1)/\(trip.days)",
                                trip.communes.joined(separator: ";"), trip.communes.map { name[$0] ?? $0 }.joined(separator: "; ")])
            }
        }
        return out
    }

    /// The day view of one day as text.
    public static func dayText(_ plan: WorkPlanOutcome, on day: Day) -> String {
        var out = "\(plan.scenario): who is where on \(day) (\(weekday(day)))\n"
        var t = TextTable(header: ["Officer", "Name", "Where"])
        var inField = 0
        for o in plan.officers {
            let w = where_(o, on: day)
            if w.kind == "trip" { inField += 1 }
            t.rows.append([o.officer, o.name, w.text])
        }
        out += "\(inField) of \(plan.officers.count) officers in the field\n\n" + t.render()
        return out
    }
}
