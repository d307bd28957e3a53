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
/// Provinces without candidates keep their baseline's bound. The prices are searched a few
/// rounds, each price moved towards where the roots' fractional count of its kind crosses its
/// budget (``PriceBracket``); every round's value is a bound, and the best is kept.
struct BudgetBound: Sendable {
    var bound: Double
    var prices: JointDecomposition.Prices
    /// Price steps taken (each one root per province with candidates).
    var rounds: Int
    /// A combination within the budgets read from a round whose roots chose whole versions and
    /// hires (a Lagrangian plan), by province index: the provinces' actions, to be re-solved.
    var combination: [Int: [AdviceAction]]?
}

extension Advisor {
    /// ``BudgetBound`` for `candidates` (the province-held ones) within `options`' budgets; nil
    /// when a province has no finite bound. The search stops once the bound is within the
    /// request's gap of `upper`, the best combination's points, or after `maxRounds` rounds
    /// (a number of rounds, not a time: the same input gives the same bound on any machine).
    /// `perAction`, the best combination's gain per action, caps the first prices. Four rounds:
    /// from those prices the country's best bound came at the third (48,803 points; rounds
    /// four to six gave 44,474, 47,663 and 48,488, 47 s each).
    func budgetBound(
        options: AdviceOptions, candidates: [AdviceAction], singles: [ActionGain], frames: ProvinceFrames, request: PlanRequest,
        upper: Double?, perAction: Double? = nil, rounds maxRounds: Int = 4, shouldStop: (@Sendable () -> Bool)?,
        log: (@Sendable (String) -> Void)? = nil
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
        // (where the budgets bind, the relaxation's best price lies near it); when fewer than
        // that were solved and others were left out by their bounds, the least gain solved. Near
        // ties among single actions (a city's many hires of one specialty, each worth about as
        // much alone, little together) put that far above the value of one more action: the
        // best combination's gain per action caps it (on the country, --train 10 --hire 10, the
        // first left out are worth 2,143 and 3,724 points, the combination 1,142 an action, the
        // best prices found 1,138 and 1,048).
        func firstLeftOut(_ kind: AdviceAction.Kind, _ budget: Int) -> Double {
            let ofKind = singles.filter { $0.action.kind == kind }
            let gains = ofKind.compactMap(\.gain).filter { $0 > 1e-9 }.sorted(by: >)
            let left = gains.count > budget ? gains[budget] : ofKind.contains(where: \.screenedOut) ? gains.last ?? 0 : 0
            guard let perAction, perAction > 0 else { return left }
            return min(left, perAction)
        }
        var prices = JointDecomposition.Prices(train: priced.train > 0 ? firstLeftOut(.train, budgets.train) : 0,
                                               hire: priced.hire > 0 ? firstLeftOut(.hire, budgets.hire) : 0,
                                               move: priced.move > 0 ? firstLeftOut(.moveBase, budgets.move) : 0)
        // Each price's bracket: below `low` the roots take more than the budget, above `high` less.
        var brackets = (train: PriceBracket(), hire: PriceBracket(), move: PriceBracket())
        var best: BudgetBound?
        var plan: (bound: Double, combination: [Int: [AdviceAction]]) = (-.infinity, [:])
        var warm: [Int: LagrangianCertificate] = [:]
        let problems = Built<JointDecomposition>()
        // Each province's problem in pieces by its number of hires — none, one, two or more —
        // each piece's bands the hull over its counts only (the hull over every count, one
        // piece, costs far more than it saves: Nghệ An and Hà Tĩnh, --train 3 --hire 2, bound
        // 1,265 against 1,349 with exact bands, the best combination 1,402). The province's
        // bound is its pieces' least.
        struct Piece: Sendable {
            var part: Int
            var hires: ClosedRange<Int>
        }
        var pieces: [Piece] = []
        for (k, part) in parts.enumerated() {
            let most = min(budgets.hire, part.hires.count)
            let ranges = most == 0 ? [0...0] : most == 1 ? [0...0, 1...1] : [0...0, 1...1, 2...most]
            pieces += ranges.map { Piece(part: k, hires: $0) }
        }
        // Each piece's seconds in the round before: the longest are started first, so that the
        // lanes end together (the order changes the time only, not a number).
        var seconds: [Double] = pieces.map { piece in
            Double(frames.scenarios[parts[piece.part].p].communes.count) * (piece.hires.upperBound > 0 ? 4 : 1)
        }
        for round in 0..<maxRounds {
            if shouldStop?() == true { break }
            let slots = RootSlots(count: pieces.count)
            let lanes = max(1, min(options.jobs, pieces.count))
            let failure = FirstError()
            let at = prices, starts = warm, parts = parts, pieces = pieces
            let order = pieces.indices.sorted { seconds[$0] != seconds[$1] ? seconds[$0] > seconds[$1] : $0 < $1 }
            let queue = Counter()
            DispatchQueue.concurrentPerform(iterations: lanes) { _ in
                while true {
                    let q = queue.next() - 1
                    guard q < order.count, failure.error == nil else { return }
                    let k = order[q]
                    let piece = pieces[k], part = parts[piece.part]
                    do {
                        // The piece's problem, built once: only its prices change.
                        let jd = try problems.value(k) {
                            try JointDecomposition(
                                scenario: frames.scenarios[part.p], trainings: part.trainings, hires: piece.hires.upperBound > 0 ? part.hires : [],
                                hireCount: piece.hires.upperBound, trainBudget: budgets.train,
                                moves: part.moves, moveBudget: budgets.move, prices: at, fewestHires: piece.hires.lowerBound)
                        }
                        let root = try pricedRoot(jd, prices: at, warm: starts[k] ?? frames.outcomes[part.p].rootCertificate,
                                                  request: request, lpSolver: lpSolver, shouldStop: shouldStop)
                        slots.set(k, root)
                    } catch {
                        failure.set(error)
                    }
                }
            }
            if let error = failure.error { throw error }
            let roots = slots.all()
            var least = [RootSlots.Root?](repeating: nil, count: parts.count)
            var complete = true
            for (k, root) in roots.enumerated() {
                guard let root, let b = root.bound else { complete = false; break }
                seconds[k] = root.seconds
                if let c = root.certificate { warm[k] = c }
                let p = pieces[k].part
                if b < least[p]?.bound ?? .infinity { least[p] = root }
            }
            guard complete else { break }
            var total = fixed
            var counts = (train: 0.0, hire: 0.0, move: 0.0)
            var combination: [Int: [AdviceAction]]? = [:]
            for (k, root) in least.enumerated() {
                // Every piece infeasible (the province has no plan at all): no bound from here.
                guard let root, let b = root.bound else { complete = false; break }
                total += b
                counts.train += root.counts.train
                counts.hire += root.counts.hire
                counts.move += root.counts.move
                if let actions = root.actions { if !actions.isEmpty { combination?[parts[k].p] = actions } } else { combination = nil }
            }
            guard complete else { break }
            let value = total - prices.train * Double(priced.train) - prices.hire * Double(priced.hire) - prices.move * Double(priced.move)
            // The roots' plans as a combination, when whole and within the budgets.
            let within = counts.train <= Double(budgets.train) + 1e-6 && counts.hire <= Double(budgets.hire) + 1e-6
                && counts.move <= Double(budgets.move) + 1e-6
            if within, let combination, !combination.isEmpty, value > plan.bound { plan = (value, combination) }
            if value > (best?.bound ?? -.infinity) { best = BudgetBound(bound: value, prices: prices, rounds: round + 1) }
            log?(String(format: "bound of every sharing: round %d, prices %.2f / %.2f / %.2f, bound %.2f, the roots' counts %.2f / %.2f / %.2f (%.1f s)",
                        round + 1, prices.train, prices.hire, prices.move, value, counts.train, counts.hire, counts.move,
                        Date().timeIntervalSince(started)))
            // Done when the bound is within the gap asked of the best combination.
            if let upper, SolveResult.relativeGap(objective: upper, bound: value) <= request.gap { break }
            // Each price moves to where its count crosses its budget: up while the roots take
            // more than the budget, down while they take less, halving its bracket once both
            // sides are seen (the counts move with the prices, so every step is a bound).
            let next = JointDecomposition.Prices(
                train: brackets.train.next(from: prices.train, count: counts.train, budget: priced.train),
                hire: brackets.hire.next(from: prices.hire, count: counts.hire, budget: priced.hire),
                move: brackets.move.next(from: prices.move, count: counts.move, budget: priced.move))
            if next == prices { break }
            prices = next
        }
        if !plan.combination.isEmpty { best?.combination = plan.combination }
        return best
    }
}

extension Advisor {
    /// How close to its master's value each priced root's Lagrangian bound is taken.
    static let pricedRootGap = 1e-3

    /// One province's priced problem solved at its root: its bound, how many trainings, hires
    /// and moves the root's fractional plan takes, and its certificate for the next prices.
    func pricedRoot(
        _ jd: JointDecomposition, prices: JointDecomposition.Prices, warm: LagrangianCertificate?,
        request: PlanRequest, lpSolver: any LiveProgramSolver, shouldStop: (@Sendable () -> Bool)?
    ) throws -> RootSlots.Root {
        var options = request.engineOptions
        options.timeLimit = request.timeLimit
        options.threads = 1
        options.branchAndPrice = false
        // The bound, not the root's value, is what counts: the rounds stop within 0.1 % of the
        // master's value, a loss of at most that share of each province's bound.
        options.rootRoundsGap = Self.pricedRootGap
        options.masterIntegerShare = 0
        options.localSearch = false
        options.cutoff = nil
        var solverOptions = request.solverOptions
        solverOptions.timeLimit = request.timeLimit
        options.solverOptions = solverOptions
        let started = Date()
        let engine = DecompositionEngine(solver: solver, lpSolver: lpSolver)
        var progress: (@Sendable (SolveProgress) -> ProgressDecision)?
        if let shouldStop { progress = { _ in shouldStop() ? .stop : .proceed } }
        let result = try engine.solve(jd.repriced(prices), incumbent: nil, warm: warm, options: options, progress: progress)
        var counts = (train: 0.0, hire: 0.0, move: 0.0)
        var actions: [AdviceAction]? = result.rootAgentUsage == nil ? nil : []
        for (i, u) in (result.rootAgentUsage ?? []).enumerated() where u > 1e-9 {
            counts.train += u * jd.counts[i].train
            counts.hire += u * jd.counts[i].hire
            counts.move += u * jd.counts[i].move
            if u < 1 - 1e-6 { if jd.counts[i].train + jd.counts[i].hire + jd.counts[i].move > 0 { actions = nil } } else {
                actions? += jd.actionsOfAgent[i] ?? []
                if let j = jd.hireOfAgent[i] { actions?.append(jd.hires[j]) }
            }
        }
        // No plan at all (not even the province as it is): nothing to bound, +∞ is a bound.
        let bound = result.termination == .infeasible ? Double.infinity : (result.bestBound ?? result.stats.decompositionBound)
        return RootSlots.Root(bound: bound, counts: counts, certificate: result.rootCertificate, actions: actions?.sorted(),
                              seconds: Date().timeIntervalSince(started))
    }
}

/// Where a budget's price lies: at `low` or below the relaxation takes more than the budget,
/// at `high` or above, less.
struct PriceBracket {
    var low = 0.0
    var high: Double?

    /// The next price after `price` gave `count` actions against `budget`.
    mutating func next(from price: Double, count: Double, budget: Int) -> Double {
        let b = Double(budget)
        guard budget > 0 else { return 0 }
        if count > b + 1e-6 {
            low = max(low, price)
            if let high { return (low + high) / 2 }
            return price > 0 ? 2 * price : 1
        }
        if count < b - 1e-6 && price > 0 {
            high = min(high ?? price, price)
            return (low + high!) / 2
        }
        return price
    }
}

/// Each province's priced root, written by parallel workers, each index by one worker.
final class RootSlots: @unchecked Sendable {
    struct Root: @unchecked Sendable {
        var bound: Double?
        var counts: (train: Double, hire: Double, move: Double)
        var certificate: LagrangianCertificate?
        /// The actions of the root's plan when it uses each version and hire wholly or not at
        /// all (nil when it splits one).
        var actions: [AdviceAction]?
        /// How long it took (to order the next round's work only).
        var seconds: Double
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

/// Values built once by parallel workers, each index by one worker.
final class Built<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: T] = [:]
    func value(_ i: Int, build: () throws -> T) rethrows -> T {
        if let v = lock.withLock({ values[i] }) { return v }
        let v = try build()
        lock.withLock { values[i] = v }
        return v
    }
}
