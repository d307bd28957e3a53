import Foundation

/// A results file of `diaban-bench run` (`results/NAME.json`): versioned, written with sorted
/// keys and arrays in a fixed order, so that two files differ only where the measurements do.
public struct ResultsFile: Codable, Sendable, Equatable {
    public static let currentSchema = "diaban.bench/1"

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
            let file = try JSONDecoder().decode(ResultsFile.self, from: data)
            guard file.schema == currentSchema else {
                throw BenchError("\(path) has schema \(file.schema); this diaban-bench reads \(currentSchema).")
            }
            return file
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("\(path) is not a diaban-bench results file: \(error).")
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
    public var diaban: GAPSetResult
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
    public var glpsol: Peers.Run?
    public var cbc: Peers.Run?
    /// DiaBan's time over the peer's (below 1: DiaBan is faster).
    public var ratioGlpsol: Double?
    public var ratioCBC: Double?
    /// Set when a peer proved a different optimum than DiaBan's.
    public var mismatch: String?
}

/// A target of the issue, met or not, with the number.
public struct Target: Codable, Sendable, Equatable {
    public var name: String
    public var goal: String
    public var value: String
    public var met: Bool?
}
