import LinearModel

/// ``SolverOptions`` written as `key=value` words — the same words as `diaban solve --glpk`,
/// parsed by LinearModel — and as the equivalent `glpsol` flags.
public enum GLPKSettings {
    /// Applies `key=value` words (comma- or space-separated lists allowed) to `options`.
    public static func apply(_ words: [String], to options: inout SolverOptions) throws {
        for word in words.flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == " " }) }) {
            do { try options.apply(setting: String(word)) } catch { throw BenchError("GLPK option: \(error.description).") }
        }
    }

    /// Every search option of `options` as `key=value` words, in a fixed order.
    public static func describe(_ options: SolverOptions) -> String { options.settingsDescription }

    /// The `glpsol` flags that ask GLPK for the same search as `options`.
    public static func glpsolFlags(_ options: SolverOptions) -> [String] {
        var flags: [String] = []
        flags.append(options.presolve ? "--intopt" : "--nointopt")
        if options.gomoryCuts { flags.append("--gomory") }
        if options.mirCuts { flags.append("--mir") }
        if options.coverCuts { flags.append("--cover") }
        if options.cliqueCuts { flags.append("--clique") }
        if options.feasibilityPump { flags.append("--fpump") }
        if options.proximitySearch { flags.append("--proxy") }
        switch options.branching {
        case .firstFractional: flags.append("--first")
        case .lastFractional: flags.append("--last")
        case .mostFractional: flags.append("--mostf")
        case .driebeckTomlin: flags.append("--drtom")
        case .pseudoCost: flags.append("--pcost")
        }
        switch options.backtracking {
        case .depthFirst: flags.append("--dfs")
        case .breadthFirst: flags.append("--bfs")
        case .bestLocalBound: flags.append("--bestb")
        case .bestProjection: flags.append("--bestp")
        }
        return flags
    }
}
