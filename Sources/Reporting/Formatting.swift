import Foundation

/// Fixed-decimal number text, independent of locale: `1234.5` → "1,234.50" with `grouping`.
public func decimal(_ x: Double, _ places: Int = 2, grouping: Bool = false) -> String {
    var s = String(format: "%.\(places)f", x)
    if s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }  // no "-0.00"
    guard grouping else { return s }
    let negative = s.hasPrefix("-")
    let body = negative ? String(s.dropFirst()) : s
    let parts = body.split(separator: ".", maxSplits: 1)
    var intPart = String(parts[0])
    var grouped = ""
    while intPart.count > 3 {
        grouped = "," + intPart.suffix(3) + grouped
        intPart = String(intPart.dropLast(3))
    }
    grouped = intPart + grouped
    return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
}

/// A plain text table: columns padded to the widest cell; numbers right-aligned.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]]
    public var rightAligned: Set<Int>
    public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }
    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// The same table as GitHub-flavoured Markdown.
    public func markdown() -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(esc).joined(separator: " | ") + " |\n" }
        return out
    }
}

/// RFC 4180 CSV text: fields quoted when they hold a comma, quote or line break.
public func csvLine(_ fields: [String]) -> String {
    fields.map { f in
        f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }.joined(separator: ",") + "\n"
}
