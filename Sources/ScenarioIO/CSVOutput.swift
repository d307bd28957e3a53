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

/// Writes files so that a reader never sees half of one: each goes to a temporary file in the
/// same folder and is renamed into place.
public enum AtomicFiles {
    /// Why files were not written.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Writes `files` (path → contents) into place. Without `force`, refuses before writing
    /// anything when one of them exists with different contents. Returns, per path, whether it
    /// changed.
    @discardableResult
    public static func write(_ files: [(path: String, contents: String)], force: Bool) throws(Refusal) -> [(path: String, changed: Bool)] {
        let fm = FileManager.default
        var plan: [(String, String, Bool)] = []
        var clashes: [String] = []
        for (path, contents) in files {
            if let old = fm.contents(atPath: path) {
                let same = old == Data(contents.utf8)
                if !same && !force { clashes.append(path) }
                plan.append((path, contents, !same))
            } else {
                plan.append((path, contents, true))
            }
        }
        guard clashes.isEmpty else {
            throw Refusal(message: "Not written: \(Text.and(clashes)) already exist\(clashes.count == 1 ? "s" : "") with other contents. Use --force to overwrite them.")
        }
        for (path, contents, changed) in plan where changed {
            let dir = PathText.directory(of: path)
            do {
                if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(path.split(separator: "/").last ?? "file").tmp-\(ProcessInfo.processInfo.processIdentifier)"
                try Data(contents.utf8).write(to: URL(fileURLWithPath: tmp))
                if rename(tmp, path) != 0 {
                    let code = errno
                    try? fm.removeItem(atPath: tmp)
                    throw Refusal(message: "Could not move the new \(path) into place: \(String(cString: strerror(code))).")
                }
            } catch let r as Refusal {
                throw r
            } catch {
                throw Refusal(message: "Could not write \(path): \(error.localizedDescription)")
            }
        }
        return plan.map { ($0.0, $0.2) }
    }
}
