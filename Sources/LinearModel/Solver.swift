/// Why the search stopped. Kept apart from ``PrimalStatus`` (what solution there is), as
/// MathOptInterface does: a time limit may stop a search that holds a good plan, or none.
public enum TerminationReason: String, Sendable, Codable, Equatable {
    /// The search finished: the solution (if any) is optimal.
    case optimal
    /// The relative gap fell below the requested tolerance.
    case gapReached
    /// The time limit ran out.
    case timeLimit
    /// The caller (progress closure, Ctrl-C) asked the search to stop.
    case interrupted
    /// No assignment of values satisfies every constraint.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The solver itself failed (numerical trouble, an internal error).
    case solverFailure
    /// The bound reached the caller's cutoff: no solution below it exists (the solution
    /// held, if any, is at or above it).
    case cutoff
}

/// What solution the result holds.
public enum PrimalStatus: String, Sendable, Codable, Equatable {
    /// Proven optimal (within the solver's tolerances).
    case optimal
    /// Satisfies every constraint; optimality not proven.
    case feasible
    /// No solution.
    case none
}

/// How to solve. Defaults are the ones measured to work on assignment models (see the README):
/// presolve and MIR/cover/clique cuts on, which GLPK itself leaves off.
public struct SolverOptions: Sendable, Equatable {
    public enum Branching: String, Sendable, Codable { case firstFractional, lastFractional, mostFractional, driebeckTomlin, pseudoCost }
    public enum Backtracking: String, Sendable, Codable { case depthFirst, breadthFirst, bestLocalBound, bestProjection }
    public enum Verbosity: Int, Sendable, Codable, Comparable {
        case off, errors, normal, all
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Wall-clock limit for the whole solve, seconds; `nil` for none.
    public var timeLimit: Double?
    /// Stop when the relative gap |best − bound| / (|best| + ε) is at most this.
    public var relativeGap: Double
    /// Solve only the LP relaxation (integrality ignored).
    public var relaxationOnly: Bool
    public var presolve: Bool
    public var gomoryCuts: Bool
    public var mirCuts: Bool
    public var coverCuts: Bool
    public var cliqueCuts: Bool
    public var feasibilityPump: Bool
    public var proximitySearch: Bool
    public var branching: Branching
    public var backtracking: Backtracking
    /// What the solver's own log may print (to stderr or to the log closure, never stdout).
    public var verbosity: Verbosity
    /// Stop as soon as a solution of at most this objective (at least, when maximizing) is
    /// held: the caller knows a bound that makes it good enough. The search then ends with
    /// ``TerminationReason/gapReached``.
    public var objectiveTarget: Double?
    /// Seconds between two calls of the progress closure.
    public var progressInterval: Double

    public init(
        timeLimit: Double? = nil, relativeGap: Double = 1e-6, relaxationOnly: Bool = false,
        presolve: Bool = true, gomoryCuts: Bool = false, mirCuts: Bool = true, coverCuts: Bool = true,
        cliqueCuts: Bool = true, feasibilityPump: Bool = false, proximitySearch: Bool = false,
        branching: Branching = .driebeckTomlin, backtracking: Backtracking = .bestLocalBound,
        verbosity: Verbosity = .off
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.relaxationOnly = relaxationOnly
        self.presolve = presolve
        self.gomoryCuts = gomoryCuts
        self.mirCuts = mirCuts
        self.coverCuts = coverCuts
        self.cliqueCuts = cliqueCuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.branching = branching
        self.backtracking = backtracking
        self.verbosity = verbosity
        self.objectiveTarget = nil
        self.progressInterval = 1
    }
}

/// A snapshot of the search, given to the progress closure.
public struct SolveProgress: Sendable, Equatable {
    public var elapsedSeconds: Double
    /// Objective of the best solution so far, if any.
    public var incumbent: Double?
    /// Best proven bound, if known.
    public var bestBound: Double?
    /// Relative gap between the two, if both are known.
    public var gap: Double?
    public var nodes: Int
    public init(elapsedSeconds: Double, incumbent: Double?, bestBound: Double?, gap: Double?, nodes: Int) {
        self.elapsedSeconds = elapsedSeconds
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.gap = gap
        self.nodes = nodes
    }
}

/// What the progress closure answers.
public enum ProgressDecision: Sendable { case proceed, stop }

/// The outcome of a solve.
public struct SolveResult: Sendable, Equatable {
    public var termination: TerminationReason
    public var primal: PrimalStatus
    /// Objective of the solution held (when `primal != .none`).
    public var objective: Double?
    /// Best proven bound on the optimum (when known).
    public var bestBound: Double?
    /// Relative gap |objective − bound| / max(1e-9, |objective|) (when both are known).
    public var relativeGap: Double?
    /// Branch-and-bound nodes explored.
    public var nodes: Int
    /// Cuts a ``CutSeparator`` gave that were added to the search.
    public var separatedCuts = 0
    public var wallSeconds: Double
    /// One value per variable (empty when `primal == .none`).
    public var values: [Double]
    /// Reduced costs of the columns at an optimal LP relaxation (`relaxationOnly` solves;
    /// empty otherwise), in the objective's own sense.
    public var reducedCosts: [Double] = []
    /// Dual values of the rows at an optimal LP relaxation (`relaxationOnly` solves; empty
    /// otherwise), in the convention `reduced cost = c − Σ a·dual`.
    public var rowDuals: [Double] = []
    /// Whether a starting solution was handed to the solver and accepted as an incumbent.
    public var startAccepted: Bool
    /// Objective of the first incumbent the search held, and when (seconds from start).
    public var firstIncumbent: Double?
    public var firstIncumbentSeconds: Double?
    /// Peak memory the solver reported, bytes (0 when unknown).
    public var peakSolverBytes: Int
    /// A sentence for a human when something went wrong.
    public var message: String?

    public init(
        termination: TerminationReason, primal: PrimalStatus, objective: Double? = nil, bestBound: Double? = nil,
        relativeGap: Double? = nil, nodes: Int = 0, wallSeconds: Double = 0, values: [Double] = [],
        startAccepted: Bool = false, firstIncumbent: Double? = nil, firstIncumbentSeconds: Double? = nil,
        peakSolverBytes: Int = 0, message: String? = nil
    ) {
        self.termination = termination
        self.primal = primal
        self.objective = objective
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.nodes = nodes
        self.wallSeconds = wallSeconds
        self.values = values
        self.startAccepted = startAccepted
        self.firstIncumbent = firstIncumbent
        self.firstIncumbentSeconds = firstIncumbentSeconds
        self.peakSolverBytes = peakSolverBytes
        self.message = message
    }

    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / max(1e-9, abs(objective))
    }
}

/// A MIP solver: one synchronous call per model. Implementations keep every native object
/// inside the call, so solves on separate threads are independent.
public protocol MIPSolver: Sendable {
    /// Solves `model`. `start`, when given, is a full vector of values offered as the first
    /// incumbent (checked for feasibility first; an infeasible start is ignored).
    /// `progress` is called from the solving thread about once a second; return `.stop` to end
    /// the search with the best solution so far. Throws ``ModelError`` for an invalid model and
    /// ``SolverError`` when the solver itself fails; infeasible, unbounded and time limits are
    /// statuses of the result, not errors.
    func solve(
        _ model: LinearModel, options: SolverOptions, start: [Double]?,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    ) throws -> SolveResult
}

extension MIPSolver {
    public func solve(_ model: LinearModel, options: SolverOptions = SolverOptions()) throws -> SolveResult {
        try solve(model, options: options, start: nil, progress: nil)
    }
}

/// Cutting planes for a branch-and-cut search: inequalities valid for every integer solution
/// that the LP solution at a node breaks. Called on the solving thread; must not throw or block.
public protocol CutSeparator: Sendable {
    /// Cuts that `values` (the node's LP solution, one value per column) violates; empty when
    /// none is found. Each must hold for every integer-feasible solution of the model.
    func cuts(for values: [Double]) -> [Cut]
}

/// A cut `lower ≤ Σ coefficient·column` or `Σ coefficient·column ≤ upper` (one side finite).
public struct Cut: Sendable, Equatable {
    public var terms: [Constraint.Term]
    public var lower: Double
    public var upper: Double
    public init(terms: [(VariableIndex, Double)], lower: Double = -.infinity, upper: Double = .infinity) {
        self.terms = Constraint.merge(terms)
        self.lower = lower
        self.upper = upper
    }

    /// How far `values` lies outside the cut (≤ 0 when it holds).
    public func violation(_ values: [Double]) -> Double {
        let activity = terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.rawValue] }
        return max(lower - activity, activity - upper, 0)
    }
}

/// A MIP solver that also takes cuts from the caller during its search.
public protocol CuttingPlaneSolver: MIPSolver {
    /// As ``MIPSolver/solve(_:options:start:progress:)``, asking `separator` for cuts at every
    /// node's LP solution (with the presolver off, so that columns keep their indices).
    func solve(
        _ model: LinearModel, options: SolverOptions, start: [Double]?,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?, separator: (any CutSeparator)?
    ) throws -> SolveResult
}

/// The solver itself failed (not the model's fault).
public struct SolverError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
