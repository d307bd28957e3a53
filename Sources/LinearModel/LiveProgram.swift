/// A linear program kept alive between solves: columns and rows are added, bounds change,
/// and each solve starts from the previous optimal basis (a warm start), which is what column
/// generation and cutting planes need.
///
/// A live program belongs to the thread that made it: use it only inside the closure of
/// ``LiveProgramSolver/withLiveProgram(_:options:_:)``, never store it.
public protocol LiveLinearProgram: AnyObject {
    var columnCount: Int { get }
    var rowCount: Int { get }

    /// Adds columns at the end; returns the index of the first. Each column's terms name
    /// existing rows, at most once each.
    @discardableResult
    func addColumns(_ columns: [LiveColumn]) throws -> Int

    /// Adds rows at the end; returns the index of the first. Each row's terms name existing
    /// columns, at most once each.
    @discardableResult
    func addRows(_ rows: [LiveRow]) throws -> Int

    /// Changes a column's bounds (`lower ≤ upper`; infinite ends allowed).
    func setColumnBounds(_ column: Int, lower: Double, upper: Double) throws

    /// Solves the LP relaxation from the current basis. `timeLimit` in seconds.
    func solve(timeLimit: Double?) throws -> LiveSolution
}

/// A column to add: bounds, objective coefficient, and its coefficients in existing rows.
public struct LiveColumn: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var objective: Double
    /// (row index, coefficient), each row at most once; zero coefficients are dropped.
    public var terms: [(row: Int, coefficient: Double)]

    public init(name: String, lower: Double = 0, upper: Double = .infinity, objective: Double, terms: [(row: Int, coefficient: Double)]) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.objective = objective
        self.terms = terms
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.lower == b.lower && a.upper == b.upper && a.objective == b.objective
            && a.terms.elementsEqual(b.terms) { $0.row == $1.row && $0.coefficient == $1.coefficient }
    }
}

/// A row to add: `lower ≤ Σ coefficient·column ≤ upper`.
public struct LiveRow: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    /// (column index, coefficient), each column at most once; zero coefficients are dropped.
    public var terms: [(column: Int, coefficient: Double)]

    public init(name: String, lower: Double = -.infinity, upper: Double = .infinity, terms: [(column: Int, coefficient: Double)]) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.terms = terms
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.lower == b.lower && a.upper == b.upper
            && a.terms.elementsEqual(b.terms) { $0.column == $1.column && $0.coefficient == $1.coefficient }
    }
}

/// One solve of a live program.
public struct LiveSolution: Sendable, Equatable {
    /// `.optimal`, `.infeasible`, `.unbounded`, `.timeLimit` or `.solverFailure`.
    public var termination: TerminationReason
    /// Objective value (when `termination == .optimal`).
    public var objective: Double?
    /// One value per column (empty unless optimal).
    public var values: [Double]
    /// One dual value per row, in the convention `d_j = c_j − Σ_i a_ij·y_i` for a column's
    /// reduced cost `d_j` (empty unless optimal).
    public var rowDuals: [Double]
    /// One reduced cost per column (empty unless optimal).
    public var reducedCosts: [Double]
    /// Simplex iterations of this solve.
    public var iterations: Int
    public var message: String?

    public init(
        termination: TerminationReason, objective: Double? = nil, values: [Double] = [], rowDuals: [Double] = [],
        reducedCosts: [Double] = [], iterations: Int = 0, message: String? = nil
    ) {
        self.termination = termination
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
        self.message = message
    }
}

/// A solver that can keep a linear program alive between solves.
public protocol LiveProgramSolver: Sendable {
    /// Loads `model` (integrality ignored) and runs `body` with it on the calling thread; the
    /// program is released when `body` returns. Throws ``ModelError`` for an invalid model or
    /// invalid additions, ``SolverError`` when the solver itself fails.
    func withLiveProgram<T>(
        _ model: LinearModel, options: SolverOptions, _ body: (any LiveLinearProgram) throws -> T
    ) throws -> T
}

extension LiveColumn {
    /// Checks what a solver would otherwise reject by crashing: the name, the bounds, finite
    /// coefficients, and row indices that exist and appear once.
    public func validate(rowCount: Int) throws(ModelError) {
        let what = "new column '\(name.prefix(40))'"
        try LinearModel.checkName(name, what: what)
        try LinearModel.checkBounds(lower, upper, what: what)
        if !objective.isFinite { throw ModelError(.badCoefficient, "\(what): objective coefficient \(objective) is not finite") }
        try LinearModel.checkTerms(terms.map { ($0.row, $0.coefficient) }, count: rowCount, kind: "row", what: what)
    }
}

extension LiveRow {
    /// Checks the name, the bounds, finite coefficients, and column indices that exist and
    /// appear once.
    public func validate(columnCount: Int) throws(ModelError) {
        let what = "new row '\(name.prefix(40))'"
        try LinearModel.checkName(name, what: what)
        try LinearModel.checkBounds(lower, upper, what: what)
        try LinearModel.checkTerms(terms.map { ($0.column, $0.coefficient) }, count: columnCount, kind: "column", what: what)
    }
}

extension LinearModel {
    /// Each (index, coefficient): an index below `count`, each once, a finite coefficient.
    static func checkTerms(_ terms: [(Int, Double)], count: Int, kind: String, what: String) throws(ModelError) {
        var seen = Set<Int>()
        for (k, a) in terms {
            guard k >= 0 && k < count else {
                throw ModelError(.badIndex, "\(what): refers to \(kind) \(k), but the program has \(count)")
            }
            if !a.isFinite { throw ModelError(.badCoefficient, "\(what): coefficient \(a) on \(kind) \(k) is not finite") }
            if !seen.insert(k).inserted { throw ModelError(.badIndex, "\(what): \(kind) \(k) appears twice") }
        }
    }
}
