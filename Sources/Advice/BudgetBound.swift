import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel
import Planning

/// A lower bound on the points of every combination within the budgets, on a scenario solved
/// province by province (``ProvinceFrames``), by pricing the budgets instead of sharing them.
///
/// The budgets are national; the provinces are otherwise independent. For any prices `p ≥ 0`
/// of a training, a hire and a base move, and any combination `c` within the budgets `B`,
///
///     z(c) = Σ_prov z_prov(c_prov) ≥ Σ_prov min_c' [z_prov(c') + p · counts(c')] − p · B,
///
/// because `p · counts(c) ≤ p · B` (Lagrangian relaxation of the budget rows). Each
/// province's minimum is bounded below by the root of one priced problem
/// (``JointDecomposition`` with `prices`: every candidate of the province, any number of hires
/// up to the budget, bands widened over those counts), solved by the decomposition engine.
/// Provinces without candidates keep their baseline's bound. The prices are improved by a few
/// subgradient steps on the roots' fractional counts; every step's value is a bound, and the
/// best is kept.
struct BudgetBound: Sendable {
    var bound: Double
    var prices: JointDecomposition.Prices
    /// Price steps taken (each one root per province with candidates).
    var rounds: Int
}

extension Advisor {
    /// ``BudgetBound`` for `candidates` (the province-held ones) within `options`' budgets; nil
    /// when a province has no finite bound. `upper`, the best combination's points, sizes the
    /// steps.
    func budgetBound(
        options: AdviceOptions, candidates: [AdviceAction], singles: [ActionGain], frames: ProvinceFrames, request: PlanRequest,
        upper: Double?, rounds maxRounds: Int = 4, shouldStop: (@Sendable () -> Bool)?, log: (@Sendable (String) -> Void)? = nil
    ) throws -> BudgetBound? {
        let started = Date()
        guard let lpSolver = solver as? any LiveProgramSolver else { return nil }
        let budgets = (train: options.budget(.train), hire: options.budget(.hire), move: options.budget(.moveBase))
        // Ranked priorities are solved level by level: a weighted relaxation proves nothing of them.
        guard frames.scenarios.allSatisfy({ $0.priorities == nil }) else { return nil }
        let useless = Set(singles.filter { $0.provenWithoutSolve != nil }.map(\.action))
        let held = frames.byPart(candidates.filter { !useless.contains($0) }, \.self)
        struct Part: Sendable {
            var p: Int
            var trainings: [AdviceAction], hires: [AdviceAction], moves: [AdviceAction]
        }
        var parts: [Part] = []
        var fixed = 0.0
        for p in frames.scenarios.indices {
            let list = held[p] ?? []
            let part = Part(p: p, trainings: budgets.train > 0 ? list.filter { $0.kind == .train } : [],
                            hires: budgets.hire > 0 ? list.filter { $0.kind == .hire } : [],
                            // With a candidate limit base moves are not in the joint choice.
                            moves: budgets.move > 0 && frames.scenarios[p].rules.candidateLimit == nil ? list.filter { $0.kind == .moveBase } : [])
            if part.trainings.isEmpty && part.hires.isEmpty && part.moves.isEmpty {
                guard let b = frames.points[p].bound else { return nil }
                fixed += b
            } else {
                parts.append(part)
            }
        }
        // The budgets the relaxation prices: a kind no province has a candidate of is not priced.
        let priced = (train: parts.contains { !$0.trainings.isEmpty } ? budgets.train : 0,
                      hire: parts.contains { !$0.hires.isEmpty } ? budgets.hire : 0,
                      move: parts.contains { !$0.moves.isEmpty } ? budgets.move : 0)
        // First prices: the gain of the first single action of each kind the budget leaves out
        // (where the budgets bind, the relaxation's best price lies near it).
        func firstLeftOut(_ kind: AdviceAction.Kind, _ budget: Int) -> Double {
            let gains = singles.filter { $0.action.kind == kind }.compactMap(\.gain).filter { $0 > 1e-9 }.sorted(by: >)
            guard gains.count > budget else { return 0 }
            return gains[budget]
        }
        var prices = JointDecomposition.Prices(train: priced.train > 0 ? firstLeftOut(.train, budgets.train) : 0,
                                               hire: priced.hire > 0 ? firstLeftOut(.hire, budgets.hire) : 0,
                                               move: priced.move > 0 ? firstLeftOut(.moveBase, budgets.move) : 0)
        var best: BudgetBound?
        var warm: [Int: LagrangianCertificate] = [:]
        for round in 0..<maxRounds {
            if shouldStop?() == true { break }
            let slots = RootSlots(count: parts.count)
            let lanes = max(1, min(options.jobs, parts.count))
            let failure = FirstError()
            let at = prices, starts = warm, parts = parts
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for k in stride(from: lane, to: parts.count, by: lanes) {
                    if failure.error != nil { return }
                    let part = parts[k]
                    do {
                        let root = try pricedRoot(
                            frames.scenarios[part.p], trainings: part.trainings, hires: part.hires, moves: part.moves, budgets: budgets,
                            prices: at, warm: starts[part.p] ?? frames.outcomes[part.p].rootCertificate, request: request, lpSolver: lpSolver,
                            shouldStop: shouldStop)
                        slots.set(k, root)
                    } catch {
                        failure.set(error)
                    }
                }
            }
            if let error = failure.error { throw error }
            let roots = slots.all()
            var total = fixed
            var counts = (train: 0.0, hire: 0.0, move: 0.0)
            var complete = true
            for (k, root) in roots.enumerated() {
                guard let root, let b = root.bound else { complete = false; break }
                total += b
                counts.train += root.counts.train
                counts.hire += root.counts.hire
                counts.move += root.counts.move
                if let c = root.certificate { warm[parts[k].p] = c }
            }
            guard complete else { break }
            let value = total - prices.train * Double(priced.train) - prices.hire * Double(priced.hire) - prices.move * Double(priced.move)
            if value > (best?.bound ?? -.infinity) { best = BudgetBound(bound: value, prices: prices, rounds: round + 1) }
            log?(String(format: "bound of every sharing: round %d, prices %.2f / %.2f / %.2f, bound %.2f, the roots' counts %.2f / %.2f / %.2f (%.1f s)",
                        round + 1, prices.train, prices.hire, prices.move, value, counts.train, counts.hire, counts.move,
                        Date().timeIntervalSince(started)))
            // A subgradient step (Polyak's, towards the best combination's points).
            let g = (train: priced.train > 0 ? counts.train - Double(priced.train) : 0,
                     hire: priced.hire > 0 ? counts.hire - Double(priced.hire) : 0,
                     move: priced.move > 0 ? counts.move - Double(priced.move) : 0)
            func stepped(_ price: Double, _ slope: Double) -> Double { max(0, price + slope) }
            let norm = g.train * g.train + g.hire * g.hire + g.move * g.move
            guard norm > 1e-12, let upper, upper > value + 1e-9 else { break }
            let s = (upper - value) / norm
            prices = JointDecomposition.Prices(train: stepped(prices.train, s * g.train), hire: stepped(prices.hire, s * g.hire),
                                               move: stepped(prices.move, s * g.move))
        }
        return best
    }
}

extension Advisor {
    /// One province's priced problem solved at its root: its bound, how many trainings, hires
    /// and moves the root's fractional plan takes, and its certificate for the next prices.
    func pricedRoot(
        _ scenario: Scenario, trainings: [AdviceAction], hires: [AdviceAction], moves: [AdviceAction],
        budgets: (train: Int, hire: Int, move: Int), prices: JointDecomposition.Prices, warm: LagrangianCertificate?,
        request: PlanRequest, lpSolver: any LiveProgramSolver, shouldStop: (@Sendable () -> Bool)?
    ) throws -> RootSlots.Root {
        let jd = try JointDecomposition(
            scenario: scenario, trainings: trainings, hires: hires, hireCount: min(budgets.hire, hires.count), trainBudget: budgets.train,
            moves: moves, moveBudget: budgets.move, prices: prices)
        var options = request.engineOptions
        options.timeLimit = request.timeLimit
        options.threads = 1
        options.branchAndPrice = false
        options.masterIntegerShare = 0
        options.localSearch = false
        options.cutoff = nil
        var solverOptions = request.solverOptions
        solverOptions.timeLimit = request.timeLimit
        options.solverOptions = solverOptions
        let engine = DecompositionEngine(solver: solver, lpSolver: lpSolver)
        var progress: (@Sendable (SolveProgress) -> ProgressDecision)?
        if let shouldStop { progress = { _ in shouldStop() ? .stop : .proceed } }
        let result = try engine.solve(jd.problem, incumbent: nil, warm: warm, options: options, progress: progress)
        var counts = (train: 0.0, hire: 0.0, move: 0.0)
        for (i, u) in (result.rootAgentUsage ?? []).enumerated() where u > 1e-9 {
            if jd.hireOfAgent[i] != nil { counts.hire += u }
            for action in jd.actionsOfAgent[i] ?? [] {
                if action.kind == .train { counts.train += u } else if action.kind == .moveBase { counts.move += u }
            }
        }
        // No plan at all (not even the province as it is): nothing to bound, +∞ is a bound.
        let bound = result.termination == .infeasible ? Double.infinity : (result.bestBound ?? result.stats.decompositionBound)
        return RootSlots.Root(bound: bound, counts: counts, certificate: result.rootCertificate)
    }
}

/// Each province's priced root, written by parallel workers, each index by one worker.
final class RootSlots: @unchecked Sendable {
    struct Root: @unchecked Sendable {
        var bound: Double?
        var counts: (train: Double, hire: Double, move: Double)
        var certificate: LagrangianCertificate?
    }
    private let lock = NSLock()
    private var slots: [Root?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ root: Root) { lock.withLock { slots[i] = root } }
    func all() -> [Root?] { lock.withLock { slots } }
}

/// The first error a parallel worker met.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?
    var error: (any Error)? { lock.withLock { first } }
    func set(_ e: any Error) { lock.withLock { if first == nil { first = e } } }
}
