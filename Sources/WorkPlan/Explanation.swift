import DiaBanCore
import Foundation
import LinearModel

/// Why an officer's visits cannot fit, by name, and the smallest relaxation that makes them.
struct Explanation {
    let problem: OfficerProblem
    let solver: (any MIPSolver)?
    let deadline: Date?

    func explain() -> (reasons: [String], relaxation: String?) {
        let p = problem
        var reasons: [String] = []
        var relaxations: [String] = []
        let active = p.places.indices.filter { p.places[$0].visits > 0 }
        for i in active {
            if let why = p.unreachable(i) { reasons.append(why) }
        }
        if !reasons.isEmpty {
            let t = p.rules.trips
            relaxations.append(t.overnightBeyondKm == nil ? "allow overnight trips (workPlan.trips.overnightBeyondKm) or raise workPlan.trips.maxKmPerDay"
                               : "raise workPlan.trips.maxKmPerDay, or lower workPlan.trips.overnightBeyondKm below the commune's distance")
            return (reasons, relaxations.first)
        }
        for i in active {
            let n = p.places[i].visits
            if n > 1 && (n - 1) * p.spacing > p.length - 1 {
                let fit = (p.length - 1) / p.spacing + 1
                reasons.append("\(p.places[i].name) (\(p.places[i].code)) needs \(n) visits in the \(p.length) days of the period, at least \(p.spacing) days apart: at most \(fit) fit")
                relaxations.append("lower workPlan.minSpacingDays to \((p.length - 1) / (n - 1)) or ask for at most \(fit) visits of it")
            }
        }
        if !reasons.isEmpty { return (reasons, relaxations.first) }

        // Budgets: the smallest raise of every month's budget that gives a plan, and the
        // months of that plan that go over the budget as it is.
        for raise in 1...31 {
            if let d = deadline, Date() > d { break }
            var relaxed = p
            relaxed.budgets = p.budgets.map { $0 + raise }
            guard let plan = OfficerSearch(problem: relaxed, solver: solver, deadline: deadline).run() else { continue }
            var over: [String] = []
            var raises: [String] = []
            for (m, month) in p.months.enumerated() {
                var days = 0, visits = 0
                for (route, starts) in zip(plan.routes, plan.starts) {
                    for d in starts where p.monthOfDay[d] == m { days += route.days; visits += route.members.count }
                }
                if days > p.budgets[m] {
                    over.append("\(p.officer.id) needs \(days) field day\(days == 1 ? "" : "s") in \(month) for its \(visits) visit\(visits == 1 ? "" : "s"); the budget is \(p.budgets[m])")
                    raises.append("\(days) in \(month)")
                }
            }
            if over.isEmpty { continue }
            reasons += over
            return (reasons, "raise \(p.officer.id)'s field-day budget to \(raises.joined(separator: ", ")) (workPlan.budgets)")
        }
        // Not the budget: the free days themselves.
        let free = p.days.filter(\.isFree).count
        let blocked = p.days.filter { if case .blocked = $0 { return true } else { return false } }.count
        for i in active {
            guard let r = p.route([i]), p.minimumGap(r) == nil else { continue }
            reasons.append("\(p.places[i].name) (\(p.places[i].code)) needs \(p.places[i].visits) visits at least \(p.spacing) days apart, which do not fit the \(free) days \(p.officer.id) is free for field work\(blocked > 0 ? " (\(blocked) days blocked)" : "")")
        }
        if reasons.isEmpty {
            reasons.append("\(p.officer.id)'s visits do not fit the \(free) days free for field work together, one trip a day, within the budgets")
        }
        return (reasons, blocked > 0 ? "free some of \(p.officer.id)'s blocked days, or ask for fewer visits" : "ask for fewer visits, or lower workPlan.minSpacingDays")
    }
}
