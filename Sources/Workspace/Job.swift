import Advice
import DiaBanCore
import Foundation
import LinearModel
import Planning
import Reporting
import ScenarioIO
import WorkPlan

/// What a job does.
public enum JobKind: String, Codable, Sendable {
    /// One solve of a scenario.
    case solve
    /// A trade-off sweep: the scenario solved once per value of its most changes allowed.
    case tradeoff
    /// The area work plan of a finished solve's plan (or of one officer of it).
    case workplan
    /// Staffing advice: every candidate action priced by a solve, the joint choice, and (when
    /// asked) each officer's departure.
    case advice
}

public enum JobState: String, Codable, Sendable {
    /// Waiting for a free place in the pool.
    case queued
    case running
    /// Ended with an outcome (optimal, feasible, interrupted, infeasible, no solution).
    case finished
    /// The scenario has problems, or the solver failed.
    case failed
    /// Stopped before it started.
    case cancelled

    var isActive: Bool { self == .queued || self == .running }
}

/// Why a job was asked to stop.
public enum StopReason: String, Codable, Sendable {
    /// Its page's Stop button.
    case user
    /// No page has watched it for a while (its tab was closed).
    case unwatched
    /// The server is shutting down.
    case shutdown
}

/// What to run.
struct JobSpec: Sendable {
    var kind: JobKind
    var scenario: ScenarioFolder.Resolved
    /// Seconds for a solve (each point of a sweep); nil: the scenario's. Capped by the pool.
    var timeLimit: Double?
    var gap: Double?
    /// A sweep's setting and values.
    var parameter: TradeoffSweep.Parameter = .maxChanges
    var values: [Double] = []
    /// A re-plan: the scenario solved with a leader's decisions, as `diaban solve --decisions`.
    var decisions: DecisionsInput?
    /// A work plan: the plan it is made for, and what the panel changed.
    var workplan: WorkPlanInput?
    /// Staffing advice: the budgets and whether to price departures.
    var advice: AdviceInput?
}

/// What an advice job prices: as `diaban advise` with these budgets (and `--resilience`).
struct AdviceInput: Sendable {
    var budgets: [AdviceAction.Kind: Int]
    var capacityUnits: Double = 1
    var resilience: Bool
}

/// What a work plan job plans: a finished solve's plan, over the scenario's `workPlan.period`,
/// for every officer or one; `blocked`, when given, replaces that officer's blocked days.
struct WorkPlanInput: Sendable {
    var plan: Assignment
    /// The solve job the plan comes from.
    var solve: String
    var officer: String?
    var blocked: [BlockedDays]?
}

/// The decisions a re-plan is made with: `decisions.csv` as text (the bytes the Decide panel
/// saves), read and applied when the job runs exactly as the command line reads a file.
struct DecisionsInput: Sendable {
    var text: String
    /// How messages and the decision sheet name the file.
    var file: String
    /// The solve whose proposal the decisions were made on.
    var parent: String
}

/// A moment of the search, as the solver reported it.
public struct ProgressPoint: Codable, Sendable, Equatable {
    public var elapsed: Double
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
    public var nodes: Int

    init(_ p: SolveProgress) {
        elapsed = p.elapsedSeconds
        incumbent = p.incumbent.flatMap { $0.isFinite ? $0 : nil }
        bound = p.bestBound.flatMap { $0.isFinite ? $0 : nil }
        gap = p.gap.flatMap { $0.isFinite ? $0 : nil }
        nodes = p.nodes
    }
}

/// What a finished solve holds: the scenario as solved and the planner's answer.
struct SolveOutput: Sendable {
    var loaded: LoadedScenario
    var result: PlanBatch.Result
    /// The solve document, when the planner answered (with a re-plan's review of its decisions).
    var report: SolveReport?
    /// A re-plan's decisions, as read from its `decisions.csv` (nil for a plain solve).
    var decisions: [Decision]? = nil
}

/// What a finished work plan holds.
struct WorkPlanOutput: Sendable {
    var loaded: LoadedScenario
    var outcome: WorkPlanOutcome
}

/// What a finished advice holds: the advice (nil when only departures were asked for), the
/// combination's plan, and the departures.
struct AdviceOutput: Sendable {
    var loaded: LoadedScenario
    var run: AdviceRun?
    var combination: AdviceHTML.Combination?
    var resilience: Resilience?
    /// Whether Stop ended it before its end.
    var stopped: Bool
}

/// What a finished sweep holds.
struct TradeoffOutput: Sendable {
    var report: TradeoffReport
    var chart: String
}

enum JobOutput: Sendable {
    case solve(SolveOutput)
    case tradeoff(TradeoffOutput)
    case workplan(WorkPlanOutput)
    case advice(AdviceOutput)
    /// The scenario's problems (file, line, field), or the solver's failure.
    case failure(message: String, problems: [ScenarioError])
}

/// One job of the pool. Its mutable state is guarded by the pool's lock.
final class Job: @unchecked Sendable {
    let id: String
    let spec: JobSpec
    /// The session that started it: only that session may stop it.
    let owner: String
    let created: Date
    /// Order of submission, for the queue.
    let serial: Int

    var state: JobState = .queued
    var started: Date?
    var ended: Date?
    var stopReason: StopReason?
    var progress: ProgressPoint?
    var history: [ProgressPoint] = []
    /// Points of a sweep solved so far (officers of a work plan).
    var pointsDone = 0
    /// Officers a work plan plans.
    var pointsTotal = 0
    var output: JobOutput?
    /// Open event streams, and when one last watched.
    var subscribers: [UUID: AsyncStream<JobEvent>.Continuation] = [:]
    var lastWatched: Date

    init(id: String, spec: JobSpec, owner: String, serial: Int, now: Date) {
        self.id = id
        self.spec = spec
        self.owner = owner
        self.serial = serial
        self.created = now
        self.lastWatched = now
    }

    static let maxHistory = 600

    func record(_ p: ProgressPoint) {
        progress = p
        history.append(p)
        if history.count > Self.maxHistory {
            // Keep the first point and every other one after it: the curve's shape stays.
            history = [history[0]] + history.dropFirst().enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        }
    }
}

/// A message of a job's event stream.
enum JobEvent: Sendable {
    case state(JobSnapshot)
    case progress(JobSnapshot)
    case done(JobSnapshot)
    /// Nothing new; keeps the connection open and tells a closed one apart.
    case heartbeat
}
