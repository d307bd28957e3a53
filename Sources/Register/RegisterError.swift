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
    /// The refusal in parts, for a reader that words it in another language than ``message``;
    /// nil for failures that have only their sentence.
    public var refusal: Refusal?
    public var description: String { message }

    public init(_ code: Code, _ message: String, refusal: Refusal? = nil) {
        self.code = code
        self.message = message
        self.refusal = refusal
    }

    /// Why an adoption was refused, in the values the sentence is made of.
    public enum Refusal: Sendable, Equatable {
        /// The decision's reference is already recorded, effective on that day.
        case referenceRecorded(reference: String, effective: String)
        /// The same plan was adopted before, by that decision.
        case planAdopted(reference: String, effective: String)
        /// The effective date is not after the last decision's.
        case notAfter(effective: String, lastReference: String, lastEffective: String)
        /// The plan starts from another state of the register: each commune that differs (all
        /// of them, where the sentence names the first five).
        case stateDiffers([StateDifference])
    }

    /// One commune whose officers differ between the plan's starting state and the register.
    public struct StateDifference: Sendable, Equatable {
        public var commune: String
        public var communeName: String
        /// Officer ids the plan starts from, and those the register holds (empty: nobody).
        public var plan: [String]
        public var register: [String]
        /// The names of every officer named in either list, as the register or the plan knows them.
        public var officerNames: [String: String]

        public init(commune: String, communeName: String, plan: [String], register: [String], officerNames: [String: String]) {
            self.commune = commune
            self.communeName = communeName
            self.plan = plan
            self.register = register
            self.officerNames = officerNames
        }
    }

    /// Bad data or a refused request (exit 65) rather than a failure of the machine (exit 1).
    public var isBadData: Bool { [.notARegister, .newerSchema, .refused, .exists, .corrupt].contains(code) }
}
