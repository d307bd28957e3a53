/// Why the register did not do what was asked. Nothing was written when one is thrown.
public struct RegisterError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; an open set.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No file at the path.
        public static let missing = Code(rawValue: "missing")
        /// The file exists but is not a DiaBan register (another database, or not SQLite).
        public static let notARegister = Code(rawValue: "not-a-register")
        /// The register was made or upgraded by a newer DiaBan.
        public static let newerSchema = Code(rawValue: "newer-schema")
        /// A register already exists where one was to be created.
        public static let exists = Code(rawValue: "exists")
        /// The request contradicts what the register holds (a date, a reference, a state).
        public static let refused = Code(rawValue: "refused")
        /// Another process holds the register for writing.
        public static let busy = Code(rawValue: "busy")
        /// The file or its folder may not be written.
        public static let readOnly = Code(rawValue: "read-only")
        /// The disk is full.
        public static let diskFull = Code(rawValue: "disk-full")
        /// Any other failure of SQLite or the file system.
        public static let io = Code(rawValue: "io")
        /// The register breaks one of its own invariants (`register check` lists them).
        public static let corrupt = Code(rawValue: "corrupt")
    }

    public var code: Code
    /// What went wrong and what to do, in whole sentences.
    public var message: String
    public var description: String { message }

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Bad data or a refused request (exit 65) rather than a failure of the machine (exit 1).
    public var isBadData: Bool { [.notARegister, .newerSchema, .refused, .exists, .corrupt].contains(code) }
}
