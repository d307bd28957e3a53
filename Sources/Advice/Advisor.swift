import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel
import Planning

/// One solve an advice compares: its status, the plan's points and the proven lower bound.
public struct SolvedPoint: Sendable, Equatable, Codable {
    public var status: PlanStatus
    /// The plan's points (nil when no plan was found).
    public var objective: Double?
    /// The best lower bound proven on the optimum (equal to the objective when proven optimal).
    public var bound: Double?
    /// The KPIs an action moves.
    public var uncoveredNeeds: Int?
    public var mountainDeviation: Double?
    public var utilisationSpread: Double?
    public var kmPerYear: Double?
    /// Communes whose officers differ from the current assignment.
    public var moves: Int?
    public var seconds: Double

    public init(_ outcome: PlanOutcome, seconds: Double) {
        status = outcome.status
        objective = outcome.objective
        if let objective = outcome.objective {
            // The bound a solver reports is on its own objective; the plan's recomputed points
            // never lie below a proven optimum, so a missing or higher bound means "no proof".
            let b = outcome.bestBound ?? (outcome.status == .optimal ? objective : nil)
            bound = b.map { Swift.min($0, objective) }
        }
        if let after = outcome.after, let k = outcome.kpisAfter {
            uncoveredNeeds = after.uncoveredNeeds
            mountainDeviation = after.mountainDeviation
            utilisationSpread = k.province.maxUtilisation - k.province.minUtilisation
            kmPerYear = k.province.kmPerYear
            moves = k.province.moves
        }
        self.seconds = seconds
    }

    public var isProven: Bool { status == .optimal }
}

/// What one action is worth: the scenario solved as it is and with the action.
public struct ActionGain: Sendable, Equatable {
    public var action: AdviceAction
    public var changes: [ScenarioChange]
    /// The points saved: the baseline's plan minus the plan with the action (negative when
    /// the action costs points, e.g. an idle hire outside the utilisation band).
    public var gain: Double?
    /// The interval the two solves' bounds leave for the true gain (a single point when both
    /// are proven optimal).
    public var gainLow: Double?
    public var gainHigh: Double?
    public var with: SolvedPoint?
    /// Why the gain is 0 without a solve, when it is.
    public var provenWithoutSolve: String?
    /// The communes tracked in the plan with the action by the officer the action is about.
    public var serves: [String]
    /// The plan with the action (nil when none was found or no solve was needed).
    public var plan: Assignment?
    /// An upper bound on the gain proven without solving (the baseline's points minus the
    /// Lagrangian bound at the baseline root's duals), when candidates were screened.
    public var gainBound: Double?
    /// Not solved: its bound proves it cannot enter the first ones of its kind.
    public var screenedOut = false
    /// Left out although its bound lies above the n-th gain of its kind, by no more than this
    /// many points: the gap the solves were asked for (``PlanRequest/gap`` times the points
    /// it is measured from), within which no solve tells two gains apart. Nil when its bound
    /// lies below the n-th gain.
    public var leftOutWithin: Double?

    /// Both solves are proven optimal, so the gain is exact.
    public var isExact: Bool { provenWithoutSolve != nil || (gainLow != nil && gainLow == gainHigh) }
}

/// The advice on a scenario: the baseline, the single actions ranked, the joint choice.
public struct Advice: Sendable {
    public var scenarioName: String
    public var options: AdviceOptions
    public var baseline: SolvedPoint
    public var baselineOutcome: PlanOutcome
    /// Every candidate, ranked within its kind: largest gain first, ties by key.
    public var singles: [ActionGain]
    /// How the singles were ranked: every candidate was solved (exact), or not.
    public var ranking: Ranking
    public var joint: JointChoice?

    public enum Ranking: String, Sendable, Codable {
        /// Every candidate was solved: the ranking is the gains' own order.
        case exact
        /// Some candidates could not be solved to a plan; they are listed without a gain.
        case incomplete
        /// The first ones of each kind were solved, each gain the difference of two solves; the
        /// others were left out by a bound on their gain below those gains (listed after them,
        /// with the bound only).
        case screened
        /// As `screened`, but some were left out with a bound above the n-th gain by no more
        /// than the solves' gap (``ActionGain/leftOutWithin``): at the gap asked they cannot
        /// be told from it, so the list's last places may hold any of them.
        case screenedWithinGap

        /// The ranking of `singles`; `stopped` when the run was stopped before every candidate
        /// was priced or left out.
        public static func of(_ singles: [ActionGain], stopped: Bool = false) -> Ranking {
            if stopped || singles.contains(where: { $0.gain == nil && !$0.screenedOut && $0.provenWithoutSolve == nil }) { return .incomplete }
            if singles.contains(where: { $0.screenedOut && $0.leftOutWithin != nil }) { return .screenedWithinGap }
            return singles.contains(where: \.screenedOut) ? .screened : .exact
        }
    }

    public func ranked(_ kind: AdviceAction.Kind) -> [ActionGain] { singles.filter { $0.action.kind == kind } }
}

/// Computes advice: single-action gains as differences of solves, and the joint choice.
public struct Advisor: Sendable {
    public let planner: Planner
    public let solver: any MIPSolver
    public init(planner: Planner, solver: any MIPSolver) {
        self.planner = planner
        self.solver = solver
    }

    /// Solves the baseline; nil in the advice's place when it has no valid plan (the outcome
    /// says why).
    public func baseline(_ scenario: Scenario, request: PlanRequest) throws -> (PlanOutcome, SolvedPoint) {
        let start = Date()
        let outcome = try planner.plan(scenario, request: request)
        return (outcome, SolvedPoint(outcome, seconds: Date().timeIntervalSince(start)))
    }

    /// Every candidate's gain. Each action's solve starts from the baseline's plan (still valid
    /// after any candidate action), so it is never worse than the baseline.
    ///
    /// With `screenTop` n, the candidates of each kind are first bounded without a solve: the
    /// baseline root's duals (``PlanOutcome/rootCertificate``) give a lower bound on the points
    /// of every plan with the action, so the baseline's points minus it bound the gain from
    /// above (``ActionGain/gainBound``). Candidates are then solved in the order of their bounds,
    /// and solving stops when the next bound is below the n-th best gain proven so far (its
    /// lower end): no candidate left out can enter the first n of its kind. Past the first n, a
    /// solve carries that gain as its cutoff and stops once its own bound shows the candidate
    /// cannot beat it (the candidate is left out with that bound). Without a
    /// certificate (a scenario solved by province or by priority levels) every candidate is solved.
    public func singles(
        _ scenario: Scenario, candidates: [AdviceAction], baseline: PlanOutcome, point: SolvedPoint,
        request: PlanRequest, jobs: Int, screenTop: Int? = nil, shouldStop: (@Sendable () -> Bool)? = nil,
        finished: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [ActionGain] {
        try singles(scenario, candidates: candidates, baseline: baseline, point: point, request: request, jobs: jobs, screenTop: screenTop,
                    frames: nil, shouldStop: shouldStop, finished: finished)
    }

    /// ``singles(_:candidates:baseline:point:request:jobs:screenTop:shouldStop:finished:)``; with
    /// `frames`, each candidate is bounded and solved in its own province (``ProvinceFrames``),
    /// its gain the difference of that province's two solves.
    func singles(
        _ scenario: Scenario, candidates: [AdviceAction], baseline: PlanOutcome, point: SolvedPoint,
        request: PlanRequest, jobs: Int, screenTop: Int?, frames: ProvinceFrames?, shouldStop: (@Sendable () -> Bool)?,
        finished: (@Sendable (Int, Int) -> Void)?
    ) throws -> [ActionGain] {
        let context = PlanContext(scenario: scenario)
        /// What candidate `i` is solved against: its province's part and solve, or the whole.
        var partOf: [Int: Int] = [:]
        if let frames { for (i, action) in candidates.enumerated() { partOf[i] = frames.part(of: action) } }
        func base(_ i: Int) -> (outcome: PlanOutcome, point: SolvedPoint) {
            if let frames, let p = partOf[i] { return (frames.outcomes[p], frames.points[p]) }
            return (baseline, point)
        }
        var gains: [ActionGain?] = Array(repeating: nil, count: candidates.count)
        var scenarios: [Int: Scenario] = [:]
        for (i, action) in candidates.enumerated() {
            let changes = action.changes(in: scenario)
            if AdviceCandidates.provablyUseless(action, context: context) {
                gains[i] = ActionGain(action: action, changes: changes, gain: 0, gainLow: 0, gainHigh: 0, with: point,
                                      provenWithoutSolve: "no commune the officer may track requires the specialty",
                                      serves: [], plan: baseline.plan)
                continue
            }
            if frames != nil && partOf[i] == nil { throw AdviceError("The action \(action.key) belongs to no province.") }
            do throws(ScenarioChangeError) {
                if let frames, let p = partOf[i] { scenarios[i] = try frames.scenario(p, with: changes) } else { scenarios[i] = try [action].applied(to: scenario) }
            } catch {
                throw AdviceError("The action \(action.key) cannot be applied: \(error.description)")
            }
        }
        let open = scenarios.keys.sorted()

        // Bounds from the baseline's duals, when screening.
        var bounds: [Int: Double] = [:]
        if let screenTop, screenTop > 0 {
            let slots = BoundSlots()
            // Each candidate's scenario, the root it is bounded at, and the points it is measured from.
            let list = open.compactMap { i -> (Int, Scenario, LagrangianCertificate, Double)? in
                let b = base(i)
                guard let certificate = b.outcome.rootCertificate, let z0 = b.point.objective else { return nil }
                return (i, scenarios[i]!, certificate, z0)
            }
            let lanes = max(1, min(jobs, list.count))
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for k in stride(from: lane, to: list.count, by: lanes) {
                    let (i, changed, certificate, z0) = list[k]
                    if let b = Planner.lowerBound(of: changed, at: certificate) { slots.set(i, z0 - b) }
                }
            }
            bounds = slots.values()
        }
        let screening = screenTop != nil && !open.isEmpty && bounds.count == open.count

        /// Candidate `i` without a gain: left out by a bound (`screenedOut`), or not reached.
        func notSolved(_ i: Int, high: Double?, bound: Double?, screenedOut: Bool, within: Double? = nil) -> ActionGain {
            ActionGain(action: candidates[i], changes: candidates[i].changes(in: scenario), gain: nil, gainLow: nil, gainHigh: high,
                       with: nil, provenWithoutSolve: nil, serves: [], plan: nil, gainBound: bound, screenedOut: screenedOut,
                       leftOutWithin: within)
        }
        /// How far above the n-th gain a candidate may be left out: the gap the solves were
        /// asked for, in points of the solve it is measured from. Two solves each within that
        /// gap of their optimum cannot tell gains closer than that apart, so solving the
        /// candidate to rank it against the n-th would not say more.
        func tolerance(_ i: Int) -> Double { max(0, request.gap) * max(1, abs(base(i).point.objective ?? 0)) }
        var solvedCount = 0
        // Screening solves fewer: the count is of the candidates that may be solved.
        let total = open.count
        /// Solves `batch`; with a cutoff for a candidate, a solve whose bound reaches it settles the
        /// candidate there as unable to enter the list (its bound on the gain is below the n-th gain).
        func solve(_ batch: [Int], cutoffs: [Int: Double] = [:], threshold: [Int: Double] = [:]) throws {
            guard !batch.isEmpty else { return }
            let work = batch.map { i -> PlanBatch.Job in
                // Each solve starts where the baseline ended: its plan (valid after the action,
                // so the start heuristic has nothing to repair), its root's duals and columns.
                let from = base(i).outcome
                var r = request.resolving(from: from, jobs: jobs)
                r.start = from.plan
                r.startSuffices = true
                r.engineOptions.cutoff = cutoffs[i]
                return PlanBatch.Job(scenario: scenarios[i]!, request: r)
            }
            let done = Counter()
            let offset = solvedCount
            let report: @Sendable (Int, PlanBatch.Result) -> Void = { _, _ in
                let n = offset + done.next()
                finished?(n, total)
            }
            let results = PlanBatch(planner: planner, jobs: jobs).run(work, progress: nil, finished: report)
            solvedCount += batch.count
            for (k, result) in results.enumerated() {
                let i = batch[k]
                let action = candidates[i]
                let outcome = try result.outcome.get()
                let with = SolvedPoint(outcome, seconds: result.wallSeconds)
                let from = base(i).point
                if cutoffs[i] != nil, outcome.levels.last?.result.termination == .cutoff, let z0 = from.objective, let b1 = with.bound {
                    // Its bound reached the cutoff: its gain is below the n-th one proven, or
                    // above it by no more than the solves' gap.
                    let high = z0 - b1
                    let t = threshold[i] ?? -.infinity
                    gains[i] = notSolved(i, high: high, bound: bounds[i].map { Swift.min($0, high) } ?? high, screenedOut: true,
                                         within: high > t + 1e-6 * Swift.max(1, abs(t)) ? tolerance(i) : nil)
                    continue
                }
                var g = Self.gain(action, changes: action.changes(in: scenario), baseline: from, with: with,
                                  plan: outcome.plan, scenario: scenario)
                g.gainBound = bounds[i]
                // The whole scenario with the action: the other provinces as they were.
                if let frames, let p = partOf[i] { g.with = frames.whole(replacing: [p: outcome], seconds: result.wallSeconds) }
                gains[i] = g
            }
        }
        /// Candidates not solved because the caller stopped: listed without a gain.
        func unsolved(_ rest: some Sequence<Int>) {
            for i in rest where gains[i] == nil { gains[i] = notSolved(i, high: nil, bound: bounds[i], screenedOut: false) }
        }
        if !screening {
            // In groups of `jobs` when the caller may stop between them.
            let size = shouldStop == nil ? max(1, open.count) : max(1, jobs)
            var next = 0
            while next < open.count {
                if shouldStop?() == true { unsolved(open[next...]); break }
                let batch = Array(open[next..<min(open.count, next + size)])
                try solve(batch)
                next += batch.count
            }
            return Self.rank(gains.compactMap { $0 })
        }

        // Per kind: solve in the order of the bounds until none left can enter the first n. Each
        // round solves every kind's next candidates together, so that the lanes stay busy; what
        // a round holds depends only on the rounds before it, so the advice is reproducible.
        let n = screenTop!
        let orders = AdviceAction.Kind.allCases.map { kind in
            open.filter { candidates[$0].kind == kind }.sorted { a, b in
                bounds[a]! != bounds[b]! ? bounds[a]! > bounds[b]! : candidates[a].key < candidates[b].key
            }
        }
        var next = orders.map { _ in 0 }
        var active = orders.map { !$0.isEmpty }
        /// The n-th best proven lower end among the solved of kind `k` (−∞ until n are solved).
        func threshold(_ k: Int) -> Double {
            let lows = orders[k].prefix(next[k]).compactMap { gains[$0]?.gainLow }.sorted(by: >)
            return lows.count >= n ? lows[n - 1] : -.infinity
        }
        while active.contains(true) {
            if shouldStop?() == true {
                for k in orders.indices where active[k] { unsolved(orders[k][next[k]...]); next[k] = orders[k].count }
                break
            }
            var batch: [Int] = []
            var cutoffs: [Int: Double] = [:], thresholds: [Int: Double] = [:]
            for k in orders.indices where active[k] {
                let order = orders[k]
                let t = threshold(k)
                // The candidates left, in the order of their bounds, while one may beat the n-th
                // gain by more than the solves' gap (the bounds' order is not the tolerances':
                // skip those within it, solve the next one above).
                while next[k] < order.count, t.isFinite, bounds[order[next[k]]]! < t + tolerance(order[next[k]]) - 1e-9 * max(1, abs(t)),
                      bounds[order[next[k]]]! >= t - 1e-9 * max(1, abs(t)) {
                    let i = order[next[k]]
                    gains[i] = notSolved(i, high: bounds[i], bound: bounds[i], screenedOut: true, within: tolerance(i))
                    next[k] += 1
                }
                guard next[k] < order.count, bounds[order[next[k]]]! >= t - 1e-9 * max(1, abs(t)) else {
                    active[k] = false
                    continue
                }
                let size = next[k] < n ? n - next[k] : max(1, jobs)
                let chosen = order[next[k]..<min(order.count, next[k] + size)]
                // Past the first n, a solve need only show whether the candidate beats the
                // n-th gain by more than the solves' gap: it stops once its bound proves it cannot.
                if t.isFinite {
                    for i in chosen {
                        cutoffs[i] = base(i).point.objective! - t - tolerance(i) + 1e-6 * Swift.max(1, abs(t))
                        thresholds[i] = t
                    }
                }
                batch += chosen
                next[k] += chosen.count
            }
            try solve(batch, cutoffs: cutoffs, threshold: thresholds)
        }
        for (k, order) in orders.enumerated() {
            for i in order[next[k]...] where gains[i] == nil { gains[i] = notSolved(i, high: bounds[i], bound: bounds[i], screenedOut: true) }
        }
        return Self.rank(gains.compactMap { $0 })
    }

    static func gain(_ action: AdviceAction, changes: [ScenarioChange], baseline: SolvedPoint, with: SolvedPoint, plan: Assignment?, scenario: Scenario) -> ActionGain {
        var g = ActionGain(action: action, changes: changes, gain: nil, gainLow: nil, gainHigh: nil, with: with,
                           provenWithoutSolve: nil, serves: [], plan: plan)
        if let z0 = baseline.objective, let z1 = with.objective {
            g.gain = z0 - z1
            if let b0 = baseline.bound, let b1 = with.bound {
                g.gainLow = b0 - z1
                g.gainHigh = z0 - b1
                if baseline.isProven && with.isProven { g.gainLow = g.gain; g.gainHigh = g.gain }
            }
        }
        if let plan {
            let who: String? = switch action {
            case .train(let o, _), .moveBase(let o, _), .addCapacity(let o, _): o
            case .hire: AdviceAction.hireID(1, in: scenario)
            }
            if let who { g.serves = (plan.communesByOfficer[who] ?? []).sorted() }
        }
        return g
    }

    /// Largest gain first within each kind; actions without a gain last; ties by key.
    static func rank(_ gains: [ActionGain]) -> [ActionGain] {
        gains.sorted { a, b in
            if a.action.kind != b.action.kind { return a.action.kind < b.action.kind }
            switch (a.gain, b.gain) {
            case (let x?, let y?) where abs(x - y) > 1e-9: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                // Left out by screening: the larger bound first; then those that found no plan.
                switch (a.gainBound, b.gainBound) {
                case (let x?, let y?) where abs(x - y) > 1e-9: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.action.key < b.action.key
                }
            default: return a.action.key < b.action.key
            }
        }
    }
}

/// Advice that cannot be given: an action that does not apply, a table naming the unknown.
public struct AdviceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Bounds written by parallel workers, each index by one worker.
final class BoundSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Int: Double] = [:]
    func set(_ i: Int, _ value: Double) { lock.withLock { slots[i] = value } }
    func values() -> [Int: Double] { lock.withLock { slots } }
}

/// A thread-safe count: of finished jobs, for progress lines; of the work parallel workers
/// have taken, for the next to take.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

extension Advisor {
    /// The whole advice: the baseline, every candidate's gain, the joint choice. Returns the
    /// baseline's outcome alone (advice nil) when the scenario has no valid plan: there is
    /// nothing to improve, and the outcome says why.
    public func advise(
        _ scenario: Scenario, options: AdviceOptions, request: PlanRequest,
        log: (@Sendable (String) -> Void)? = nil
    ) throws -> (advice: Advice?, baseline: PlanOutcome) {
        let (outcome, point, frames) = try adviceBaseline(scenario, request: request)
        guard outcome.plan != nil, outcome.status == .optimal || outcome.status == .feasible else { return (nil, outcome) }
        log?("baseline: \(point.objective.map { String(format: "%.2f", $0) } ?? "–") points (\(point.status.rawValue))"
             + (frames.map { ", solved by province (\($0.scenarios.count))" } ?? ""))
        let candidates = Self.candidates(scenario, options: options, frames: frames)
        log?("\(candidates.count) candidate actions")
        let singles = try self.singles(scenario, candidates: candidates, baseline: outcome, point: point, request: request,
                                       jobs: options.jobs, screenTop: options.screenTop, frames: frames, shouldStop: nil, finished: { done, total in
            if done == total || done % 10 == 0 { log?("solved \(done) of at most \(total) candidates") }
        })
        let screened = singles.filter(\.screenedOut).count
        if screened > 0 { log?("\(screened) candidates left out by their bounds") }
        let ranking = Advice.Ranking.of(singles)
        var advice = Advice(scenarioName: scenario.name, options: options, baseline: point, baselineOutcome: outcome,
                            singles: singles, ranking: ranking, joint: nil)
        log?("joint choice")
        if let frames {
            advice.joint = try jointByProvince(scenario, options: options, candidates: candidates, singles: singles, frames: frames,
                                               request: request, shouldStop: nil, log: log)
        } else {
            advice.joint = try joint(scenario, options: options, candidates: candidates, singles: singles,
                                     baseline: outcome, point: point, request: request)
        }
        return (advice, outcome)
    }

    /// The candidate actions; by province, those inside a province (a hire at the
    /// headquarters joins none).
    static func candidates(_ scenario: Scenario, options: AdviceOptions, frames: ProvinceFrames?) -> [AdviceAction] {
        let all = AdviceCandidates.all(scenario, options: options)
        guard let frames else { return all }
        return all.filter { frames.part(of: $0) != nil }
    }
}
