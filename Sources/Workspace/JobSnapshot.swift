import DiaBanCore
import Foundation
import Planning
import Reporting
import ScenarioIO
import WorkPlan

/// A job as the page sees it (JSON): where it stands, the search's numbers, and its answer.
public struct JobSnapshot: Codable, Sendable, Equatable {
    public struct Result: Codable, Sendable, Equatable {
        /// The plan's status (`optimal`, `feasible`, `interrupted`, `infeasible`, `no-solution`, `failed`).
        public var status: String
        /// The status in an English sentence, as the command line prints it.
        public var statusSentence: String
        public var hasPlan: Bool
        public var objective: Double?
        public var bestBound: Double?
        public var gap: Double?
        public var moves: Int?
        public var nodes: Int
        public var solveSeconds: Double
    }

    public struct Points: Codable, Sendable, Equatable {
        public var done: Int
        public var total: Int
    }

    public var id: String
    public var kind: JobKind
    /// The scenario, relative to the scenarios folder.
    public var path: String
    public var state: JobState
    /// 1 for the next job to start, while queued.
    public var position: Int?
    /// Whether the viewer's session started it (and so may stop it).
    public var mine: Bool
    public var elapsedSeconds: Double
    /// Seconds the solve (each point of a sweep) may take.
    public var timeLimit: Double
    public var stopReason: StopReason?
    public var progress: ProgressPoint?
    /// The search's numbers so far (only in a single job's answer).
    public var history: [ProgressPoint]?
    public var points: Points?
    /// A re-plan: the solve whose proposal its decisions were made on.
    public var replanOf: String?
    public var result: Result?
    /// A work plan's answer.
    public var workplan: WorkPlanSummary?
    /// An advice's answer in a few words (the whole advice is `GET /api/jobs/ID/advice.json`).
    public var advice: AdviceSummary?
    public var error: String?
    public var problems: [Problem]?
}

/// A finished work plan in a few numbers (the whole plan is `GET /api/jobs/ID/workplan.json`).
public struct WorkPlanSummary: Codable, Sendable, Equatable {
    public var status: String
    public var officers: Int
    public var proven: Int
    public var trips: Int
    public var fieldDays: Int
    public var km: Double
    public var modelKm: Double
    public var kmSaved: Double
    /// The officer re-planned, when only one was.
    public var officer: String?
}

/// A problem of a scenario file (JSON): where, what, and what to do.
public struct Problem: Codable, Sendable, Equatable {
    /// The file as the scenario reader named it (the command line prints the same).
    public var file: String
    /// The file relative to the scenarios folder, when it is inside.
    public var path: String?
    public var line: Int?
    public var column: Int?
    public var field: String?
    public var code: String
    public var message: String
    public var hint: String
    /// The problem as `diaban check` prints it.
    public var text: String

    init(_ e: ScenarioError, folder: ScenarioFolder) {
        file = e.location.file
        path = folder.relative(e.location.file)
        line = e.location.line
        column = e.location.column
        field = e.location.field
        code = e.code.rawValue
        message = e.message
        hint = e.hint
        text = e.description
    }
}

extension ScenarioFolder {
    /// `path` relative to the folder, when the reader's path starts with the folder as given.
    func relative(_ path: String) -> String? {
        if root == "." { return path.hasPrefix("/") || path.hasPrefix("../") ? nil : path }
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }
}

extension JobSnapshot.Result {
    init(_ report: SolveReport) {
        status = report.status
        statusSentence = report.statusSentence
        hasPlan = report.kpis != nil
        objective = report.objective
        bestBound = report.bestBound
        gap = report.gap
        moves = report.kpis == nil ? nil : report.moves.count
        nodes = report.nodes
        solveSeconds = report.timings.solveSeconds
    }
}
