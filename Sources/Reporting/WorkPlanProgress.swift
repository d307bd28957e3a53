import DiaBanCore
import WorkPlan

/// The plan against what was done: per commune, the visits planned up to a day against the
/// visits the register recorded, and the communes not visited for longer than the plan's
/// rhythm allows (its longest gap, or the even gap when the plan has none).
public enum WorkPlanProgress {
    public struct Row: Sendable, Equatable {
        public var officer: String
        public var code: String
        public var name: String
        public var plannedToDate: Int
        public var planned: Int
        public var done: Int
        public var lastDone: Day?
        /// Days from the last visit done (or the period's start) to `asOf`.
        public var daysSince: Int
        /// The most days the plan lets pass between two visits.
        public var allowed: Int?
        public var overdue: Bool
    }

    public static func rows(_ plan: WorkPlanOutcome, done: [VisitRecord], asOf: Day) -> [Row] {
        var out: [Row] = []
        let byCommune = Dictionary(grouping: done, by: \.commune)
        for o in plan.officers {
            for c in o.communes {
                let trips = o.trips.filter { $0.communes.contains(c.code) }
                let visits = (byCommune[c.code] ?? []).filter { plan.period.contains($0.day) && $0.day <= asOf }
                let last = visits.map(\.day).max()
                let since = (last ?? plan.period.first).days(to: asOf)
                let allowed = c.longestGap ?? c.evenGap
                out.append(Row(officer: o.officer, code: c.code, name: c.name, plannedToDate: trips.filter { $0.start <= asOf }.count,
                               planned: trips.count, done: visits.count, lastDone: last, daysSince: since,
                               allowed: allowed, overdue: allowed.map { since > $0 } ?? false))
            }
        }
        return out.sorted { ($0.officer, $0.code) < ($1.officer, $1.code) }
    }

    public static func text(_ plan: WorkPlanOutcome, done: [VisitRecord], asOf: Day) -> String {
        let rows = rows(plan, done: done, asOf: asOf)
        var out = "Work plan against visits done: \(plan.scenario), \(plan.period.first) to \(asOf)\n"
        let overdue = rows.filter(\.overdue)
        out += "\(rows.reduce(0) { $0 + $1.done }) visits done of \(rows.reduce(0) { $0 + $1.plannedToDate }) planned to date; "
        out += "\(overdue.count) commune\(overdue.count == 1 ? "" : "s") not visited for longer than the plan allows\n\n"
        var t = TextTable(header: ["Officer", "Code", "Commune", "Planned to date", "Done", "Planned in period", "Last visit", "Days since", "Allowed", ""],
                          rightAligned: [3, 4, 5, 7, 8])
        for r in rows {
            t.rows.append([r.officer, r.code, r.name, "\(r.plannedToDate)", "\(r.done)", "\(r.planned)", r.lastDone?.description ?? "–",
                           "\(r.daysSince)", r.allowed.map(String.init) ?? "–", r.overdue ? "OVERDUE" : ""])
        }
        out += t.render()
        if !overdue.isEmpty {
            out += "\nNot visited for longer than the plan allows:\n"
            for r in overdue {
                out += "  - \(r.name) (\(r.code)), \(r.officer): \(r.lastDone.map { "last visited \($0)" } ?? "no visit recorded since \(plan.period.first)"), \(r.daysSince) days; the plan allows \(r.allowed ?? 0)\n"
            }
        }
        return out
    }
}
