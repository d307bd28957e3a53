import CGLPK
import LinearModel

/// Why a GLPK call stopped and what solution it left, read from the return code together
/// with the solution status (`glp_get_status` after `glp_simplex`, `glp_mip_status` after
/// `glp_intopt`).
struct Verdict: Equatable {
    var termination: TerminationReason
    var primal: PrimalStatus
    var message: String?

    /// After `glp_simplex` when the LP is all that was asked for. `primalFeasible` is
    /// `glp_get_prim_stat(P) == GLP_FEAS`.
    static func relaxation(code: Int32, status: Int32, primalFeasible: Bool) -> Verdict {
        switch code {
        case 0:
            switch status {
            case GLP_OPT: return Verdict(termination: .optimal, primal: .optimal)
            case GLP_NOFEAS: return Verdict(termination: .infeasible, primal: .none)
            case GLP_UNBND: return Verdict(termination: .unbounded, primal: .none)
            default:
                return Verdict(termination: .solverFailure, primal: primalFeasible ? .feasible : .none,
                               message: "glp_simplex ended normally but left the solution status \(solutionStatusName(status)).")
            }
        case GLP_ENOPFS: return Verdict(termination: .infeasible, primal: .none)
        case GLP_ENODFS: return Verdict(termination: .unbounded, primal: .none)
        case GLP_ETMLIM: return Verdict(termination: .timeLimit, primal: primalFeasible ? .feasible : .none)
        default:
            return Verdict(termination: .solverFailure, primal: .none, message: failure("glp_simplex", code))
        }
    }

    /// After the `glp_simplex` that must leave an optimal basis before `glp_intopt` runs
    /// without the MIP presolver. Nil when the search may go on; otherwise the final verdict
    /// (an LP solution is no integer solution, so there is none).
    static func root(code: Int32, status: Int32) -> Verdict? {
        if code == 0 && status == GLP_OPT { return nil }
        var verdict = relaxation(code: code, status: status, primalFeasible: false)
        verdict.primal = .none
        return verdict
    }

    /// After `glp_intopt`. `hasIncumbent` is `glp_mip_status(P)` being `GLP_FEAS` or `GLP_OPT`;
    /// `stopCause` says who called `glp_ios_terminate`; `provenOptimal` whether the last known
    /// gap is within GLPK's own optimality tolerance (`tol_obj`).
    static func mip(
        code: Int32, status: Int32, hasIncumbent: Bool, stopCause: SearchContext.StopCause?, provenOptimal: Bool
    ) -> Verdict {
        let found: PrimalStatus = hasIncumbent ? .feasible : .none
        switch code {
        case 0:
            switch status {
            case GLP_OPT: return Verdict(termination: .optimal, primal: .optimal)
            case GLP_NOFEAS: return Verdict(termination: .infeasible, primal: .none)
            default:
                return Verdict(termination: .solverFailure, primal: found,
                               message: "glp_intopt ended normally but left the solution status \(solutionStatusName(status)).")
            }
        case GLP_EMIPGAP:
            // GLPK checks the gap before it looks at the tree, so it stops this way even when
            // the incumbent already matches the bound.
            return Verdict(termination: .gapReached, primal: hasIncumbent && provenOptimal ? .optimal : found)
        case GLP_ETMLIM: return Verdict(termination: .timeLimit, primal: found)
        case GLP_ESTOP:
            switch stopCause {
            case .timeLimit: return Verdict(termination: .timeLimit, primal: found)
            case .target: return Verdict(termination: .gapReached, primal: found)
            case .caller, nil: return Verdict(termination: .interrupted, primal: found)
            }
        case GLP_ENOPFS: return Verdict(termination: .infeasible, primal: .none)
        case GLP_ENODFS: return Verdict(termination: .unbounded, primal: .none)
        default:
            return Verdict(termination: .solverFailure, primal: found, message: failure("glp_intopt", code))
        }
    }

    static func failure(_ function: String, _ code: Int32) -> String {
        "\(function) returned \(code): \(sentence(forReturnCode: code))."
    }

    /// GLPK's return codes (`GLP_E*` in glpk.h), as the manual describes them.
    static func sentence(forReturnCode code: Int32) -> String {
        switch code {
        case GLP_EBADB: "the initial basis is invalid (GLP_EBADB)"
        case GLP_ESING: "the basis matrix is singular (GLP_ESING)"
        case GLP_ECOND: "the basis matrix is ill-conditioned (GLP_ECOND)"
        case GLP_EBOUND: "some variable has incorrect or fractional integer bounds (GLP_EBOUND)"
        case GLP_EFAIL: "the solver failed, possibly on numerical difficulties (GLP_EFAIL)"
        case GLP_EOBJLL: "the objective reached its lower limit (GLP_EOBJLL)"
        case GLP_EOBJUL: "the objective reached its upper limit (GLP_EOBJUL)"
        case GLP_EITLIM: "the simplex iteration limit was exceeded (GLP_EITLIM)"
        case GLP_ETMLIM: "the time limit was exceeded (GLP_ETMLIM)"
        case GLP_ENOPFS: "the problem has no primal feasible solution (GLP_ENOPFS)"
        case GLP_ENODFS: "the problem has no dual feasible solution (GLP_ENODFS)"
        case GLP_EROOT: "no optimal basis of the root LP relaxation was provided (GLP_EROOT)"
        case GLP_ESTOP: "the search was terminated by the application (GLP_ESTOP)"
        case GLP_EMIPGAP: "the relative MIP gap tolerance was reached (GLP_EMIPGAP)"
        case GLP_ENOFEAS: "the problem has no primal or dual feasible solution (GLP_ENOFEAS)"
        case GLP_ENOCVG: "the solver did not converge (GLP_ENOCVG)"
        case GLP_EINSTAB: "the solver hit numerical instability (GLP_EINSTAB)"
        case GLP_EDATA: "the data are invalid (GLP_EDATA)"
        case GLP_ERANGE: "a result is out of range (GLP_ERANGE)"
        default: "an unknown return code"
        }
    }

    static func solutionStatusName(_ status: Int32) -> String {
        switch status {
        case GLP_UNDEF: "GLP_UNDEF (undefined)"
        case GLP_FEAS: "GLP_FEAS (feasible)"
        case GLP_INFEAS: "GLP_INFEAS (infeasible)"
        case GLP_NOFEAS: "GLP_NOFEAS (no feasible solution)"
        case GLP_OPT: "GLP_OPT (optimal)"
        case GLP_UNBND: "GLP_UNBND (unbounded)"
        default: "\(status)"
        }
    }
}
