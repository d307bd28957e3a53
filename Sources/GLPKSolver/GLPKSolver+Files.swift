#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGLPK
import DurableFiles
import LinearModel
import _CGLPKGuard

extension GLPKSolver {
    /// Writes `model` in CPLEX LP format with GLPK's writer (`glp_write_lp`), for instance to
    /// re-solve it with `glpsol --lp`. The file is written next to `path` and renamed over it,
    /// so `path` never holds a partial file.
    ///
    /// GLPK writes a non-zero objective constant only as a comment (`\* constant term = c *\`):
    /// another solver's optimum for the file lacks it.
    public func writeLP(_ model: LinearModel, to path: String) throws {
        try write(model, to: path, as: "glp_write_lp") { problem, temporary in
            var code: Int32 = 0
            try problem.guarded("glp_write_lp") { cglpk_guard_write_lp($0, temporary, &code) }
            return code
        }
    }

    /// Writes `model` in free MPS format with GLPK's writer (`glp_write_mps` with
    /// `GLP_MPS_FILE`), for instance to re-solve it with `glpsol --freemps`. Written next to
    /// `path` and renamed over it.
    ///
    /// The file carries the objective constant (as the objective row's right-hand side) but
    /// not the objective sense: tell the reader to maximize (`glpsol --max`).
    public func writeMPS(_ model: LinearModel, to path: String) throws {
        try write(model, to: path, as: "glp_write_mps") { problem, temporary in
            var code: Int32 = 0
            try problem.guarded("glp_write_mps") { cglpk_guard_write_mps($0, GLP_MPS_FILE, temporary, &code) }
            return code
        }
    }

    private func write(
        _ model: LinearModel, to path: String, as function: String,
        _ body: (NativeProblem, String) throws -> Int32
    ) throws {
        try model.validate()
        // GLPK writes the whole file at the temporary path; the one atomic writer flushes it
        // and renames it over `path`.
        do {
            try AtomicFile.replace(path, createFolders: false) { (temporary: String) throws in
                let log = TerminalLog(echo: false)
                try log.installed {
                    let problem = try NativeProblem(model, log: log)
                    defer { problem.delete() }
                    let code = try body(problem, temporary)
                    if code != 0 {
                        let detail = log.lastWords(lines: 1)
                        throw SolverError("\(function) could not write '\(path)'" + (detail.isEmpty ? "." : ": \(detail)"))
                    }
                }
            }
        } catch {
            throw SolverError(error.message)
        }
    }
}
