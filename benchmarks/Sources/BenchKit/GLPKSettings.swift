import LinearModel

/// ``SolverOptions`` written as `key=value` words, the same keys as `diaban solve --glpk`:
/// presolve, gomory, mir, cover, clique, fpump, proxy = on|off; branching = ffv|lfv|mfv|dth|pch;
/// backtracking = dfs|bfs|blb|bph. Results files record the options of every solve this way.
public enum GLPKSettings {
    static let branchings: [(String, SolverOptions.Branching)] = [
        ("ffv", .firstFractional), ("lfv", .lastFractional), ("mfv", .mostFractional), ("dth", .driebeckTomlin), ("pch", .pseudoCost),
    ]
    static let backtrackings: [(String, SolverOptions.Backtracking)] = [
        ("dfs", .depthFirst), ("bfs", .breadthFirst), ("blb", .bestLocalBound), ("bph", .bestProjection),
    ]

    /// Applies `key=value` words (comma- or space-separated lists allowed) to `options`.
    public static func apply(_ words: [String], to options: inout SolverOptions) throws {
        for word in words.flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == " " }) }) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw BenchError("A GLPK option is key=value, e.g. mir=on; got '\(word)'.") }
            let (key, value) = (parts[0], parts[1])
            func flag() throws -> Bool {
                switch value {
                case "on", "true", "1": return true
                case "off", "false", "0": return false
                default: throw BenchError("The GLPK option \(key) takes on or off; got '\(value)'.")
                }
            }
            switch key {
            case "presolve": options.presolve = try flag()
            case "gomory": options.gomoryCuts = try flag()
            case "mir": options.mirCuts = try flag()
            case "cover": options.coverCuts = try flag()
            case "clique": options.cliqueCuts = try flag()
            case "fpump": options.feasibilityPump = try flag()
            case "proxy": options.proximitySearch = try flag()
            case "branching":
                guard let b = branchings.first(where: { $0.0 == value })?.1 else {
                    throw BenchError("The GLPK option branching takes ffv, lfv, mfv, dth or pch; got '\(value)'.")
                }
                options.branching = b
            case "backtracking":
                guard let b = backtrackings.first(where: { $0.0 == value })?.1 else {
                    throw BenchError("The GLPK option backtracking takes dfs, bfs, blb or bph; got '\(value)'.")
                }
                options.backtracking = b
            default:
                throw BenchError("Unknown GLPK option '\(key)'; known: presolve, gomory, mir, cover, clique, fpump, proxy, branching, backtracking.")
            }
        }
    }

    /// Every search option of `options` as `key=value` words, in a fixed order.
    public static func describe(_ options: SolverOptions) -> String {
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        return [
            "presolve=\(onOff(options.presolve))", "gomory=\(onOff(options.gomoryCuts))", "mir=\(onOff(options.mirCuts))",
            "cover=\(onOff(options.coverCuts))", "clique=\(onOff(options.cliqueCuts))", "fpump=\(onOff(options.feasibilityPump))",
            "proxy=\(onOff(options.proximitySearch))",
            "branching=\(branchings.first { $0.1 == options.branching }!.0)",
            "backtracking=\(backtrackings.first { $0.1 == options.backtracking }!.0)",
        ].joined(separator: ",")
    }

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
