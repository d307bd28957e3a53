import DiaBanCore
import Foundation
import LinearModel

/// Plans every officer's visits of a period: which communes share a trip, and on which days.
///
/// Officers are independent once the assignment is given (their calendars and budgets are
/// their own), so each is solved on its own, on as many threads as there are processors, and
/// the province's plan is the union. Give it GLPK as `solver` (the command line does); without
/// one, a partition whose routes get in each other's way is settled by the greedy calendar
/// alone and reported as not proven.
public struct WorkPlanner: Sendable {
    public let solver: (any MIPSolver)?
    public init(solver: (any MIPSolver)?) { self.solver = solver }

    /// The work plan of `assignment` over `period`, with the scenario's `workPlan:` rules (the
    /// defaults when it has none). `officers` limits it to some officers; `timeLimit` (seconds,
    /// default the rules') is for the whole province; `threads` defaults to every processor;
    /// `shouldStop`, asked before each officer, ends the plan early (the rest without a plan).
    public func plan(
        _ scenario: Scenario, assignment: Assignment, period: DayRange, officers only: [String]? = nil,
        timeLimit: Double? = nil, threads: Int? = nil, shouldStop: (@Sendable () -> Bool)? = nil,
        progress: (@Sendable (OfficerWorkPlan) -> Void)? = nil
    ) -> WorkPlanOutcome {
        let rules = scenario.workPlan ?? WorkPlanRules()
        let limit = timeLimit ?? rules.timeLimit
        let deadline = limit.map { Date().addingTimeInterval($0) }
        let byOfficer = assignment.communesByOfficer
        let communes = Dictionary(scenario.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let chosen = scenario.officers.filter { o in
            (only.map { $0.contains(o.id) } ?? true) && !(byOfficer[o.id] ?? []).isEmpty
        }
        let results = Results(count: chosen.count)
        let work: @Sendable (Int) -> Void = { i in
            let o = chosen[i]
            let problem = OfficerProblem(officer: o, communes: (byOfficer[o.id] ?? []).compactMap { communes[$0] },
                                         scenario: scenario, rules: rules, period: period)
            // A stop asked for ends the officers not yet planned: their plan is "none in time".
            let stopped = shouldStop?() == true
            let plan = Self.plan(problem, solver: solver, deadline: stopped ? Date.distantPast : deadline)
            results.set(i, plan)
            progress?(plan)
        }
        let lanes = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, chosen.count))
        if lanes == 1 {
            for i in chosen.indices { work(i) }
        } else {
            // Each lane takes the next officer: the busy ones do not hold the others up.
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: lanes) { _ in
                while let i = next.take(below: chosen.count) { work(i) }
            }
        }
        let plans = results.all
        return WorkPlanOutcome(
            schema: WorkPlanOutcome.schema, scenario: scenario.name, period: period,
            status: Self.status(plans), officers: plans, province: Self.province(plans))
    }

    static func status(_ plans: [OfficerWorkPlan]) -> WorkPlanStatus {
        if plans.contains(where: { $0.status == .infeasible }) { return .infeasible }
        if plans.contains(where: { $0.status == .noSolution }) { return .noSolution }
        if plans.contains(where: { $0.status == .feasible }) { return .feasible }
        return .optimal
    }

    static func province(_ plans: [OfficerWorkPlan]) -> WorkPlanOutcome.ProvinceWorkPlanKPI {
        let km = plans.reduce(0) { $0 + $1.km }, model = plans.reduce(0) { $0 + $1.modelKm }
        return .init(
            trips: plans.reduce(0) { $0 + $1.trips.count }, fieldDays: plans.reduce(0) { $0 + $1.fieldDays },
            budget: plans.reduce(0) { $0 + $1.months.reduce(0) { $0 + $1.budget } },
            km: round1(km), modelKm: round1(model), kmSaved: round1(model - km),
            visits: plans.reduce(0) { $0 + $1.communes.reduce(0) { $0 + $1.planned } },
            provenOfficers: plans.filter { $0.status == .optimal }.count,
            longestGap: plans.flatMap(\.communes).compactMap(\.longestGap).max())
    }

    /// One officer's plan, explained when there is none.
    static func plan(_ p: OfficerProblem, solver: (any MIPSolver)?, deadline: Date?) -> OfficerWorkPlan {
        var out = OfficerWorkPlan(
            officer: p.officer.id, name: p.officer.name, status: .optimal, trips: [], communes: [], months: [], km: 0,
            modelKm: round1(p.places.reduce(0) { $0 + 2 * $1.baseKm * Double($1.visits) }), fieldDays: 0,
            objective: nil, bound: nil, gap: nil, reasons: [], relaxation: nil, calendar: notes(p))
        out.communes = p.places.map {
            CommuneVisitPlan(code: $0.code, name: $0.name, required: $0.visits, planned: 0, longestGap: nil,
                             evenGap: $0.visits > 0 ? (p.length + $0.visits - 1) / $0.visits : nil, baseKm: round1($0.baseKm), route: nil)
        }
        out.months = p.months.enumerated().map { MonthUse(month: $1, fieldDays: 0, budget: p.budgets[$0], trips: 0, visits: 0) }
        if !p.officer.isActive {
            out.status = .infeasible
            out.reasons = ["\(p.officer.id) (\(p.officer.name)) is on leave but tracks \(p.places.count) commune\(p.places.count == 1 ? "" : "s") in this assignment"]
            out.relaxation = "plan from an assignment in which \(p.officer.id) tracks no commune"
            return out
        }
        guard let solution = OfficerSearch(problem: p, solver: solver, deadline: deadline).run() else {
            if let deadline, Date() > deadline {
                out.status = .noSolution
                out.reasons = ["no plan for \(p.officer.id) was found within the time limit"]
                return out
            }
            out.status = .infeasible
            let e = Explanation(problem: p, solver: solver, deadline: deadline.map { max($0, Date().addingTimeInterval(5)) }).explain()
            out.reasons = e.reasons
            out.relaxation = e.relaxation
            return out
        }
        out.status = solution.proven ? .optimal : .feasible
        out.objective = round1(solution.objective)
        out.bound = round1(solution.bound)
        out.gap = solution.proven ? 0 : (solution.objective - solution.bound) / max(1e-9, abs(solution.objective))
        // Routes numbered by their first commune's code; trips by day.
        let order = solution.routes.indices.sorted { solution.routes[$0].members.lexicographicallyPrecedes(solution.routes[$1].members) }
        var trips: [PlannedTrip] = []
        for (number, r) in order.enumerated() {
            let route = solution.routes[r]
            let codes = route.order.map { p.places[$0].code }
            for (k, d) in solution.starts[r].sorted().enumerated() {
                trips.append(PlannedTrip(
                    officer: p.officer.id, start: p.day(d), days: route.days, communes: codes, km: round1(route.km),
                    route: number + 1, visit: k + 1,
                    uid: "\(p.period.first)-\(p.officer.id)-\(route.members.map { p.places[$0].code }.joined(separator: "+"))-\(k + 1)@diaban"))
                let m = p.monthOfDay[d]
                out.months[m].fieldDays += route.days
                out.months[m].trips += 1
                out.months[m].visits += route.members.count
            }
            for i in route.members {
                out.communes[i].planned = solution.starts[r].count
                out.communes[i].longestGap = p.longestGap(solution.starts[r].sorted())
                out.communes[i].route = number + 1
            }
        }
        out.trips = trips.sorted { ($0.start, $0.route) < ($1.start, $1.route) }
        out.km = round1(solution.routes.indices.reduce(0) { $0 + Double(solution.starts[$1].count) * solution.routes[$1].km })
        out.fieldDays = out.months.reduce(0) { $0 + $1.fieldDays }
        return out
    }

    static func notes(_ p: OfficerProblem) -> [CalendarNote] {
        p.days.enumerated().compactMap { i, use in
            switch use {
            case .free: return nil
            case .weekend: return CalendarNote(day: p.day(i), kind: .weekend, note: "")
            case .holiday(let n): return CalendarNote(day: p.day(i), kind: .holiday, note: n)
            case .office(let n): return CalendarNote(day: p.day(i), kind: .office, note: n)
            case .blocked(let n): return CalendarNote(day: p.day(i), kind: .blocked, note: n)
            }
        }
    }
}

func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

/// Results written by several threads, each to its own slot.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [OfficerWorkPlan?]
    init(count: Int) { slots = [OfficerWorkPlan?](repeating: nil, count: count) }
    func set(_ i: Int, _ plan: OfficerWorkPlan) { lock.withLock { slots[i] = plan } }
    var all: [OfficerWorkPlan] { lock.withLock { slots.compactMap { $0 } } }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
