import DiaBanCore
import Foundation
import LinearModel
import Planning

/// How a caller follows and stops a long advice: told how many candidates are solved, asked
/// between candidates whether to go on.
public struct AdviceControl: Sendable {
    /// Whether to stop: asked before each group of candidates and before the joint choice.
    public var shouldStop: @Sendable () -> Bool
    /// Candidates solved so far (those proven useless without a solve count at once), of all.
    public var progress: @Sendable (_ done: Int, _ total: Int) -> Void

    public init(shouldStop: @escaping @Sendable () -> Bool, progress: @escaping @Sendable (Int, Int) -> Void) {
        self.shouldStop = shouldStop
        self.progress = progress
    }
}

/// An advice that may have been stopped: the gains of the candidates solved before the stop,
/// ranked, and no joint choice.
public struct AdviceRun: Sendable {
    /// Nil when the baseline has no valid plan (``baseline`` says why).
    public var advice: Advice?
    public var baseline: PlanOutcome
    /// Candidates of the kinds with a budget, and how many were priced before any stop.
    public var candidates: Int
    public var priced: Int
    /// Whether the run was stopped before its end (then the ranking is `incomplete` and there
    /// is no joint choice).
    public var stopped: Bool

    /// A stop that came before the run's end, wherever it landed, ends it as a stop between
    /// solves does: the gains found, no combination, the ranking incomplete.
    public mutating func markStopped() {
        stopped = true
        advice?.joint = nil
        advice?.ranking = .incomplete
    }
}

extension Advisor {
    /// The whole advice as ``advise(_:options:request:log:)`` gives it (screened by
    /// `options.screenTop`), asking `control` before each group of `options.jobs` solves
    /// whether to stop; a stopped run keeps the gains found so far.
    public func advise(_ scenario: Scenario, options: AdviceOptions, request: PlanRequest, control: AdviceControl) throws -> AdviceRun {
        let (outcome, point, frames) = try adviceBaseline(scenario, request: request)
        guard outcome.plan != nil, outcome.status == .optimal || outcome.status == .feasible else {
            return AdviceRun(advice: nil, baseline: outcome, candidates: 0, priced: 0, stopped: false)
        }
        let candidates = Self.candidates(scenario, options: options, frames: frames)
        let total = candidates.count
        control.progress(0, total)
        // Screened as the command line screens (options.screenTop), stopping between solves.
        let gains = try singles(scenario, candidates: candidates, baseline: outcome, point: point, request: request, jobs: options.jobs,
                                screenTop: options.screenTop, frames: frames, shouldStop: control.shouldStop,
                                finished: { done, _ in control.progress(done, total) })
        var stopped = control.shouldStop()
        if !stopped { control.progress(total, total) }
        // A stopped run lists what it priced; the candidates the stop left are counted, not listed.
        let ranked = Self.rank(stopped ? gains.filter { $0.gain != nil || $0.screenedOut || $0.provenWithoutSolve != nil } : gains)
        var advice = Advice(scenarioName: scenario.name, options: options, baseline: point, baselineOutcome: outcome,
                            singles: ranked, ranking: .of(ranked, stopped: stopped), joint: nil)
        if !stopped, control.shouldStop() { stopped = true }
        if !stopped {
            if let frames {
                advice.joint = try jointByProvince(scenario, options: options, candidates: candidates, singles: ranked, frames: frames,
                                                   request: request, shouldStop: control.shouldStop)
            } else {
                advice.joint = try joint(scenario, options: options, candidates: candidates, singles: ranked,
                                         baseline: outcome, point: point, request: request, shouldStop: control.shouldStop)
            }
            // A stop during the joint choice ends the run as one between solves does: the
            // gains found, no combination.
            if control.shouldStop() { stopped = true }
        }
        let priced = ranked.filter { $0.gain != nil || $0.screenedOut || $0.provenWithoutSolve != nil }.count
        var run = AdviceRun(advice: advice, baseline: outcome, candidates: total, priced: priced, stopped: false)
        if stopped { run.markStopped() }
        return run
    }

    /// The joint choice's combination applied to `scenario` and solved as a what-if, starting
    /// from the baseline's plan, as the joint choice itself re-solves it: the plan a page draws
    /// against the current assignment. Nil when there is no joint choice.
    public func combination(_ scenario: Scenario, advice: Advice, request: PlanRequest) throws -> (scenario: Scenario, outcome: PlanOutcome)? {
        guard let joint = advice.joint else { return nil }
        let changed = try joint.actions.applied(to: scenario)
        var r = request
        r.start = advice.baselineOutcome.plan
        return (changed, try planner.plan(changed, request: r))
    }
}
