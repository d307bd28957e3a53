import CGLPK
import LinearModel
import _CGLPKGuard

/// One GLPK problem object (`glp_prob`, made by `glp_create_prob`), loaded from a
/// ``LinearModel``. It lives on the thread that made it and must be deleted there
/// (`glp_delete_prob`), unless a guarded call caught a GLPK error: then `glp_free_env` has
/// already released it and the pointer is forgotten.
final class NativeProblem {
    private(set) var pointer: OpaquePointer?
    let log: TerminalLog

    /// Creates the problem and loads the columns, rows, objective and matrix of `model`,
    /// which must have passed `validate()`.
    init(_ model: LinearModel, log: TerminalLog) throws(SolverError) {
        self.log = log
        guard model.variables.count < Int(Int32.max), model.constraints.count < Int(Int32.max),
              model.nonZeroCount < Int(Int32.max),
              model.variables.count + model.constraints.count < Int(Int32.max) / (LinearModel.maxNameBytes + 1)
        else { throw SolverError("The model is too large for GLPK's 32-bit indices.") }
        pointer = glp_create_prob()
        try load(model)
    }

    /// `glp_delete_prob`, unless the problem is already gone.
    func delete() {
        if let pointer { glp_delete_prob(pointer) }
        pointer = nil
    }

    /// Runs one call of the `_CGLPKGuard` wrappers on the problem. When the wrapper reports a
    /// caught GLPK error the pointer is forgotten (the environment is gone) and the error
    /// becomes a ``SolverError``.
    func guarded(_ function: String, _ call: (OpaquePointer) -> Int32) throws(SolverError) {
        guard let pointer else { throw SolverError("The GLPK problem is no longer available.") }
        if call(pointer) == CGLPK_GUARD_OK { return }
        self.pointer = nil
        log.environmentFreed = true
        let detail = log.lastWords()
        throw SolverError("GLPK reported an internal error in \(function)" + (detail.isEmpty ? "." : ": \(detail)"))
    }

    /// `glp_simplex` under the guard; returns its return code.
    func simplex(_ parameters: inout glp_smcp) throws(SolverError) -> Int32 {
        var code: Int32 = 0
        try guarded("glp_simplex") { cglpk_guard_simplex($0, &parameters, &code) }
        return code
    }

    /// `glp_intopt` under the guard; returns its return code.
    func intopt(_ parameters: inout glp_iocp) throws(SolverError) -> Int32 {
        var code: Int32 = 0
        try guarded("glp_intopt") { cglpk_guard_intopt($0, &parameters, &code) }
        return code
    }

    private func load(_ model: LinearModel) throws(SolverError) {
        guard let pointer else { return }
        glp_set_prob_name(pointer, model.name)
        glp_set_obj_name(pointer, Self.objectiveName(avoiding: model))
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)

        let n = model.variables.count
        var kind = [Int32](repeating: GLP_CV, count: n + 1)
        var type = [Int32](repeating: GLP_FR, count: n + 1)
        var lower = [Double](repeating: 0, count: n + 1)
        var upper = [Double](repeating: 0, count: n + 1)
        var objective = [Double](repeating: 0, count: n + 1)
        var columnNames = NameTable(capacity: n)
        for (j, variable) in model.variables.enumerated() {
            kind[j + 1] = variable.kind == .continuous ? GLP_CV : GLP_IV
            (type[j + 1], lower[j + 1], upper[j + 1]) = Self.bounds(variable.lower, variable.upper)
            objective[j + 1] = variable.objective
            columnNames.append(variable.name)
        }
        try guarded("glp_add_cols") {
            cglpk_guard_add_columns($0, Int32(n), kind, type, lower, upper, objective, columnNames.bytes, columnNames.offsets)
        }

        let m = model.constraints.count
        type = [Int32](repeating: GLP_FR, count: m + 1)
        lower = [Double](repeating: 0, count: m + 1)
        upper = [Double](repeating: 0, count: m + 1)
        var rowNames = NameTable(capacity: m)
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        ia.reserveCapacity(model.nonZeroCount + 1)
        ja.reserveCapacity(model.nonZeroCount + 1)
        ar.reserveCapacity(model.nonZeroCount + 1)
        for (i, row) in model.constraints.enumerated() {
            (type[i + 1], lower[i + 1], upper[i + 1]) = Self.bounds(row.lower, row.upper)
            rowNames.append(row.name)
            for term in row.terms {
                ia.append(Int32(i + 1))
                ja.append(Int32(term.variable.rawValue + 1))
                ar.append(term.coefficient)
            }
        }
        try guarded("glp_add_rows") {
            cglpk_guard_add_rows($0, Int32(m), type, lower, upper, rowNames.bytes, rowNames.offsets)
        }
        try loadMatrix(rows: ia, columns: ja, values: ar)
    }

    /// `glp_load_matrix` under the guard, with 1-based arrays (element 0 ignored).
    func loadMatrix(rows ia: [Int32], columns ja: [Int32], values ar: [Double]) throws(SolverError) {
        precondition(ia.count == ja.count && ja.count == ar.count && !ia.isEmpty)
        try guarded("glp_load_matrix") { cglpk_guard_load_matrix($0, Int32(ia.count - 1), ia, ja, ar) }
    }

    /// GLPK's bound type for `lower ≤ x ≤ upper` (`GLP_FR`, `GLP_LO`, `GLP_UP`, `GLP_DB`, or
    /// `GLP_FX` when the bounds are equal: a double bound with equal ends is rejected).
    static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, lower) : (GLP_DB, lower, upper)
        }
    }

    /// "obj", unless a row already has that name (a file written with both would not read back).
    static func objectiveName(avoiding model: LinearModel) -> String {
        let taken = Set(model.constraints.map(\.name))
        var name = "obj"
        while taken.contains(name) { name += "_" }
        return name
    }
}

/// Names as one buffer of NUL-terminated UTF-8 strings plus the 1-based offset of each.
struct NameTable {
    private(set) var bytes: [CChar] = []
    private(set) var offsets: [Int32] = [0]

    init(capacity: Int) { offsets.reserveCapacity(capacity + 1) }

    mutating func append(_ name: String) {
        offsets.append(Int32(bytes.count))
        bytes.append(contentsOf: name.utf8CString)
    }
}
