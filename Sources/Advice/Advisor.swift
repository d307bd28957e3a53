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
    public func singles(
        _ scenario: Scenario, candidates: [AdviceAction], baseline: PlanOutcome, point: SolvedPoint,
        request: PlanRequest, jobs: Int, finished: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [ActionGain] {
        let context = PlanContext(scenario: scenario)
        var gains: [ActionGain?] = Array(repeating: nil, count: candidates.count)
        var work: [PlanBatch.Job] = []
        var workIndex: [Int] = []
        for (i, action) in candidates.enumerated() {
            let changes = action.changes(in: scenario)
            if AdviceCandidates.provablyUseless(action, context: context) {
                gains[i] = ActionGain(action: action, changes: changes, gain: 0, gainLow: 0, gainHigh: 0, with: point,
                                      provenWithoutSolve: "no commune the officer may track requires the specialty",
                                      serves: [], plan: baseline.plan)
                continue
            }
            let changed: Scenario
            do { changed = try [action].applied(to: scenario) } catch {
                throw AdviceError("The action \(action.key) cannot be applied: \(error.description)")
            }
            var r = request
            r.start = baseline.plan
            work.append(PlanBatch.Job(scenario: changed, request: r))
            workIndex.append(i)
        }
        let total = work.count
        let done = Counter()
        let report: @Sendable (Int, PlanBatch.Result) -> Void = { _, _ in finished?(done.next(), total) }
        let results = PlanBatch(planner: planner, jobs: jobs).run(work, progress: nil, finished: report)
        for (k, result) in results.enumerated() {
            let i = workIndex[k]
            let action = candidates[i]
            let outcome = try result.outcome.get()
            let with = SolvedPoint(outcome, seconds: result.wallSeconds)
            gains[i] = Self.gain(action, changes: action.changes(in: scenario), baseline: point, with: with,
                                 plan: outcome.plan, scenario: scenario)
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

/// A thread-safe count of finished jobs, for progress lines.
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
        let (outcome, point) = try baseline(scenario, request: request)
        guard outcome.plan != nil, outcome.status == .optimal || outcome.status == .feasible else { return (nil, outcome) }
        log?("baseline: \(point.objective.map { String(format: "%.2f", $0) } ?? "–") points (\(point.status.rawValue))")
        let candidates = AdviceCandidates.all(scenario, options: options)
        log?("\(candidates.count) candidate actions")
        let singles = try self.singles(scenario, candidates: candidates, baseline: outcome, point: point, request: request,
                                       jobs: options.jobs) { done, total in
            if done == total || done % 10 == 0 { log?("solved \(done) of \(total) candidates") }
        }
        let ranking: Advice.Ranking = singles.allSatisfy { $0.gain != nil } ? .exact : .incomplete
        var advice = Advice(scenarioName: scenario.name, options: options, baseline: point, baselineOutcome: outcome,
                            singles: singles, ranking: ranking, joint: nil)
        log?("joint choice")
        advice.joint = try joint(scenario, options: options, candidates: candidates, singles: singles,
                                 baseline: outcome, point: point, request: request)
        return (advice, outcome)
    }
}
