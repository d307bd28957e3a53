import LinearModel

/// The engine's own switches as `key=value` words — the form of `diaban solve
/// --engine-setting` — so that each piece can be measured on its own:
/// `smoothing` = 0…0.99, `alternatives` = 0…50, `dual-start` = on|off,
/// `master-share` = 0…1, `branching` = on|off, `local-search` = on|off, `pseudo-costs` = on|off, `race` = on|off,
/// `unmet-floor` = on|off.
extension EngineOptions {
    public struct SettingError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static let settingKeys = ["smoothing", "alternatives", "dual-start", "master-share", "branching", "local-search", "pseudo-costs", "race", "unmet-floor"]

    public mutating func apply(setting: String) throws(SettingError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw SettingError(description: "an engine setting is key=value, e.g. smoothing=0.5; got '\(setting)'") }
        let (key, value) = (parts[0], parts[1])
        func number(_ range: ClosedRange<Double>) throws(SettingError) -> Double {
            guard let x = Double(value), range.contains(x) else {
                throw SettingError(description: "the engine setting \(key) takes a number in \(range.lowerBound)…\(range.upperBound); got '\(value)'")
            }
            return x
        }
        func flag() throws(SettingError) -> Bool {
            guard let b = SolverOptions.onOff(value) else { throw SettingError(description: "the engine setting \(key) takes on or off; got '\(value)'") }
            return b
        }
        switch key {
        case "smoothing": smoothing = try number(0...0.99)
        case "alternatives": alternatives = Int(try number(0...50))
        case "dual-start": dualStart = try flag()
        case "master-share": masterIntegerShare = try number(0...1)
        case "branching": branchAndPrice = try flag()
        case "local-search": localSearch = try flag()
        case "pseudo-costs": pseudoCosts = try flag()
        case "race": raceCompact = try flag()
        case "unmet-floor": unmetFloor = try flag()
        default:
            throw SettingError(description: "unknown engine setting '\(key)'; known: \(Self.settingKeys.joined(separator: ", "))")
        }
    }

    /// The settings as `key=value` words, in a fixed order, comma-separated.
    public var settingsDescription: String {
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        return "smoothing=\(smoothing),alternatives=\(alternatives),dual-start=\(onOff(dualStart)),master-share=\(masterIntegerShare),branching=\(onOff(branchAndPrice)),local-search=\(onOff(localSearch)),pseudo-costs=\(onOff(pseudoCosts)),race=\(onOff(raceCompact)),unmet-floor=\(onOff(unmetFloor))"
    }
}
