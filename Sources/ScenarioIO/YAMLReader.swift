import DiaBanCore
import Foundation
import Yams

/// A value read from a scenario file, with where it was written.
struct Located<Value> {
    var value: Value
    var at: SourceLocation
}

extension Located: Sendable where Value: Sendable {}

/// Reads typed values out of a YAML node tree, reporting each problem with its line and column
/// and the key path (`rules.mountainBand.lower`) instead of stopping at the first.
struct YAMLReader {
    let file: String
    let problems: Problems

    func location(_ node: Node?, _ path: String) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column, field: path.isEmpty ? nil : path)
    }

    private func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping of keys"
        case .sequence: return "a list"
        case .scalar: return isNull(node) ? "empty" : "the value \"\(node.scalar?.string ?? "")\""
        case .alias: return "an alias"
        }
    }

    /// A plain `null`, `~` or empty scalar.
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// `null`, or the words `none` / `off`, which switch an optional setting off.
    func isOff(_ node: Node) -> Bool {
        isNull(node) || ["none", "off"].contains(node.scalar?.string.lowercased() ?? "-")
    }

    /// The key–value pairs of a mapping in file order, with unknown keys reported.
    func mapping(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let m) = node else {
            problems.add(.yamlType, location(node, path), "\(path.isEmpty ? "The scenario file" : path) should be a mapping of keys (\(Text.and(allowed))), but it is \(kind(node)).",
                         hint: "Write one key per line as \"key: value\", indented under \(path.isEmpty ? "nothing" : path).")
            return nil
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in m {
            let key = k.scalar?.string ?? ""
            let full = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                problems.add(.unknownKey, location(k, full), "\(full) is not a key DiaBan knows here." + Text.didYouMean(key, allowed),
                             hint: "The keys allowed \(path.isEmpty ? "at the top level" : "under \(path)") are \(Text.and(allowed)).")
                continue
            }
            out.append((key, k, v))
        }
        return out
    }

    func list(_ node: Node, _ path: String) -> [Node]? {
        if case .sequence(let s) = node { return Array(s) }
        problems.add(.yamlType, location(node, path), "\(path) should be a list, but it is \(kind(node)).",
                     hint: "Write each item on its own line starting with \"- \", or as [a, b].")
        return nil
    }

    /// A list, or one scalar taken as a one-item list.
    func scalarList(_ node: Node, _ path: String) -> [Located<String>]? {
        if case .scalar = node, let s = string(node, path) { return [Located(value: s, at: location(node, path))] }
        guard let items = list(node, path) else { return nil }
        var out: [Located<String>] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(i + 1)]") { out.append(Located(value: s, at: location(item, path))) }
        }
        return out
    }

    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let s) = node else {
            problems.add(.yamlType, location(node, path), "\(path) should be a single value, but it is \(kind(node)).",
                         hint: "Write the value on the same line as the key.")
            return nil
        }
        return Text.clean(s.string)
    }

    func number(_ node: Node, _ path: String, in range: ClosedRange<Double>, hint: String) -> Double? {
        guard let s = string(node, path) else { return nil }
        guard let x = CSVFields.parseNumber(s.replacingOccurrences(of: "_", with: "")), x.isFinite else {
            problems.add(.yamlType, location(node, path), "\(path) should be a number, but it is \"\(s)\".", hint: hint)
            return nil
        }
        guard range.contains(x) else {
            problems.add(.outOfRange, location(node, path),
                         "\(path) is \(s), outside the allowed range \(CSVFields.show(range.lowerBound))–\(CSVFields.show(range.upperBound)).", hint: hint)
            return nil
        }
        return x
    }

    func integer(_ node: Node, _ path: String, in range: ClosedRange<Int>, hint: String) -> Int? {
        guard let x = number(node, path, in: Double(range.lowerBound)...Double(range.upperBound), hint: hint) else { return nil }
        guard x == x.rounded() else {
            problems.add(.yamlType, location(node, path), "\(path) should be a whole number, but it is \(CSVFields.show(x)).", hint: hint)
            return nil
        }
        return Int(x)
    }

    /// One of `allowed` (matched without case or diacritics), mapped by `parse`.
    func word<T>(_ node: Node, _ path: String, allowed: [String], _ parse: (String) -> T?) -> T? {
        guard let s = string(node, path) else { return nil }
        if let v = parse(Text.wordKey(s)) ?? parse(s) { return v }
        problems.add(.badValue, location(node, path), "\(path) is \"\(s)\", which is not one of \(Text.or(allowed))." + Text.didYouMean(s, allowed),
                     hint: "Write one of \(Text.or(allowed)).")
        return nil
    }
}
