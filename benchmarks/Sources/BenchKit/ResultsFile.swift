import Foundation

/// A results file of `diaban-bench run` (`results/NAME.json`): versioned, written with sorted
/// keys and arrays in a fixed order, so that two files differ only where the measurements do.
///
/// Schema 2 adds the decomposition engine's counts (ladder, GAP), the `glpk compact` GAP row,
/// the compare and trade-off cases (`batches`), the engine pieces (`pieces`) and DiaBan's bound
/// beside the peers. A schema-1 file still reads: what it lacks reads as absent (no batches,
/// no pieces, no engine counts), and its DiaBan GAP row was GLPK's branch-and-cut.
///
/// Schema 3 adds the province sweep (`sweep`) and HiGHS as a peer (on the ladder's peer cases
/// and the sweep's); a schema-2 file reads with no sweep and no HiGHS.
///
/// Schema 4 adds staffing advice (`advice`): `diaban advise` screened and by brute force, the
/// joint choice, resilience; an older file reads with none.
public struct ResultsFile: Codable, Sendable, Equatable {
    public static let currentSchema = "diaban.bench/4"
    /// Schemas ``read(path:)`` accepts.
    public static let readableSchemas = ["diaban.bench/1", "diaban.bench/2", "diaban.bench/3", currentSchema]

    public var schema: String
    /// ISO 8601, UTC, when the run started.
    public var date: String
    public var revision: Revision
    public var machine: Machine
    /// The 1-minute load average at the start and at the end of the run: above the core count,
    /// other processes competed for the cores and the times are not trustworthy.
    public var loadAverage: LoadAverage
    public var settings: Settings
    public var ladder: [LadderCaseResult]
    public var gap: [GAPSetSummary]
    public var peers: [PeerComparison]
    /// `diaban compare` of the Nghệ An scenarios and `diaban tradeoff` of the baseline.
    public var batches: [BatchCaseResult]
    /// The Nghệ An baseline once per engine variant (each piece switched off on its own).
    public var pieces: [PieceResult]
    /// Every province of the national table, by seed and capacity ratio, with the peers on some.
    public var sweep: [SweepCaseResult]
    /// `diaban advise` on the Nghệ An baseline: the singles screened and by brute force, the
    /// joint choice, resilience (empty before schema 4).
    public var advice: [AdviceCaseResult]
    public var targets: [Target]
    /// Bugs found (a wrong optimum, a plan breaking a hard rule): a run with any exits non-zero.
    public var bugs: [String]
    public var totalSeconds: Double

    public struct LoadAverage: Codable, Sendable, Equatable {
        public var start: Double
        public var end: Double
    }

    public struct Settings: Codable, Sendable, Equatable {
        public var command: String
        public var quick: Bool
        public var cases: [String]
        /// `--repeat` when given, overriding every case's own count.
        public var repeatOverride: Int?
        /// GLPK options of the ladder solves (DiaBan's defaults) and of the GAP solves.
        public var ladderOptions: String
        /// GLPK options of the GAP solves, by set.
        public var gapOptions: [String: String]
        /// Seconds per instance, by GAP set.
        public var gapTimeLimits: [String: Double]
        public var seed: UInt64
        /// The decomposition engine's settings (its defaults), as `key=value` words; nil in
        /// schema-1 files.
        public var engineSettings: String?
    }

    public init(
        schema: String, date: String, revision: Revision, machine: Machine, loadAverage: LoadAverage, settings: Settings,
        ladder: [LadderCaseResult], gap: [GAPSetSummary], peers: [PeerComparison], batches: [BatchCaseResult] = [],
        pieces: [PieceResult] = [], sweep: [SweepCaseResult] = [], advice: [AdviceCaseResult] = [], targets: [Target], bugs: [String],
        totalSeconds: Double
    ) {
        self.schema = schema
        self.date = date
        self.revision = revision
        self.machine = machine
        self.loadAverage = loadAverage
        self.settings = settings
        self.ladder = ladder
        self.gap = gap
        self.peers = peers
        self.batches = batches
        self.pieces = pieces
        self.sweep = sweep
        self.advice = advice
        self.targets = targets
        self.bugs = bugs
        self.totalSeconds = totalSeconds
    }

    /// Reads schemas 1–3 too: the lists they lack are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        date = try c.decode(String.self, forKey: .date)
        revision = try c.decode(Revision.self, forKey: .revision)
        machine = try c.decode(Machine.self, forKey: .machine)
        loadAverage = try c.decode(LoadAverage.self, forKey: .loadAverage)
        settings = try c.decode(Settings.self, forKey: .settings)
        ladder = try c.decode([LadderCaseResult].self, forKey: .ladder)
        gap = try c.decode([GAPSetSummary].self, forKey: .gap)
        peers = try c.decode([PeerComparison].self, forKey: .peers)
        batches = try c.decodeIfPresent([BatchCaseResult].self, forKey: .batches) ?? []
        pieces = try c.decodeIfPresent([PieceResult].self, forKey: .pieces) ?? []
        sweep = try c.decodeIfPresent([SweepCaseResult].self, forKey: .sweep) ?? []
        advice = try c.decodeIfPresent([AdviceCaseResult].self, forKey: .advice) ?? []
        targets = try c.decode([Target].self, forKey: .targets)
        bugs = try c.decode([String].self, forKey: .bugs)
        totalSeconds = try c.decode(Double.self, forKey: .totalSeconds)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    public static func read(path: String) throws -> ResultsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError("The results file \(path) does not exist or cannot be read.")
        }
        do {
            return try decode(data, name: path)
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("\(path) is not a diaban-bench results file: \(error).")
        }
    }

    /// A results file from its bytes; `name` names it in errors.
    public static func decode(_ data: Data, name: String) throws -> ResultsFile {
        struct Head: Decodable { var schema: String }
        do {
            let head = try JSONDecoder().decode(Head.self, from: data)
            guard readableSchemas.contains(head.schema) else {
                throw BenchError("\(name) has schema \(head.schema); this diaban-bench reads \(readableSchemas.joined(separator: ", ")).")
            }
            return try JSONDecoder().decode(ResultsFile.self, from: data)
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("\(name) is not a diaban-bench results file: \(error).")
        }
    }
}

/// One ladder case over its runs.
public struct LadderCaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var communes: Int
    public var officers: Int
    public var variables: Int
    public var binaries: Int
    public var constraints: Int
    public var nonZeros: Int
    public var timeLimit: Double
    public var gapTolerance: Double
    public var runs: Int
    /// The worst status over the runs (optimal < feasible < no-solution < … < failed).
    public var status: String
    public var statuses: [String]
    public var wall: Summary
    public var cpu: Summary?
    public var read: Summary
    public var build: Summary
    public var heuristic: Summary
    public var glpk: Summary
    public var report: Summary
    /// (read + build + report) / wall: the share that is not searching.
    public var overheadShare: Summary
    public var firstFeasible: Summary?
    /// Wall time when proven optimal (nil when some run was not).
    public var timeToOptimal: Summary?
    public var objective: Summary?
    public var bound: Summary?
    public var gap: Summary?
    public var nodes: Summary
    /// The decomposition engine's counts over the runs (nil in schema 1).
    public var engine: EngineSummary?
    public var peakRSSBytes: Summary
    public var peakGLPKBytes: Summary
    public var startAccepted: Bool
    public var perRun: [LadderRun]
    /// Set when a run failed to run at all (crash, timeout of the process).
    public var error: String?
}

/// A GAP set with DiaBan and the peers.
public struct GAPSetSummary: Codable, Sendable, Equatable {
    public var set: GAPSet
    public var title: String
    public var timeLimit: Double
    /// DiaBan: the decomposition engine (in schema 1: GLPK's branch-and-cut).
    public var diaban: GAPSetResult
    /// GLPK's branch-and-cut on the compact model with the set's options (nil in schema 1).
    public var glpkCompact: GAPSetResult?
    public var glpsol: GAPSetResult?
    public var cbc: GAPSetResult?
}

/// DiaBan against the peers on one ladder case (the same MPS file).
public struct PeerComparison: Codable, Sendable, Equatable {
    public var name: String
    public var timeLimit: Double
    public var gapTolerance: Double
    /// DiaBan's median end-to-end wall time and its status (from the ladder case).
    public var diabanSeconds: Double
    public var diabanGLPKSeconds: Double
    public var diabanStatus: String
    public var diabanObjective: Double?
    /// DiaBan's highest bound over the runs (nil in schema 1): a bound above a peer's proven
    /// optimum is a bug.
    public var diabanBound: Double?
    /// The exported model's objective constant (nil in schema 1), which readers of the MPS
    /// file take with either sign.
    public var objectiveConstant: Double?
    public var glpsol: Peers.Run?
    public var cbc: Peers.Run?
    /// DiaBan's time over the peer's (below 1: DiaBan is faster).
    public var ratioGlpsol: Double?
    public var ratioCBC: Double?
    /// Set when DiaBan and a peer disagree: a different proven optimum, or a bound beyond the
    /// other's plan value (see ``BugChecks``).
    public var mismatch: String?
    /// HiGHS on the same file (nil before schema 3, or when it was not run).
    public var highs: Peers.Run? = nil
    public var ratioHiGHS: Double? = nil
}

/// A target of the issue, met or not, with the number.
public struct Target: Codable, Sendable, Equatable {
    public var name: String
    public var goal: String
    public var value: String
    public var met: Bool?
}
