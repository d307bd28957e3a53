/// Text helpers of the HTML report: escaping and locale-fixed numbers.
///
/// Every number in the report goes through ``ReportLanguage/number(_:_:)`` or ``svgNumber(_:)``,
/// so the same input gives the same bytes on every machine, whatever its locale.
enum HTML {
    /// Escapes text for an element's content or a double-quoted attribute.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// The language of the report's labels. Names (communes, officers) keep their diacritics in both.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    /// Vietnamese: the default, since the readers are the province's leaders.
    case vi
    case en

    /// Fixed-decimal number in the language's convention: `1234.5` → "1.234,5" (vi), "1,234.5" (en).
    func number(_ x: Double, _ places: Int = 0) -> String {
        let s = decimal(x, places, grouping: true)
        guard self == .vi else { return s }
        return String(s.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// A signed change: "+12", "−3,5" (with a true minus sign), "0".
    func signed(_ x: Double, _ places: Int = 0) -> String {
        let s = number(abs(x), places)
        if s.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) { return s }
        return (x > 0 ? "+" : "−") + s
    }

    func percent(_ x: Double, _ places: Int = 0) -> String { number(x, places) + "%" }
}

/// SVG coordinates: one decimal, a point as separator, no "-0.0".
func svgNumber(_ x: Double) -> String { decimal(x, 1) }
