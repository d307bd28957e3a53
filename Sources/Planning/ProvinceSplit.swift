import AssignmentEngine
import DiaBanCore
import Dispatch
import Foundation
import LinearModel

/// Decomposition by province: when officers are provincial, nothing couples two provinces
/// (no officer crosses, fair shares and mean utilisation are per province), so the whole
/// plan is the union of each province's optimal plan, and each province is solved on its own
/// thread. Rules that couple provinces — a national `maxChanges`, the min-max terms or a
/// priority list — keep the scenario whole.
enum ProvinceSplit {
    static func provinces(of context: PlanContext) -> [String]? {
        let sc = context.scenario
        guard context.isProvincial, sc.rules.maxChanges == nil, sc.weights.mountainMaxDeviation == 0,
              sc.weights.workloadMax == 0, sc.priorities?.isEmpty ?? true else { return nil }
        let names = Set(sc.communes.compactMap(\.province)).union(sc.officers.compactMap(\.province)).sorted()
        return names.count > 1 ? names : nil
    }
}

/// One province of a scenario solved province by province: its part of the scenario and
/// its own solve. Nothing couples two provinces, so a change inside one changes that
/// province's points only, and a caller may re-solve that province alone.
public struct ProvinceOutcome: Sendable {
    public var province: String
    /// The province's part of the scenario (`restricted(toProvince:)`).
    public var scenario: Scenario
    public var outcome: PlanOutcome
}

extension Planner {
    /// The provinces a scenario is solved by, one at a time (nil when it is solved whole: one
    /// province, officers without a province, or a rule that couples provinces).
    public static func provinces(of scenario: Scenario) -> [String]? {
        ProvinceSplit.provinces(of: PlanContext(scenario: scenario))
    }
}

extension Scenario {
    /// The part of the scenario in one province: its officers, communes, current, locked and
    /// forbidden pairs and distances.
    public func restricted(toProvince province: String) -> Scenario {
        var sc = self
        sc.officers = officers.filter { $0.province == province }
        sc.communes = communes.filter { $0.province == province }
        let ids = Set(sc.officers.map(\.id)), codes = Set(sc.communes.map(\.code))
        func inside(_ p: Pair) -> Bool { ids.contains(p.officer) && codes.contains(p.commune) }
        sc.current = Assignment(current.pairs.filter(inside))
        sc.locked = locked.filter(inside)
        sc.forbidden = forbidden.filter(inside)
        if let d = distances { sc.distances = DistanceMatrix(d.entries.filter { inside($0.key) }) }
        return sc
    }
}

/// Sums the provinces' progress into one snapshot for the caller.
private final class ProgressAggregate: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [Int: SolveProgress] = [:]
    private let parts: Int
    private let forward: (@Sendable (SolveProgress) -> ProgressDecision)?
    init(parts: Int, forward: (@Sendable (SolveProgress) -> ProgressDecision)?) {
        self.parts = parts
        self.forward = forward
    }
    func callback(_ part: Int) -> @Sendable (SolveProgress) -> ProgressDecision {
        { [self] p in
            lock.lock()
            latest[part] = p
            let all = latest.values
            let complete = all.count == parts
            let snapshot = SolveProgress(
                elapsedSeconds: all.map(\.elapsedSeconds).max() ?? 0,
                incumbent: complete && all.allSatisfy { $0.incumbent != nil } ? all.reduce(0) { $0 + $1.incumbent! } : nil,
                bestBound: complete && all.allSatisfy { $0.bestBound != nil } ? all.reduce(0) { $0 + $1.bestBound! } : nil,
                gap: nil, nodes: all.reduce(0) { $0 + $1.nodes })
            lock.unlock()
            var s = snapshot
            if let i = s.incumbent, let b = s.bestBound { s.gap = SolveResult.relativeGap(objective: i, bound: b) }
            return forward?(s) ?? .proceed
        }
    }
}

extension Planner {
    /// Plans each province on its own (in parallel, one GLPK problem per thread) and joins
    /// the plans, in two passes: first every province with half the time shared out by size;
    /// then, while time is left and the national gap is above the one asked for, the provinces
    /// with the largest gaps in points again, each from its best plan so far — the time goes
    /// where the points are, not where the communes are.
    func planByProvince(
        _ context: PlanContext, provinces: [String], request: PlanRequest,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    ) throws -> PlanOutcome {

        let scenario = context.scenario
        var clock = Clock()
        let started = Date()
        let deadline = request.timeLimit.map { started.addingTimeInterval($0 - min(1.0, 0.1 * $0)) }
        let parts = provinces.map { scenario.restricted(toProvince: $0) }
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, parts.count))
        let total = max(1, scenario.communes.count)
        let aggregate = ProgressAggregate(parts: parts.count, forward: progress)
        let stopped = StopFlag()

        /// Plans the provinces `which` on the lanes, `budget(i)` seconds each.
        /// `kept(i)`: the outcome to keep instead of a solve when no time is left for one.
        func run(
            _ which: [Int], budget: @escaping @Sendable (Int) -> Double?, start: @escaping @Sendable (Int) -> Assignment?, gap: Double?,
            kept: (@Sendable (Int) -> PlanOutcome?)? = nil
        ) throws -> [Int: PlanOutcome] {
            let results = ResultSlots<Result<PlanOutcome, any Error>>(count: parts.count)
            let next = ResultSlots<Int>(count: 1)
            DispatchQueue.concurrentPerform(iterations: min(lanes, which.count)) { _ in
                while let k = next.claim(upTo: which.count) {
                    let i = which[k]
                    if let kept, let seconds = budget(i), seconds < 0.05, let outcome = kept(i) {
                        results.set(i, .success(outcome))
                        continue
                    }
                    var sub = request
                    // The lanes share the processors: each province's engine prices on one thread.
                    if lanes > 1 { sub.threads = 1 }
                    sub.timeLimit = budget(i)
                    if let gap { sub.gap = gap }
                    sub.start = start(i)
                    let callback = aggregate.callback(i)
                    results.set(i, Result { try self.plan(parts[i], request: sub, progress: { p in
                        let decision = callback(p)
                        if decision == .stop { stopped.set() }
                        return decision
                    }) })
                }
            }
            var out: [Int: PlanOutcome] = [:]
            for i in which { out[i] = try results.get(i)!.get() }
            return out
        }

        // Pass 1: largest provinces first, so that the last lanes do not wait on one big province.
        let order = parts.indices.sorted { (parts[$0].communes.count, $1) > (parts[$1].communes.count, $0) }
        let limit = request.timeLimit
        var outcomes = try run(order, budget: { i in
            limit.map { max(0.5, 0.5 * $0 * Double(lanes) * Double(parts[i].communes.count) / Double(total)) }
        }, start: { i in
            request.start.map { s in Assignment(s.pairs.filter { p in parts[i].communes.contains { $0.code == p.commune } }) }
        }, gap: nil)

        // Pass 2: the largest gaps in points, from their best plans, while time is left.
        func pointsLeft(_ o: PlanOutcome) -> Double {
            guard o.status != .optimal, let value = o.objective, let bound = o.bestBound else { return 0 }
            return max(0, value - bound)
        }
        func nationalGap() -> Double? {
            let values = parts.indices.map { outcomes[$0]?.objective }
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            let objective = values.reduce(0) { $0 + $1! }
            let left = parts.indices.reduce(0) { $0 + pointsLeft(outcomes[$1]!) }
            return left / max(1e-9, abs(objective))
        }
        while let deadline, !stopped.isSet, deadline.timeIntervalSinceNow > 1, let gap = nationalGap(), gap > request.gap {
            let open = parts.indices.filter { pointsLeft(outcomes[$0]!) > 1e-6 * max(1, abs(outcomes[$0]!.objective ?? 0)) }
                .sorted { (pointsLeft(outcomes[$0]!), $1) > (pointsLeft(outcomes[$1]!), $0) }
            guard !open.isEmpty else { break }
            // The largest gap gets a lane and all the time left; the other lanes share the time
            // among the next gaps, in proportion to their points. Each solve starts over (its
            // column generation is quick) from the province's best plan.
            let remaining = deadline.timeIntervalSinceNow
            let pick = Array(open.prefix(8))
            let others = pick.dropFirst().reduce(0) { $0 + pointsLeft(outcomes[$1]!) }
            var budgets: [Int: Double] = [pick[0]: remaining]
            for i in pick.dropFirst() {
                budgets[i] = max(1, remaining * Double(max(1, lanes - 1)) * pointsLeft(outcomes[i]!) / max(1e-9, others))
            }
            let previous = outcomes, shares = budgets
            // A province that a lane reaches after the deadline keeps its plan: the time
            // limit is the user's, and no solve may start past it.
            let again = try run(pick, budget: { i in Swift.min(shares[i]!, deadline.timeIntervalSinceNow) },
                                start: { previous[$0]?.plan }, gap: Swift.min(request.gap, 1e-6), kept: { previous[$0] })
            for (i, o) in again { outcomes[i] = Self.better(previous[i]!, o) }
        }
        let wall = clock.lap()
        let each = parts.indices.map { outcomes[$0]! }
        var whole = combine(each, context: context, wallSeconds: wall)
        whole.provinces = parts.indices.map { ProvinceOutcome(province: provinces[$0], scenario: parts[$0], outcome: each[$0]) }
        return whole
    }

    /// The better plan of two solves of the same province, with the better of their bounds.
    static func better(_ a: PlanOutcome, _ b: PlanOutcome) -> PlanOutcome {
        var best = (b.objective ?? .infinity) < (a.objective ?? .infinity) - 1e-9 ? b : a
        let bounds = [a.bestBound, b.bestBound].compactMap { $0 }
        if let bound = bounds.max(), let value = best.objective {
            best.bestBound = Swift.min(bound, value)
            best.gap = SolveResult.relativeGap(objective: value, bound: Swift.min(bound, value))
            if best.gap! <= 1e-6 && best.status == .feasible { best.status = .optimal }
        }
        best.nodes = a.nodes + b.nodes
        // Both solves' engine work, as their nodes: what this province cost in all.
        if a.stats.engine != nil || b.stats.engine != nil { best.stats.engine = (a.stats.engine ?? []) + (b.stats.engine ?? []) }
        return best
    }

    private func combine(_ parts: [PlanOutcome], context: PlanContext, wallSeconds: Double) -> PlanOutcome {
        let scenario = context.scenario
        let status = PlanStatus.joined(parts.map(\.status))
        let before = context.evaluate(scenario.current)
        var outcome = parts[0]
        outcome.scenarioName = scenario.name
        outcome.status = status
        outcome.before = before
        outcome.beforePoints = before.points(scenario.weights, coverage: scenario.rules.coverage)
        outcome.currentViolations = context.hardViolations(scenario.current)
        outcome.kpisBefore = context.kpis(scenario.current)
        outcome.findings = QuickChecks.run(context)
        outcome.nodes = parts.reduce(0) { $0 + $1.nodes }
        outcome.heuristic = nil
        outcome.levels = []
        let explanations = parts.compactMap(\.explanation)
        outcome.explanation = explanations.isEmpty ? nil : InfeasibilityExplanation(
            relaxations: explanations.flatMap(\.relaxations).sorted { ($0.amount, $1.subject) > ($1.amount, $0.subject) },
            relaxedPlan: explanations.flatMap(\.relaxedPlan).sorted(), complete: explanations.allSatisfy(\.complete))
        var stats = outcome.stats
        stats.variables = parts.reduce(0) { $0 + $1.stats.variables }
        stats.binaries = parts.reduce(0) { $0 + $1.stats.binaries }
        stats.constraints = parts.reduce(0) { $0 + $1.stats.constraints }
        stats.nonZeros = parts.reduce(0) { $0 + $1.stats.nonZeros }
        stats.eligiblePairs = parts.reduce(0) { $0 + $1.stats.eligiblePairs }
        stats.prunedPairs = parts.reduce(0) { $0 + $1.stats.prunedPairs }
        stats.fixedByReducedCost = parts.reduce(0) { $0 + $1.stats.fixedByReducedCost }
        stats.startAccepted = parts.allSatisfy(\.stats.startAccepted)
        stats.startObjective = parts.allSatisfy { $0.stats.startObjective != nil } ? parts.reduce(0) { $0 + $1.stats.startObjective! } : nil
        stats.rootBound = parts.allSatisfy { $0.stats.rootBound != nil } ? parts.reduce(0) { $0 + $1.stats.rootBound! } : nil
        stats.peakSolverBytes = parts.map(\.stats.peakSolverBytes).max() ?? 0
        // Every province's engine entries, not only the first province's.
        stats.engine = parts.contains { $0.stats.engine != nil } ? parts.flatMap { $0.stats.engine ?? [] } : nil
        outcome.stats = stats
        outcome.timings = .init(
            buildSeconds: parts.reduce(0) { $0 + $1.timings.buildSeconds },
            heuristicSeconds: parts.reduce(0) { $0 + $1.timings.heuristicSeconds },
            solveSeconds: wallSeconds, reportSeconds: 0,
            firstIncumbentSeconds: parts.allSatisfy { $0.timings.firstIncumbentSeconds != nil } ? parts.map { $0.timings.firstIncumbentSeconds! }.max() : nil)
        if parts.allSatisfy({ $0.plan != nil }) {
            var reportClock = Clock()
            let plan = Assignment(parts.flatMap { $0.plan!.pairs })
            let after = context.evaluate(plan)
            outcome.plan = plan
            outcome.after = after
            outcome.afterPoints = after.points(scenario.weights, coverage: scenario.rules.coverage)
            outcome.objective = context.objective(of: after)
            let bounds = parts.map { $0.status == .optimal ? $0.objective : $0.bestBound }
            outcome.bestBound = bounds.allSatisfy { $0 != nil } ? bounds.reduce(0) { $0 + $1! } : nil
            outcome.gap = outcome.bestBound.flatMap { b in outcome.objective.map { SolveResult.relativeGap(objective: $0, bound: b) } }
            outcome.planViolations = context.hardViolations(plan)
            outcome.kpisAfter = context.kpis(plan)
            outcome.proposal = context.proposal(for: plan)
            outcome.timings.reportSeconds = reportClock.lap()
        } else {
            outcome.plan = nil
            outcome.after = nil
            outcome.afterPoints = nil
            outcome.objective = nil
            outcome.bestBound = nil
            outcome.gap = nil
            outcome.planViolations = []
            outcome.kpisAfter = nil
            outcome.proposal = Proposal(moves: [])
        }
        return outcome
    }
}

/// Set once any province's progress closure asked to stop.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Thread-safe slots filled by parallel workers, read in index order afterwards.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T?]
    private var cursor = 0
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); values[i] = value; lock.unlock() }
    func get(_ i: Int) -> T? { lock.lock(); defer { lock.unlock() }; return values[i] }
    /// The next unclaimed index below `limit`, or nil.
    func claim(upTo limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }
}
