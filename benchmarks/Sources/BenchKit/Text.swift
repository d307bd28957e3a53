import Foundation

/// Number formats of the logs and tables.
enum Text {
    static func seconds(_ s: Double) -> String {
        if s < 0.1 { return String(format: "%.3f s", s) }
        if s < 10 { return String(format: "%.2f s", s) }
        return String(format: "%.1f s", s)
    }

    static func percent(_ x: Double) -> String {
        if x == 0 { return "0 %" }
        if abs(x) < 0.0001 { return String(format: "%.1e %%", 100 * x) }
        return String(format: "%.2f %%", 100 * x)
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e12 { return String(Int(x)) }
        return String(format: abs(x) >= 1000 ? "%.2f" : "%.4g", x)
    }

    static func bytes(_ b: Double) -> String {
        if b <= 0 { return "–" }
        if b >= Double(1 << 30) { return String(format: "%.2f GiB", b / Double(1 << 30)) }
        return String(format: "%.0f MiB", b / Double(1 << 20))
    }

    static func ratio(_ r: Double?) -> String {
        guard let r else { return "–" }
        return String(format: r < 10 ? "%.2f×" : "%.0f×", r)
    }
}
