/// Where a problem is: a file, and when known a 1-based line and column (a CSV file's header
/// is line 1; a YAML column counts characters) and the field or column name.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as the user wrote it, joined with the relative paths of the scenario file.
    public var file: String
    public var line: Int?
    public var column: Int?
    /// A CSV column name or a YAML key path (`rules.mountainBand.lower`).
    public var field: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.field ?? "") < (b.file, b.line ?? 0, b.column ?? 0, b.field ?? "")
    }

    /// `file:line:column` as editors and terminals recognise it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column, line != nil { s += ":\(column)" }
        return s
    }

    public func with(field: String) -> SourceLocation {
        var l = self
        l.field = field
        return l
    }
}

/// One problem in a scenario's files: where it is, what is wrong, and what to do about it.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for tests and tools; an open set.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unreadableFile = Code(rawValue: "unreadable-file")
        public static let emptyFile = Code(rawValue: "empty-file")
        public static let notText = Code(rawValue: "not-text")
        public static let malformedCSV = Code(rawValue: "malformed-csv")
        public static let missingColumn = Code(rawValue: "missing-column")
        public static let duplicateColumn = Code(rawValue: "duplicate-column")
        public static let missingValue = Code(rawValue: "missing-value")
        public static let badNumber = Code(rawValue: "bad-number")
        public static let outOfRange = Code(rawValue: "out-of-range")
        public static let badValue = Code(rawValue: "bad-value")
        public static let duplicateID = Code(rawValue: "duplicate-id")
        public static let unknownReference = Code(rawValue: "unknown-reference")
        public static let conflict = Code(rawValue: "conflict")
        public static let yamlSyntax = Code(rawValue: "yaml-syntax")
        public static let yamlType = Code(rawValue: "yaml-type")
        public static let unknownKey = Code(rawValue: "unknown-key")
        public static let baseCycle = Code(rawValue: "base-cycle")
        public static let badChange = Code(rawValue: "bad-change")
        public static let staffing = Code(rawValue: "staffing")
        /// A name repeated in a table disagrees with the roster's name for the same id.
        public static let nameMismatch = Code(rawValue: "name-mismatch")
        /// A row of a decisions file that does not fit the plan or the scenario.
        public static let badDecision = Code(rawValue: "bad-decision")
        /// A word one slip away from a known one (a warning: the word may be new).
        public static let nearMiss = Code(rawValue: "near-miss")
    }

    public var code: Code
    public var location: SourceLocation
    /// What is wrong, in whole sentences.
    public var message: String
    /// What to do about it, in whole sentences.
    public var hint: String

    public init(_ code: Code, at location: SourceLocation, _ message: String, hint: String) {
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var file: String { location.file }
    public var line: Int? { location.line }
    public var column: Int? { location.column }
    public var field: String? { location.field }

    /// `file:line: field: message` and, on the next line, what to do.
    public var description: String {
        var head = "\(location): "
        if let field = location.field { head += "\(field): " }
        return head + message + (hint.isEmpty ? "" : "\n    What to do: " + hint)
    }
}

/// Every problem found in a scenario, sorted by file and line. Thrown by ``ScenarioLoader``.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]
    public init(_ errors: [ScenarioError]) {
        self.errors = errors.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
    public var count: Int { errors.count }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
