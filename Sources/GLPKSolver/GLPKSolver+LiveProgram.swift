import CGLPK
import LinearModel
import _CGLPKGuard

extension GLPKSolver: LiveProgramSolver {
    /// Loads `model` as an LP (integrality ignored) and hands it to `body` as a live program:
    /// `glp_simplex` re-solves from the last basis after columns or rows are added. The GLPK
    /// problem lives on the calling thread for the length of the call and is deleted after it.
    public func withLiveProgram<T>(
        _ model: LinearModel, options: SolverOptions, _ body: (any LiveLinearProgram) throws -> T
    ) throws -> T {
        try model.validate()
        let log = TerminalLog(echo: options.verbosity > .off)
        return try log.installed {
            let problem = try NativeProblem(model, log: log)
            let live = GLPKLiveProgram(problem: problem, options: options, columns: model.variables.count, rows: model.constraints.count)
            defer {
                live.isOpen = false
                problem.delete()
            }
            return try body(live)
        }
    }
}

/// A GLPK problem kept between `glp_simplex` calls. Every change is checked in Swift first and
/// made under the `_CGLPKGuard` error hook.
final class GLPKLiveProgram: LiveLinearProgram {
    let problem: NativeProblem
    let options: SolverOptions
    private(set) var columnCount: Int
    private(set) var rowCount: Int
    /// False once the closure that owns the program has returned.
    fileprivate(set) var isOpen = true

    init(problem: NativeProblem, options: SolverOptions, columns: Int, rows: Int) {
        self.problem = problem
        self.options = options
        self.columnCount = columns
        self.rowCount = rows
    }

    private func checkOpen() throws(SolverError) {
        guard isOpen else { throw SolverError("The live program was used after its closure returned.") }
    }

    func addColumns(_ columns: [LiveColumn]) throws -> Int {
        try checkOpen()
        for column in columns { try column.validate(rowCount: rowCount) }
        let first = columnCount
        guard !columns.isEmpty else { return first }
        let packed = Packed(columns.map { ($0.name, $0.lower, $0.upper, $0.terms.map { ($0.row, $0.coefficient) }) })
        let objective = [0] + columns.map(\.objective)
        try problem.guarded("glp_add_cols") {
            cglpk_guard_add_matrix_columns(
                $0, Int32(columns.count), packed.type, packed.lower, packed.upper, objective, packed.names.bytes, packed.names.offsets,
                packed.start, packed.count, packed.index, packed.value)
        }
        columnCount += columns.count
        return first
    }

    func addRows(_ rows: [LiveRow]) throws -> Int {
        try checkOpen()
        for row in rows { try row.validate(columnCount: columnCount) }
        let first = rowCount
        guard !rows.isEmpty else { return first }
        let packed = Packed(rows.map { ($0.name, $0.lower, $0.upper, $0.terms.map { ($0.column, $0.coefficient) }) })
        try problem.guarded("glp_add_rows") {
            cglpk_guard_add_matrix_rows(
                $0, Int32(rows.count), packed.type, packed.lower, packed.upper, packed.names.bytes, packed.names.offsets,
                packed.start, packed.count, packed.index, packed.value)
        }
        rowCount += rows.count
        return first
    }

    /// New rows or columns in the arrays the guard's `add_matrix_*` functions take: 1-based
    /// bound types, bounds and names, and each one's entries as a run of the index and value
    /// arrays (`start`, `count`), indices made 1-based.
    private struct Packed {
        var type: [Int32] = [0], lower: [Double] = [0], upper: [Double] = [0]
        var start: [Int32] = [0], count: [Int32] = [0]
        var index: [Int32] = [0], value: [Double] = [0]
        var names: NameTable

        init(_ items: [(name: String, lower: Double, upper: Double, terms: [(Int, Double)])]) {
            names = NameTable(capacity: items.count)
            for item in items {
                let (t, lo, hi) = NativeProblem.bounds(item.lower, item.upper)
                type.append(t)
                lower.append(lo)
                upper.append(hi)
                names.append(item.name)
                start.append(Int32(index.count))
                for (k, a) in item.terms where a != 0 {
                    index.append(Int32(k + 1))
                    value.append(a)
                }
                count.append(Int32(index.count) - start.last!)
            }
        }
    }

    func setColumnBounds(_ column: Int, lower: Double, upper: Double) throws {
        try checkOpen()
        guard column >= 0 && column < columnCount else {
            throw ModelError(.badIndex, "setColumnBounds: column \(column) does not exist (the program has \(columnCount))")
        }
        try LinearModel.checkBounds(lower, upper, what: "column \(column)")
        let (type, lo, hi) = NativeProblem.bounds(lower, upper)
        try problem.guarded("glp_set_col_bnds") { cglpk_guard_set_col_bnds($0, Int32(column + 1), type, lo, hi) }
    }

    /// `glp_simplex` from the current basis (primal simplex: added columns keep the basis
    /// primal feasible). A basis GLPK cannot factorize is replaced by the standard one and the
    /// solve is repeated once.
    func solve(timeLimit: Double?) throws -> LiveSolution {
        try checkOpen()
        let clock = Stopwatch()
        var code = try simplex(timeLimit: timeLimit, clock: clock)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND {
            try problem.guarded("glp_std_basis") { cglpk_guard_std_basis($0) }
            code = try simplex(timeLimit: timeLimit, clock: clock)
        }
        guard let pointer = problem.pointer else { throw SolverError("The GLPK problem is no longer available.") }
        let verdict = Verdict.relaxation(code: code, status: glp_get_status(pointer), primalFeasible: glp_get_prim_stat(pointer) == GLP_FEAS)
        var solution = LiveSolution(termination: verdict.termination, iterations: Int(glp_get_it_cnt(pointer)), message: verdict.message)
        guard verdict.primal == .optimal else { return solution }
        solution.objective = glp_get_obj_val(pointer)
        solution.values = (0..<columnCount).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
        solution.reducedCosts = (0..<columnCount).map { glp_get_col_dual(pointer, Int32($0 + 1)) }
        solution.rowDuals = (0..<rowCount).map { glp_get_row_dual(pointer, Int32($0 + 1)) }
        return solution
    }

    private func simplex(timeLimit: Double?, clock: Stopwatch) throws(SolverError) -> Int32 {
        var parameters = glp_smcp.make(
            options: options, presolve: false,
            timeLimit: glpkMilliseconds(until: timeLimit.map { max(0, $0) }, clock: clock))
        parameters.meth = GLP_PRIMAL
        return try problem.simplex(&parameters)
    }
}
