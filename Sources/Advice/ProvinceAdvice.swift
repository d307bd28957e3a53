import DiaBanCore
import Foundation
import LinearModel
import Planning

/// Advice on a scenario solved province by province (``PlanOutcome/provinces``): nothing couples two
/// provinces, so an action inside one province changes that province's points only. Each
/// candidate is priced by re-solving its own province, from that province's solve (its plan,
/// its root's duals and columns), and screened by that province's bounds; the whole scenario's
/// points with the action are the other provinces' points plus the re-solved province's.
struct ProvinceFrames {
    /// Each province's part of the scenario, its solve and its point.
    let scenarios: [Scenario]
    let outcomes: [PlanOutcome]
    let points: [SolvedPoint]
    /// The whole scenario's point from the provinces'.
    let whole: SolvedPoint
    private let partOfOfficer: [String: Int]
    private let partOfCommune: [String: Int]

    /// Nil when `baseline` was not solved province by province.
    init?(_ baseline: PlanOutcome) {
        guard let parts = baseline.provinces, !parts.isEmpty else { return nil }
        scenarios = parts.map(\.scenario)
        outcomes = parts.map(\.outcome)
        points = outcomes.map { SolvedPoint($0, seconds: $0.timings.solveSeconds) }
        whole = SolvedPoint(parts: outcomes, seconds: baseline.timings.solveSeconds)
        var officers: [String: Int] = [:], communes: [String: Int] = [:]
        for (p, part) in scenarios.enumerated() {
            for o in part.officers { officers[o.id] = p }
            for c in part.communes { communes[c.code] = p }
        }
        partOfOfficer = officers
        partOfCommune = communes
    }

    /// The province of an officer.
    func part(ofOfficer id: String) -> Int? { partOfOfficer[id] }

    /// The province an action changes (nil for a hire at the headquarters, which no province
    /// holds).
    func part(of action: AdviceAction) -> Int? {
        switch action {
        case .train(let o, _), .moveBase(let o, _), .addCapacity(let o, _): partOfOfficer[o]
        case .hire(let place, _, _):
            if case .commune(let code) = place { partOfCommune[code] } else { nil }
        }
    }

    /// `items` by the province of each one's action (those of no province left out).
    func byPart<T>(_ items: [T], _ action: (T) -> AdviceAction) -> [Int: [T]] {
        var out: [Int: [T]] = [:]
        for item in items { if let p = part(of: action(item)) { out[p, default: []].append(item) } }
        return out
    }

    /// Province `p`'s part with `changes` (made on the whole scenario: hires numbered there).
    func scenario(_ p: Int, with changes: [ScenarioChange]) throws(ScenarioChangeError) -> Scenario {
        var s = scenarios[p]
        for c in changes { try c.apply(to: &s) }
        return s
    }

    /// The whole scenario's point with some provinces' solves replaced.
    func whole(replacing replaced: [Int: PlanOutcome], seconds: Double) -> SolvedPoint {
        SolvedPoint(parts: outcomes.indices.map { replaced[$0] ?? outcomes[$0] }, seconds: seconds)
    }
}

extension SolvedPoint {
    /// The whole scenario's point from its provinces' solves: points, bounds, uncovered needs,
    /// mountain deviation, km and moves add up; the utilisation spread is the largest use
    /// less the smallest, over every province.
    init(parts: [PlanOutcome], seconds: Double) {
        let points = parts.map { SolvedPoint($0, seconds: 0) }
        status = PlanStatus.joined(points.map(\.status))
        func sum<T: AdditiveArithmetic>(_ values: [T?]) -> T? {
            values.allSatisfy { $0 != nil } ? values.reduce(T.zero) { $0 + $1! } : nil
        }
        objective = sum(points.map(\.objective))
        bound = sum(points.map(\.bound))
        uncoveredNeeds = sum(points.map(\.uncoveredNeeds))
        mountainDeviation = sum(points.map(\.mountainDeviation))
        kmPerYear = sum(points.map(\.kmPerYear))
        moves = sum(points.map(\.moves))
        let kpis = parts.map(\.kpisAfter)
        if kpis.allSatisfy({ $0 != nil }) {
            utilisationSpread = kpis.map { $0!.province.maxUtilisation }.max()! - kpis.map { $0!.province.minUtilisation }.min()!
        }
        self.seconds = seconds
    }
}

extension Advisor {
    /// The baseline, and its provinces when it was solved province by province (``ProvinceFrames``):
    /// then its point is the provinces' points added up.
    func adviceBaseline(_ scenario: Scenario, request: PlanRequest) throws -> (outcome: PlanOutcome, point: SolvedPoint, frames: ProvinceFrames?) {
        let (outcome, point) = try baseline(scenario, request: request)
        guard let frames = ProvinceFrames(outcome) else { return (outcome, point, nil) }
        return (outcome, frames.whole, frames)
    }

    /// The joint choice on a scenario solved province by province: the budgets shared out
    /// among the provinces by the single actions' gains (largest first, positive gains only);
    /// each province's share chosen jointly within it by the decomposition engine
    /// (``joint(_:options:candidates:singles:baseline:point:request:shouldStop:)`` on the
    /// province, its problems sharing one solve's time limit); the combination re-solved
    /// province by province. Its bound, over every way of sharing the budgets, prices the
    /// budgets (``BudgetBound``).
    func jointByProvince(
        _ scenario: Scenario, options: AdviceOptions, candidates: [AdviceAction], singles: [ActionGain], frames: ProvinceFrames,
        request: PlanRequest, shouldStop: (@Sendable () -> Bool)?, log: (@Sendable (String) -> Void)? = nil
    ) throws -> JointChoice? {
        let started = Date()
        let budgets = (train: options.budget(.train), hire: options.budget(.hire), move: options.budget(.moveBase))
        guard budgets.train > 0 || budgets.hire > 0 || budgets.move > 0 else { return nil }
        var notes = [JointChoice.Note.byProvince]
        if options.budget(.capacity) > 0 { notes.append(JointChoice.Note.capacity) }
        // The share: the largest positive single gains within the budgets (one move an officer).
        let positive = singles.filter { ($0.gain ?? 0) > 1e-9 }
        let kinds = (train: candidates.filter { $0.kind == .train }, hire: candidates.filter { $0.kind == .hire },
                     move: candidates.filter { $0.kind == .moveBase })
        var shared = Self.greedy(positive, trainings: kinds.train, trainBudget: budgets.train, hires: kinds.hire, hireCount: budgets.hire,
                                 moves: kinds.move, moveBudget: budgets.move)
        // What the solved gains leave of a budget goes to the province of the last one solved,
        // for its candidates left out within the solves' gap of it (near ties: Hồ Chí Minh
        // City's urban-management hires on the country, a hundred and more within 50 points of
        // one another, five of them solved), largest bound first.
        for (kind, budget) in [(AdviceAction.Kind.train, budgets.train), (.hire, budgets.hire)] {
            let left = budget - shared.filter { $0.kind == kind }.count
            guard left > 0, let last = positive.last(where: { $0.action.kind == kind }), let p = frames.part(of: last.action) else { continue }
            let near = singles.filter { $0.action.kind == kind && $0.screenedOut && $0.leftOutWithin != nil && frames.part(of: $0.action) == p }
            shared += near.prefix(left).map(\.action)
        }
        // Each province's share, its own candidates and its singles.
        let shares = frames.byPart(shared, \.self)
        let candidatesOf = frames.byPart(candidates, \.self), singlesOf = frames.byPart(singles, \.action)
        /// Province `p` with `actions`, re-solved from its baseline plan (hires numbered as in
        /// the whole combination's what-if: the points do not depend on the numbers).
        func resolved(_ p: Int, with actions: [AdviceAction]) throws -> PlanOutcome {
            var r = request.resolving(from: frames.outcomes[p], jobs: 1)
            r.start = frames.outcomes[p].plan
            r.startSuffices = true
            return try planner.plan(try frames.scenario(p, with: actions.changes(in: scenario)), request: r)
        }
        var chosen: [AdviceAction] = []
        var replaced: [Int: PlanOutcome] = [:]
        for p in shares.keys.sorted() {
            if shouldStop?() == true { return nil }
            let share = shares[p]!
            func count(_ kind: AdviceAction.Kind) -> Int { share.filter { $0.kind == kind }.count }
            var actions = share
            // The province's share chosen jointly, among the province's own candidates.
            var sub = options
            sub.budgets = [.train: count(.train), .hire: count(.hire), .moveBase: count(.moveBase)]
            // One problem, with the share's number of hires (what the sharing chose; the bound
            // below covers every number), within a share of one solve's time limit.
            var shareRequest = request
            shareRequest.timeLimit = request.timeLimit.map { $0 / Double(count(.hire) + 1) }
            if let choice = try joint(frames.scenarios[p], options: sub, candidates: candidatesOf[p] ?? [],
                                      singles: singlesOf[p] ?? [], baseline: frames.outcomes[p],
                                      point: frames.points[p], request: shareRequest, shouldStop: shouldStop, hireCounts: [count(.hire)]),
               let z = choice.with.objective, z < (frames.points[p].objective ?? .infinity) - 1e-9 {
                actions = choice.actions
            }
            // The province with its actions, re-solved.
            var outcome = try resolved(p, with: actions)
            // The share itself, when the joint problem kept something else: within its share of
            // the time limit it may end on a start worse than the share (Hồ Chí Minh City on the
            // country, at ten hires).
            if Set(actions) != Set(share) {
                let whole = try resolved(p, with: share)
                if let z = whole.objective, z < (outcome.objective ?? .infinity) - 1e-9 {
                    actions = share
                    outcome = whole
                }
            }
            // The share's best single action alone, when it does better: the share's number of
            // hires, which the joint problem keeps, may be one too many.
            if let single = (singlesOf[p] ?? []).filter({ share.contains($0.action) && $0.gain != nil }).max(by: { $0.gain! < $1.gain! }),
               let z0 = frames.points[p].objective, z0 - single.gain! < (outcome.objective ?? .infinity) - 1e-9 {
                let alone = try resolved(p, with: [single.action])
                if let z = alone.objective, z < (outcome.objective ?? .infinity) - 1e-9 {
                    actions = [single.action]
                    outcome = alone
                }
            }
            if let z = outcome.objective, z < (frames.points[p].objective ?? .infinity) - 1e-9 {
                chosen += actions
                replaced[p] = outcome
            }
            let province = frames.scenarios[p].communes.first?.province ?? "?"
            log?("joint choice: province \(province), \(replaced[p] == nil ? 0 : actions.count) actions kept for a share of \(share.count)"
                 + String(format: " (%.1f s so far)", Date().timeIntervalSince(started)))
        }
        chosen.sort()
        var with = frames.whole(replacing: replaced, seconds: Date().timeIntervalSince(started))
        // The bound on every way of sharing the budgets: the budgets priced.
        let perAction = chosen.isEmpty ? nil : frames.whole.objective.flatMap { z0 in with.objective.map { (z0 - $0) / Double(chosen.count) } }
        let priced = try budgetBound(options: options, candidates: candidates, singles: singles, frames: frames, request: request,
                                     upper: with.objective, perAction: perAction, shouldStop: shouldStop, log: log)
        // The priced problems' own plan (a Lagrangian plan), re-solved province by province:
        // kept when it does better than the sharing.
        if let combination = priced?.combination, shouldStop?() != true {
            var other: [Int: PlanOutcome] = [:]
            for (p, actions) in combination.sorted(by: { $0.key < $1.key }) { other[p] = try resolved(p, with: actions) }
            let point = frames.whole(replacing: other, seconds: Date().timeIntervalSince(started))
            log?("joint choice: the priced problems' plan, \(combination.values.map(\.count).reduce(0, +)) actions: "
                 + (point.objective.map { String(format: "%.2f", $0) } ?? "–") + " points against the sharing's "
                 + (with.objective.map { String(format: "%.2f", $0) } ?? "–"))
            if let z = point.objective, z < (with.objective ?? .infinity) - 1e-9 {
                chosen = combination.values.flatMap { $0 }.sorted()
                with = point
            }
        }
        notes.append(priced == nil ? JointChoice.Note.byProvinceNoBound : JointChoice.Note.byProvinceBound)
        var choice = JointChoice(actions: chosen, changes: chosen.changes(in: scenario), with: with, gain: nil, bound: nil, gap: nil,
                                 status: .feasible, notes: notes, seconds: 0)
        if let z0 = frames.whole.objective, let z1 = with.objective { choice.gain = z0 - z1 }
        if let b = priced?.bound, b.isFinite, let z = with.objective {
            choice.bound = min(b, z)
            choice.gap = SolveResult.relativeGap(objective: z, bound: choice.bound!)
            if let gap = choice.gap, gap <= Planner.optimalityTolerance, with.isProven { choice.status = .optimal }
        }
        choice.seconds = Date().timeIntervalSince(started)
        return choice
    }
}
