import Foundation

/// Staffing advice (`diaban advise`) on the Nghệ An baseline, measured as a planner runs it:
/// the built `diaban advise … --format json --quiet`, one process from spawn to exit per run,
/// read back from its JSON. Its budget is the target's, in seconds.
public struct AdviceCase: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Every single training and every hire priced, the first `top` of each kind exact:
        /// screened (the default: only the candidates whose bound can still enter the first
        /// `top` are solved) and brute force (`--solve-all`: every candidate solved), run by run.
        case singles
        /// The joint choice within the budgets: its status, gap, bound and seconds.
        case joint
        /// Every active officer's departure (`--resilience`).
        case resilience
    }

    public var name: String
    public var title: String
    public var kind: Kind
    /// The options after the scenario (the format and `--quiet` are added).
    public var options: [String]
    public var repeats: Int
    /// Seconds the target allows: the singles' time (screened), the joint choice's, or the
    /// resilience process's.
    public var budget: Double
    /// The singles listed per kind whose gains are compared (`--top`).
    public var top: Int?

    public static let all: [AdviceCase] = [
        AdviceCase(name: "nghe-an-advice-singles", title: "Nghệ An: every single training and hire ranked, the first 10 of each exact",
                   kind: .singles, options: ["--train", "1", "--hire", "1", "--top", "10"], repeats: 3, budget: 30, top: 10),
        AdviceCase(name: "nghe-an-advice-joint", title: "Nghệ An: the joint choice of 3 trainings and 2 hires",
                   kind: .joint, options: ["--train", "3", "--hire", "2"], repeats: 3, budget: 60, top: nil),
        AdviceCase(name: "nghe-an-advice-resilience", title: "Nghệ An: every officer's departure (resilience)",
                   kind: .resilience, options: ["--resilience"], repeats: 3, budget: 30, top: nil),
    ]

    /// The flag that makes `diaban advise` solve every candidate: the brute force.
    public static let solveAll = "--solve-all"
    static let scenario = "scenarios/nghe-an/baseline.yaml"

    /// The variants run each time: screened, then (singles) brute force.
    public var variants: [Bool] { kind == .singles ? [false, true] : [false] }

    /// The `diaban` arguments: the absolute scenario path, the options, JSON on stdout, no
    /// progress lines; `--solve-all` for the brute force.
    public func arguments(root: String, bruteForce: Bool = false) throws -> [String] {
        guard FileManager.default.fileExists(atPath: root + "/" + Self.scenario) else {
            throw BenchError("\(name): \(Self.scenario) is missing from \(root).")
        }
        return ["advise", root + "/" + Self.scenario] + options + (bruteForce ? [Self.solveAll] : []) + ["--format", "json", "--quiet"]
    }

    /// The command as a reader would type it from the repository root.
    public func command(bruteForce: Bool = false) -> String {
        (["diaban", "advise", Self.scenario] + options + (bruteForce ? [Self.solveAll] : []) + ["--format", "json"]).joined(separator: " ")
    }
}

/// One listed single action of an advice run.
public struct AdviceSingle: Codable, Sendable, Equatable {
    public var kind: String
    public var key: String
    public var rank: Int
    /// The baseline's points minus the points with the action (nil when not solved).
    public var gain: Double?
    /// The interval the two solves' bounds leave for the gain.
    public var gainLow: Double?
    public var gainHigh: Double?
    /// Both solves proven optimal (or the gain proven 0 without a solve).
    public var exact: Bool
}

/// The joint choice of an advice run.
public struct AdviceJoint: Codable, Sendable, Equatable {
    public var status: String
    /// The actions chosen, by key.
    public var keys: [String]
    public var gain: Double?
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// The joint choice's own seconds, as the tool reports them.
    public var seconds: Double
}

/// One run of an advice case: one `diaban advise` process.
public struct AdviceRun: Codable, Sendable, Equatable {
    /// The process from spawn to exit (filled by the parent).
    public var wallSeconds: Double
    public var exitCode: Int32
    public var cpuSeconds: Double
    public var peakRSSBytes: Int
    /// Run with `--solve-all`: every candidate solved.
    public var solveAll: Bool
    /// The baseline's solve (nil for resilience, which reports no time).
    public var baselineStatus: String?
    public var baselineObjective: Double?
    public var baselineSeconds: Double?
    /// `exact`, `screened` or `incomplete` (nil for resilience).
    public var ranking: String?
    /// Candidates of each kind priced, and those left out by their bounds without a solve.
    public var priced: [String: Int]
    public var screenedOut: [String: Int]
    /// The first `top` singles of each kind, in rank order.
    public var first: [AdviceSingle]
    /// Every candidate with a gain, by kind and key (those left out by their bounds have none).
    public var gains: [String: [String: Double]]
    /// Every candidate left out, by kind and key: the proven upper bound on its gain.
    public var bounds: [String: [String: Double]]
    public var joint: AdviceJoint?
    /// Resilience: how many departures ended in each status (`optimal`, `infeasible`: no valid
    /// plan without the officer, …).
    public var departures: [String: Int]?

    /// The singles' share of the process: the wall time minus the joint choice's seconds and
    /// the baseline's (reading, candidates, bounds and the single solves; rendering too).
    public var singlesSeconds: Double? {
        guard departures == nil else { return nil }
        return wallSeconds - (joint?.seconds ?? 0) - (baselineSeconds ?? 0)
    }

    /// Candidates solved (priced and not left out).
    public var solved: Int { priced.values.reduce(0, +) - screenedOut.values.reduce(0, +) }

    /// Whether every one of the first `top` of each kind is exact.
    public var firstExact: Bool { first.allSatisfy(\.exact) }

    /// Departures proven: optimal without the officer, or no valid plan (proven infeasible).
    public var departuresDecided: Int { (departures ?? [:]).filter { $0.key == "optimal" || $0.key == "infeasible" }.values.reduce(0, +) }
    public var departuresCount: Int { (departures ?? [:]).values.reduce(0, +) }

    /// Reads the JSON of `diaban advise --format json` (schema `diaban.advice/…`), keeping the
    /// first `top` singles of each kind.
    public static func parseAdvice(_ data: Data, top: Int) throws -> AdviceRun {
        struct Document: Decodable {
            struct Point: Decodable {
                var status: String
                var objective: Double?
                var seconds: Double
            }
            struct Single: Decodable {
                var rank: Int
                var kind: String
                var key: String
                var gain: Double?
                var gainLow: Double?
                var gainHigh: Double?
                var exact: Bool
                var gainBound: Double?
                var screenedOut: Bool
            }
            struct Joint: Decodable {
                var status: String
                var keys: [String]
                var gain: Double?
                var objective: Double?
                var bound: Double?
                var gap: Double?
                var seconds: Double
            }
            var schema: String
            var baseline: Point
            var ranking: String
            var priced: [String: Int]
            var screenedOut: [String: Int]
            var singles: [Single]
            var joint: Joint?
        }
        let doc = try decode(Document.self, from: data, schema: "diaban.advice/", what: "diaban advise", head: \.schema)
        var first: [AdviceSingle] = [], gains: [String: [String: Double]] = [:], bounds: [String: [String: Double]] = [:]
        var listed: [String: Int] = [:]
        for s in doc.singles {
            if s.screenedOut {
                guard let b = s.gainBound else { throw BenchError("diaban advise left \(s.key) out without a bound on its gain.") }
                bounds[s.kind, default: [:]][s.key] = b
            } else if let g = s.gain {
                gains[s.kind, default: [:]][s.key] = g
            }
            listed[s.kind, default: 0] += 1
            if listed[s.kind]! <= top {
                first.append(AdviceSingle(kind: s.kind, key: s.key, rank: s.rank, gain: s.gain, gainLow: s.gainLow, gainHigh: s.gainHigh, exact: s.exact))
            }
        }
        for (kind, n) in doc.priced where listed[kind, default: 0] != n {
            throw BenchError("diaban advise priced \(n) \(kind) candidates but listed \(listed[kind, default: 0]); the benchmark needs every one (--format json lists them all).")
        }
        let joint = doc.joint.map { j in
            AdviceJoint(status: j.status, keys: j.keys, gain: j.gain, objective: j.objective, bound: j.bound, gap: j.gap, seconds: j.seconds)
        }
        return AdviceRun(wallSeconds: 0, exitCode: 0, cpuSeconds: 0, peakRSSBytes: 0, solveAll: false, baselineStatus: doc.baseline.status,
                         baselineObjective: doc.baseline.objective, baselineSeconds: doc.baseline.seconds, ranking: doc.ranking,
                         priced: doc.priced, screenedOut: doc.screenedOut, first: first, gains: gains, bounds: bounds, joint: joint,
                         departures: nil)
    }

    /// Reads the JSON of `diaban advise --resilience --format json` (schema
    /// `diaban.resilience/…`): how many departures ended in each status.
    public static func parseResilience(_ data: Data) throws -> AdviceRun {
        struct Document: Decodable {
            struct Departure: Decodable { var status: String }
            var schema: String
            var baselineObjective: Double?
            var departures: [Departure]
        }
        let doc = try decode(Document.self, from: data, schema: "diaban.resilience/", what: "diaban advise --resilience", head: \.schema)
        guard !doc.departures.isEmpty else { throw BenchError("diaban advise --resilience priced no departure.") }
        return AdviceRun(wallSeconds: 0, exitCode: 0, cpuSeconds: 0, peakRSSBytes: 0, solveAll: false, baselineStatus: nil,
                         baselineObjective: doc.baselineObjective, baselineSeconds: nil, ranking: nil, priced: [:], screenedOut: [:],
                         first: [], gains: [:], bounds: [:], joint: nil,
                         departures: Dictionary(grouping: doc.departures, by: \.status).mapValues(\.count))
    }

    private static func decode<D: Decodable>(_ type: D.Type, from data: Data, schema: String, what: String, head: KeyPath<D, String>) throws -> D {
        let doc: D
        do { doc = try JSONDecoder().decode(type, from: data) } catch {
            throw BenchError("The output of \(what) is not its JSON: \(error).")
        }
        guard doc[keyPath: head].hasPrefix(schema) else { throw BenchError("\(what) wrote schema \(doc[keyPath: head]).") }
        return doc
    }
}

/// An advice case over its runs.
public struct AdviceCaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var kind: AdviceCase.Kind
    /// The commands, as typed from the repository root (the brute force's for singles).
    public var command: String
    public var bruteForceCommand: String?
    public var budget: Double
    public var top: Int?
    public var runs: Int
    /// The screened (default) process, spawn to exit, and its singles' share (wall − joint − baseline).
    public var wall: Summary
    public var singles: Summary?
    /// The same with `--solve-all` (singles only).
    public var bruteForceWall: Summary?
    public var bruteForceSingles: Summary?
    /// Brute force over screened: the singles' medians, and the processes' medians.
    public var ratio: Double?
    public var wallRatio: Double?
    /// The joint choice's own seconds (screened runs), its worst status over them and its gap.
    public var jointSeconds: Summary?
    public var jointStatus: String?
    public var jointGap: Summary?
    public var perRun: [AdviceRun]
    public var bruteForce: [AdviceRun]
    /// Set when a run failed (no JSON, a crash, killed after its timeout).
    public var error: String?

    public static func summarize(_ c: AdviceCase, runs: [AdviceRun], bruteForce: [AdviceRun], error: String?) -> AdviceCaseResult {
        let zero = Summary(median: 0, min: 0, max: 0)
        let singles = Summary(runs.map(\.singlesSeconds)), bruteSingles = Summary(bruteForce.map(\.singlesSeconds))
        let wall = Summary(runs.map(\.wallSeconds)), bruteWall = Summary(bruteForce.map(\.wallSeconds))
        func ratio(_ a: Summary?, _ b: Summary?) -> Double? {
            guard let a, let b, a.median > 0 else { return nil }
            return b.median / a.median
        }
        let joints = runs.compactMap(\.joint)
        return AdviceCaseResult(
            name: c.name, title: c.title, kind: c.kind, command: c.command(), bruteForceCommand: c.kind == .singles ? c.command(bruteForce: true) : nil,
            budget: c.budget, top: c.top, runs: runs.count, wall: wall ?? zero, singles: singles,
            bruteForceWall: bruteWall, bruteForceSingles: bruteSingles, ratio: ratio(singles, bruteSingles), wallRatio: ratio(wall, bruteWall),
            jointSeconds: Summary(joints.map(\.seconds)), jointStatus: joints.isEmpty ? nil : LadderCaseResult.worst(joints.map(\.status)),
            jointGap: Summary(joints.map(\.gap)), perRun: runs, bruteForce: bruteForce, error: error)
    }

    /// Every run (both variants) lists its first `top` of each kind exact.
    public var firstExact: Bool { !perRun.isEmpty && (perRun + bruteForce).allSatisfy(\.firstExact) }
}
