import Foundation

/// Writes CSV the way the readers take it back: UTF-8 without byte-order mark, LF line ends,
/// a header row, fields quoted only when they need it, numbers with fixed decimals.
struct CSVOutput {
    private(set) var text = ""

    init(header: [String]) { row(header) }

    mutating func row(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",") + "\n"
    }

    static func quote(_ s: String) -> String {
        let needs = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.first == " " || s.last == " "
        return needs ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// `x` with exactly `decimals` decimals ("6.50"); the same text on every machine.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), x)
    }

    static func fixed(_ x: Double?, _ decimals: Int) -> String { x.map { fixed($0, decimals) } ?? "" }
}
