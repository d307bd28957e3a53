import CGLPK
import LinearModel

/// Control parameters: `glp_smcp` for `glp_simplex` and `glp_iocp` for `glp_intopt`, each
/// filled by its `glp_init_*` routine first and then from ``SolverOptions``.
extension SolverOptions {
    /// `msg_lev`: `GLP_MSG_OFF`, `GLP_MSG_ERR`, `GLP_MSG_ON` or `GLP_MSG_ALL`.
    var glpkMessageLevel: Int32 {
        switch verbosity {
        case .off: GLP_MSG_OFF
        case .errors: GLP_MSG_ERR
        case .normal: GLP_MSG_ON
        case .all: GLP_MSG_ALL
        }
    }

    /// `br_tech`.
    var glpkBranching: Int32 {
        switch branching {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .pseudoCost: GLP_BR_PCH
        }
    }

    /// `bt_tech`.
    var glpkBacktracking: Int32 {
        switch backtracking {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
    }

    /// The time limit in seconds, with NaN and negative values read as zero.
    var sanitizedTimeLimit: Double? {
        timeLimit.map { $0 >= 0 ? $0 : 0 }
    }

    /// `mip_gap`: GLPK rejects a negative tolerance, and reads zero as "prove optimality".
    var glpkRelativeGap: Double {
        relativeGap >= 0 && relativeGap.isFinite ? relativeGap : 0
    }
}

/// `tm_lim`: milliseconds left until `deadline` (seconds on `clock`), at least 0;
/// `Int32.max` (GLPK's "no limit") without a deadline.
func glpkMilliseconds(until deadline: Double?, clock: Stopwatch) -> Int32 {
    guard let deadline else { return Int32.max }
    let milliseconds = ((deadline - clock.seconds) * 1000).rounded(.up)
    if !(milliseconds > 0) { return 0 }
    return milliseconds >= Double(Int32.max) ? Int32.max : Int32(milliseconds)
}

extension glp_smcp {
    /// `glp_init_smcp`, then message level, LP presolver and time limit.
    static func make(options: SolverOptions, presolve: Bool, timeLimit: Int32) -> glp_smcp {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = options.glpkMessageLevel
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = timeLimit
        return parameters
    }
}

extension glp_iocp {
    /// `glp_init_iocp`, then every field ``SolverOptions`` controls. The callback is set by
    /// the caller.
    static func make(options: SolverOptions, presolve: Bool, timeLimit: Int32) -> glp_iocp {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = options.glpkMessageLevel
        parameters.br_tech = options.glpkBranching
        parameters.bt_tech = options.glpkBacktracking
        parameters.tm_lim = timeLimit
        parameters.mip_gap = options.glpkRelativeGap
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.gmi_cuts = options.gomoryCuts ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.mirCuts ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.coverCuts ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cliqueCuts ? GLP_ON : GLP_OFF
        parameters.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parameters.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        // Proximity search has its own time limit (a minute by default): keep it within ours.
        parameters.ps_tm_lim = max(1, min(parameters.ps_tm_lim, timeLimit))
        return parameters
    }
}
