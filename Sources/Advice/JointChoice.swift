import AssignmentEngine
import DiaBanCore
import Foundation
import LinearModel
import Planning

/// The best combination of actions within the budgets, chosen jointly.
public struct JointChoice: Sendable {
    /// The actions of the combination, in order (kind, then key).
    public var actions: [AdviceAction]
    public var changes: [ScenarioChange]
    /// The combination re-solved as a what-if: its plan's points and bound.
    public var with: SolvedPoint
    /// The points saved against the baseline's plan.
    public var gain: Double?
    /// A lower bound on the points of every combination within the budgets (nil when none is
    /// proven), and the relative gap between the combination and it.
    public var bound: Double?
    public var gap: Double?
    public var status: Status
    /// What the joint choice covers, and what it does not, in sentences.
    public var notes: [String]
    public var seconds: Double

    public enum Status: String, Sendable, Codable {
        /// No combination within the budgets is better (within the solver's optimality tolerance).
        case optimal
        /// A combination with its gap to the bound.
        case feasible
    }
}

extension JointChoice {
    /// The notes a joint choice may carry, word for word: a page translates them by these texts.
    public enum Note {
        public static let capacity = "The joint choice covers trainings, hires and base moves; capacity actions are ranked one by one only."
        public static let candidateLimit = "With a candidate limit the eligible pairs depend on the roster, so the joint program's bound is not a proof."
        public static let priorities = "With priorities the joint program weighs all terms at once; its bound is not a proof of the ranked solve."
        public static let moveBase = "Solved by priority levels or with a candidate limit, the joint choice covers trainings and hires; base moves are ranked one by one only."
        public static let mountainBand = "With a hard mountain band a hire cannot stay idle; hires are left out of the joint choice."
        public static let idleHire = "Each hire of a combination tracks at least one commune: a hire left idle is no proposal."
        public static let byProvince = "Solved province by province: the budgets are shared out among the provinces by the single actions' gains, and each province's share is chosen jointly within that province."
        public static let byProvinceBound = "The bound holds for every way of sharing the budgets among the provinces: it prices each training, hire and base move instead of sharing them (a Lagrangian bound), each province's priced problem bounded at its root."
        public static let byProvinceNoBound = "No bound covers every way of sharing the budgets among the provinces (a province's priced problem gave none), so the combination has no gap."
        /// Every note above.
        public static let all = [capacity, candidateLimit, priorities, moveBase, mountainBand, idleHire, byProvince, byProvinceBound, byProvinceNoBound]
    }
}

extension Advisor {
    /// The joint choice of trainings and hires within the budgets: one integer program per
    /// number of hires (``JointModel``), the best combination of each re-solved as a what-if,
    /// and the smallest of the programs' bounds as the bound on every combination. With
    /// `hireCounts`, only those numbers of hires are tried, and the bound covers only them.
    /// Base moves are part of it on the decomposition engine; capacity is not (``JointChoice/notes``
    /// says so), nor are base moves on the compact program.
    public func joint(
        _ scenario: Scenario, options: AdviceOptions, candidates: [AdviceAction], singles: [ActionGain],
        baseline: PlanOutcome, point: SolvedPoint, request: PlanRequest, shouldStop: (@Sendable () -> Bool)? = nil,
        hireCounts: [Int]? = nil
    ) throws -> JointChoice? {
        let started = Date()
        var notes: [String] = []
        let trainBudget = options.budget(.train), hireBudget = options.budget(.hire), moveBudget = options.budget(.moveBase)
        guard trainBudget > 0 || hireBudget > 0 || moveBudget > 0 else { return nil }
        if options.budget(.capacity) > 0 {
            notes.append(JointChoice.Note.capacity)
        }
        var exactBound = true
        if scenario.rules.candidateLimit != nil {
            exactBound = false
            notes.append(JointChoice.Note.candidateLimit)
        }
        if scenario.priorities != nil {
            exactBound = false
            notes.append(JointChoice.Note.priorities)
        }
        // Only actions that can change the model enter the program.
        let useless = Set(singles.filter { $0.provenWithoutSolve != nil }.map(\.action))
        let trainings = trainBudget > 0 ? candidates.filter { $0.kind == .train && !useless.contains($0) } : []
        var hires = hireBudget > 0 ? candidates.filter { $0.kind == .hire } : []
        let moves = moveBudget > 0 ? candidates.filter { $0.kind == .moveBase } : []
        if exactBound, Planner.solvesAsOne(PlanContext(scenario: scenario)), let lpSolver = solver as? any LiveProgramSolver {
            return try jointByEngine(scenario, trainings: trainings, hires: hires, moves: moves, budgets: (trainBudget, hireBudget, moveBudget),
                                     singles: singles, baseline: baseline, point: point, request: request, lpSolver: lpSolver,
                                     notes: notes, started: started, shouldStop: shouldStop, hireCounts: hireCounts)
        }
        if moveBudget > 0 {
            notes.append(JointChoice.Note.moveBase)
        }
        guard trainBudget > 0 || hireBudget > 0 else { return nil }
        if !hires.isEmpty, scenario.rules.mountainBand != nil {
            notes.append(JointChoice.Note.mountainBand)
            hires = []
        }

        var best: (actions: [AdviceAction], point: SolvedPoint)?
        var bound: Double? = exactBound ? .infinity : nil
        var counts = Array(0...min(hireBudget, hires.count))
        if hires.isEmpty { counts = [0] }
        if let hireCounts { counts = counts.filter(hireCounts.contains) }
        for k in counts {
            let jm = try JointModel(scenario: scenario, trainings: trainings, hires: hires, hireCount: k, trainBudget: trainBudget)
            var solverOptions = request.solverOptions
            solverOptions.relativeGap = request.gap
            solverOptions.timeLimit = request.timeLimit
            // A first incumbent: the best single trainings and the k best single hires together,
            // re-solved as a what-if.
            var start: [Double]?
            let greedy = Self.greedy(singles, trainings: trainings, trainBudget: trainBudget, hires: hires, hireCount: k)
            if let changed = try? greedy.applied(to: scenario) {
                var r = request
                r.start = baseline.plan
                let outcome = try planner.plan(changed, request: r)
                if let plan = outcome.plan {
                    start = try jm.startVector(actions: greedy, plan: plan, scenario: scenario, solver: solver, options: solverOptions)
                    let p = SolvedPoint(outcome, seconds: 0)
                    if let z = p.objective, z < (best?.point.objective ?? .infinity) - 1e-9 { best = (greedy.sorted(), p) }
                }
            }
            let result = try solver.solve(jm.model, options: solverOptions, start: start, progress: nil)
            // No combination with k hires: nothing to bound.
            if result.termination == .infeasible { continue }
            var programBound = result.bestBound
            if k == 0, !trainings.isEmpty, exactBound {
                // Every candidate training at once relaxes every combination of trainings alone
                // (holding more specialties only relaxes coverage): its proven bound, from the
                // decomposition engine, is a bound too, often a tighter one than the program's.
                let everyone = try trainings.applied(to: scenario)
                var r = request
                r.start = baseline.plan
                let relaxed = SolvedPoint(try planner.plan(everyone, request: r), seconds: 0)
                if let b = relaxed.bound { programBound = max(programBound ?? -.infinity, b) }
            }
            if let b = programBound, let current = bound { bound = min(current, b) } else { bound = nil }
            guard result.primal != .none else { continue }
            let actions = jm.actions(result.values).sorted()
            // The combination, re-solved as a what-if, starting from the baseline's plan.
            let changed = try actions.applied(to: scenario)
            var r = request
            r.start = baseline.plan
            let t = Date()
            let outcome = try planner.plan(changed, request: r)
            let p = SolvedPoint(outcome, seconds: Date().timeIntervalSince(t))
            if let z = p.objective, z < (best?.point.objective ?? .infinity) - 1e-9 || (best != nil && abs(z - best!.point.objective!) <= 1e-9 && actions.count < best!.actions.count) {
                best = (actions, p)
            }
        }
        // No action at all is a combination too: the baseline.
        if best == nil || (point.objective ?? .infinity) < (best!.point.objective ?? .infinity) - 1e-9 {
            best = ([], point)
        }
        guard let chosen = best else { return nil }
        var choice = JointChoice(actions: chosen.actions, changes: chosen.actions.changes(in: scenario), with: chosen.point,
                                 gain: nil, bound: nil, gap: nil, status: .feasible, notes: notes, seconds: 0)
        if let z0 = point.objective, let z1 = chosen.point.objective { choice.gain = z0 - z1 }
        if let b = bound, b.isFinite, let z = chosen.point.objective {
            // The combination's own solve bounds nothing below the program's bound.
            choice.bound = min(b, z)
            choice.gap = SolveResult.relativeGap(objective: z, bound: choice.bound!)
            if let gap = choice.gap, gap <= Planner.optimalityTolerance, chosen.point.isProven { choice.status = .optimal }
        }
        choice.seconds = Date().timeIntervalSince(started)
        return choice
    }

    /// The joint choice by the decomposition engine (``JointDecomposition``): one problem per
    /// number of hires, each started from the greedy combination, its proven bound a bound on
    /// every combination with that many hires; the best combination re-solved as a what-if.
    func jointByEngine(
        _ scenario: Scenario, trainings: [AdviceAction], hires: [AdviceAction], moves: [AdviceAction],
        budgets: (train: Int, hire: Int, move: Int),
        singles: [ActionGain], baseline: PlanOutcome, point: SolvedPoint, request: PlanRequest, lpSolver: any LiveProgramSolver,
        notes: [String], started: Date, shouldStop: (@Sendable () -> Bool)? = nil, hireCounts: [Int]? = nil
    ) throws -> JointChoice {
        var notes = notes
        let (trainBudget, hireBudget, moveBudget) = budgets
        if hireBudget > 0 && !hires.isEmpty {
            notes.append(JointChoice.Note.idleHire)
        }
        var best: (actions: [AdviceAction], point: SolvedPoint)?
        var bound = Double.infinity
        // Most hires first: they usually buy the most, and a count whose bound reaches the best
        // combination found is settled there (its search stops at that cutoff).
        var counts = hires.isEmpty ? [0] : Array((0...min(hireBudget, hires.count)).reversed())
        if let hireCounts { counts = counts.filter(hireCounts.contains) }
        for k in counts {
            let jd = try JointDecomposition(scenario: scenario, trainings: trainings, hires: hires, hireCount: k, trainBudget: trainBudget,
                                            moves: moves, moveBudget: moveBudget)
            // Starts: the baseline (no hire), and the greedy combination re-solved as a what-if.
            var hints: [[Int]] = []
            if k == 0, let plan = baseline.plan, let p = jd.plan(for: [], assignment: plan, scenario: scenario) { hints.append(p) }
            let greedy = Self.greedy(singles, trainings: trainings, trainBudget: trainBudget, hires: hires, hireCount: k,
                                     moves: moves, moveBudget: moveBudget).sorted()
            if let changed = try? greedy.applied(to: scenario) {
                var r = request
                r.start = baseline.plan
                let outcome = try planner.plan(changed, request: r)
                if let plan = outcome.plan {
                    if let p = jd.plan(for: greedy, assignment: plan, scenario: scenario) { hints.append(p) }
                    let solved = SolvedPoint(outcome, seconds: 0)
                    if let z = solved.objective, z < (best?.point.objective ?? .infinity) - 1e-9 { best = (greedy, solved) }
                }
            }
            var options = request.engineOptions
            options.timeLimit = request.timeLimit
            options.relativeGap = request.gap
            options.threads = request.threads ?? ProcessInfo.processInfo.activeProcessorCount
            var solverOptions = request.solverOptions
            solverOptions.timeLimit = request.timeLimit
            options.solverOptions = solverOptions
            options.cutoff = best?.point.objective
            let engine = DecompositionEngine(solver: solver, lpSolver: lpSolver)
            var progress: (@Sendable (SolveProgress) -> ProgressDecision)?
            if let shouldStop { progress = { _ in shouldStop() ? .stop : .proceed } }
            // The search starts where the baseline's root ended: its duals, and its sets for each
            // officer's versions.
            let result = try engine.solve(jd.problem, incumbent: hints.first, hints: Array(hints.dropFirst()), warm: baseline.rootCertificate,
                                          options: options, progress: progress)
            if result.termination == .infeasible { continue }  // no combination with k hires
            if let b = result.bestBound { bound = min(bound, b) } else { bound = -.infinity }
            // Settled at the cutoff: no combination with k hires beats the best one found.
            guard result.termination != .cutoff, let plan = result.plan else { continue }
            let actions = jd.actions(ofPlan: plan)
            // The combination, re-solved as a what-if, from the engine's plan.
            let changed = try actions.applied(to: scenario)
            var r = request
            r.start = jd.assignment(ofPlan: plan, actions: actions, scenario: scenario)
            let t = Date()
            let outcome = try planner.plan(changed, request: r)
            let p = SolvedPoint(outcome, seconds: Date().timeIntervalSince(t))
            if let z = p.objective, z < (best?.point.objective ?? .infinity) - 1e-9
                || (best != nil && abs(z - best!.point.objective!) <= 1e-9 && actions.count < best!.actions.count) {
                best = (actions, p)
            }
        }
        if best == nil || (point.objective ?? .infinity) < (best!.point.objective ?? .infinity) - 1e-9 { best = ([], point) }
        let chosen = best!
        var choice = JointChoice(actions: chosen.actions, changes: chosen.actions.changes(in: scenario), with: chosen.point,
                                 gain: nil, bound: nil, gap: nil, status: .feasible, notes: notes, seconds: 0)
        if let z0 = point.objective, let z1 = chosen.point.objective { choice.gain = z0 - z1 }
        if bound.isFinite, let z = chosen.point.objective {
            choice.bound = min(bound, z)
            choice.gap = SolveResult.relativeGap(objective: z, bound: choice.bound!)
            if let gap = choice.gap, gap <= Planner.optimalityTolerance, chosen.point.isProven { choice.status = .optimal }
        }
        choice.seconds = Date().timeIntervalSince(started)
        return choice
    }

    /// The largest-gain single trainings and base moves (up to their budgets, positive gains
    /// only, one move per officer) and the k largest-gain single hires: a combination chosen one
    /// action at a time.
    static func greedy(
        _ singles: [ActionGain], trainings: [AdviceAction], trainBudget: Int, hires: [AdviceAction], hireCount k: Int,
        moves: [AdviceAction] = [], moveBudget: Int = 0
    ) -> [AdviceAction] {
        let allowed = Set(trainings), hireSet = Set(hires), moveSet = Set(moves)
        let t = singles.filter { allowed.contains($0.action) && ($0.gain ?? 0) > 1e-9 }.prefix(trainBudget).map(\.action)
        let h = singles.filter { hireSet.contains($0.action) && $0.gain != nil }.prefix(k).map(\.action)
        var m: [AdviceAction] = []
        var moved = Set<String>()
        for g in singles where moveSet.contains(g.action) && (g.gain ?? 0) > 1e-9 && m.count < moveBudget {
            if case .moveBase(let o, _) = g.action, moved.insert(o).inserted { m.append(g.action) }
        }
        return Array(t) + Array(h) + m
    }
}
