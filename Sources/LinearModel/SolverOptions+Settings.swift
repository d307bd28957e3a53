/// Search options written as `key=value` words — the form of `diaban solve --glpk` and of the
/// benchmark results: presolve, gomory, mir, cover, clique, fpump, proxy = on|off;
/// branching = ffv|lfv|mfv|dth|pch; backtracking = dfs|bfs|blb|bph.
extension SolverOptions {
    public struct SettingError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let branchingWords: [(String, Branching)] = [
        ("ffv", .firstFractional), ("lfv", .lastFractional), ("mfv", .mostFractional), ("dth", .driebeckTomlin), ("pch", .pseudoCost),
    ]
    static let backtrackingWords: [(String, Backtracking)] = [
        ("dfs", .depthFirst), ("bfs", .breadthFirst), ("blb", .bestLocalBound), ("bph", .bestProjection),
    ]

    /// The words a switch takes: on/true/1 and off/false/0; nil for anything else.
    public static func onOff(_ word: String) -> Bool? {
        switch word {
        case "on", "true", "1": return true
        case "off", "false", "0": return false
        default: return nil
        }
    }

    /// Applies one `key=value` setting.
    public mutating func apply(setting: String) throws(SettingError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw SettingError(description: "a search option is key=value, e.g. mir=on; got '\(setting)'") }
        let (key, value) = (parts[0], parts[1])
        func flag() throws(SettingError) -> Bool {
            guard let b = Self.onOff(value) else { throw SettingError(description: "the option \(key) takes on or off; got '\(value)'") }
            return b
        }
        switch key {
        case "presolve": presolve = try flag()
        case "gomory": gomoryCuts = try flag()
        case "mir": mirCuts = try flag()
        case "cover": coverCuts = try flag()
        case "clique": cliqueCuts = try flag()
        case "fpump": feasibilityPump = try flag()
        case "proxy": proximitySearch = try flag()
        case "branching":
            guard let b = Self.branchingWords.first(where: { $0.0 == value })?.1 else {
                throw SettingError(description: "the option branching takes ffv, lfv, mfv, dth or pch; got '\(value)'")
            }
            branching = b
        case "backtracking":
            guard let b = Self.backtrackingWords.first(where: { $0.0 == value })?.1 else {
                throw SettingError(description: "the option backtracking takes dfs, bfs, blb or bph; got '\(value)'")
            }
            backtracking = b
        default:
            throw SettingError(description: "unknown search option '\(key)'; known: presolve, gomory, mir, cover, clique, fpump, proxy, branching, backtracking")
        }
    }

    /// Every search option as `key=value` words, in a fixed order, comma-separated.
    public var settingsDescription: String {
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        return [
            "presolve=\(onOff(presolve))", "gomory=\(onOff(gomoryCuts))", "mir=\(onOff(mirCuts))",
            "cover=\(onOff(coverCuts))", "clique=\(onOff(cliqueCuts))", "fpump=\(onOff(feasibilityPump))",
            "proxy=\(onOff(proximitySearch))",
            "branching=\(Self.branchingWords.first { $0.1 == branching }!.0)",
            "backtracking=\(Self.backtrackingWords.first { $0.1 == backtracking }!.0)",
        ].joined(separator: ",")
    }
}
