import DiaBanCore
import Foundation

/// Typed fields of one row, each problem reported with its line and column name.
struct CSVFields {
    let table: CSVTable
    let row: CSVTable.Row
    let problems: Problems

    var line: Int { row.line }

    func location(_ column: String) -> SourceLocation { table.location(row, column) }

    /// The text, or nil when empty or the column is absent.
    func text(_ column: String) -> String? { table.value(row, column) }

    /// The text; a missing one is reported.
    func required(_ column: String, _ what: String, hint: String) -> String? {
        guard let v = text(column) else {
            if table.has(column) {
                problems.add(.missingValue, location(column), "The \(what) is empty.", hint: hint)
            }
            return nil
        }
        return v
    }

    /// A finite number within `range`; nil when empty (reported if `required`) or wrong.
    func number(
        _ column: String, _ what: String, in range: ClosedRange<Double>, required: Bool = false,
        rangeHint: String
    ) -> Double? {
        guard let raw = text(column) else {
            if required && table.has(column) {
                problems.add(.missingValue, location(column), "The \(what) is empty.", hint: rangeHint)
            }
            return nil
        }
        guard let x = Self.parseNumber(raw) else {
            problems.add(.badNumber, location(column), "The \(what) \"\(raw)\" is not a number.",
                         hint: "Write a plain number with a dot for decimals and no thousands separator, e.g. 1234.5.")
            return nil
        }
        guard x.isFinite else {
            problems.add(.badNumber, location(column), "The \(what) \"\(raw)\" is not a finite number.", hint: rangeHint)
            return nil
        }
        guard range.contains(x) else {
            let why = x < 0 && range.lowerBound >= 0 ? "is negative" : "is outside the plausible range \(Self.show(range.lowerBound))–\(Self.show(range.upperBound))"
            problems.add(.outOfRange, location(column), "The \(what) \(raw) \(why).", hint: rangeHint)
            return nil
        }
        return x
    }

    /// A whole number within `range`.
    func integer(
        _ column: String, _ what: String, in range: ClosedRange<Int>, required: Bool = false, rangeHint: String
    ) -> Int? {
        guard let x = number(column, what, in: Double(range.lowerBound)...Double(range.upperBound), required: required, rangeHint: rangeHint)
        else { return nil }
        guard x == x.rounded() else {
            problems.add(.badNumber, location(column), "The \(what) \(text(column) ?? "") is not a whole number.", hint: rangeHint)
            return nil
        }
        return Int(x)
    }

    /// A `;`-separated list of specialties, each well formed.
    func specialties(_ column: String) -> [Specialty] {
        guard let raw = text(column) else { return [] }
        var out: [Specialty] = []
        for item in Text.list(raw) {
            let s = Specialty(item.lowercased())
            if s.isWellFormed {
                out.append(s)
            } else {
                problems.add(.badValue, location(column), "\"\(item)\" is not a specialty name.",
                             hint: "Write lower-case words joined by hyphens, such as border-security, and separate several with \";\".")
            }
        }
        return out
    }

    /// Parses a number as written in a CSV file: a dot for decimals, no thousands separators.
    static func parseNumber(_ raw: String) -> Double? {
        // U+2212 MINUS SIGN, as some spreadsheets write it (its UTF-8 starts with 0xE2).
        let s = raw.utf8.contains(0xE2) ? raw.replacingOccurrences(of: "\u{2212}", with: "-") : raw
        guard !s.isEmpty, s.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) || ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(s.lowercased())
        else { return nil }
        return Double(s)
    }

    static func show(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

extension CSVTable {
    /// A column that is not read but is one slip away from one that is: said (a note), not
    /// refused, since tables may carry columns of their own.
    func warnNearMissColumns(known: [String], problems: Problems) {
        for column in header where !column.isEmpty && !known.contains(column) {
            if let near = Text.suggestion(for: column, among: known, maxDistance: 2), !has(near) {
                problems.warn(.nearMiss, SourceLocation(file: file, line: 1, field: column),
                              "The column \(column) is not read. Did you mean \(near)?", hint: "Rename the column to \(near) if that is what it holds.")
            }
        }
    }
}

/// The line each key was first given on, for tables whose rows must not repeat a key: a
/// repeat is reported at its own row, naming the first one's line.
struct FirstLines<Key: Hashable> {
    private(set) var lines: [Key: Int] = [:]

    /// The keys given so far.
    var keys: Dictionary<Key, Int>.Keys { lines.keys }

    /// Records `key` at `line` and returns true; for a key given before, reports `message` (told
    /// the first line) at `location` and returns false, keeping the first line.
    mutating func claim(
        _ key: Key, line: Int, problems: Problems, _ code: ScenarioError.Code = .duplicateID, at location: SourceLocation,
        _ message: (Int) -> String, hint: String
    ) -> Bool {
        if let first = lines[key] {
            problems.add(code, location, message(first), hint: hint)
            return false
        }
        lines[key] = line
        return true
    }

    /// ``claim(_:line:problems:_:at:_:hint:)`` for a table row, reported at the row's `field`.
    mutating func claim(_ key: Key, _ f: CSVFields, field: String, _ message: (Int) -> String, hint: String) -> Bool {
        claim(key, line: f.line, problems: f.problems, at: f.location(field), message, hint: hint)
    }
}
