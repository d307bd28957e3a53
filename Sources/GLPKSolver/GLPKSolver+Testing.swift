import CGLPK
import LinearModel

extension GLPKSolver {
    /// Makes GLPK report an error inside a guarded call, to test the guard: a one-by-one
    /// problem whose `glp_load_matrix` gets the same entry twice, which GLPK answers with
    /// glp_error (and, unguarded, abort). Throws the resulting ``SolverError``.
    @_spi(Testing)
    public static func provokeGuardedGLPKError() throws {
        var model = LinearModel(name: "guard_probe")
        let x = model.addVariable("x", upper: 1)
        model.addConstraint("row", [(x, 1)], upper: 1)
        let log = TerminalLog(echo: false)
        try log.installed {
            let problem = try NativeProblem(model, log: log)
            defer { problem.delete() }
            try problem.loadMatrix(rows: [0, 1, 1], columns: [0, 1, 1], values: [0, 1, 2])
        }
    }
}
