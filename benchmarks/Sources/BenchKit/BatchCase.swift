import Foundation

/// A planner's batch of solves, measured as a planner runs it: the built `diaban compare` of
/// every Nghệ An scenario, or `diaban tradeoff` of the baseline (0–40 changes by 4, its
/// default), each one process from spawn to exit with `--format json`, read back from its
/// output. Its budget is the target's: every item decided, the whole batch within `budget`.
public struct BatchCase: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case compare, tradeoff

        /// Whether an item's status counts as decided: a compare scenario when proven optimal;
        /// a trade-off point when proven optimal or proven infeasible (an allowance of changes
        /// too small for any valid plan is an answer too).
        public func decided(_ status: String) -> Bool {
            status == "optimal" || (self == .tradeoff && status == "infeasible")
        }
    }

    public var name: String
    public var title: String
    public var kind: Kind
    public var repeats: Int
    /// Seconds the whole batch may take (the target).
    public var budget: Double

    public static let all: [BatchCase] = [
        BatchCase(name: "nghe-an-compare", title: "Nghệ An: baseline and every what-if in one diaban compare", kind: .compare,
                  repeats: 3, budget: 30),
        BatchCase(name: "nghe-an-tradeoff", title: "Nghệ An baseline: diaban tradeoff, at most 0–40 changes by 4", kind: .tradeoff,
                  repeats: 3, budget: 30),
    ]

    static let folder = "scenarios/nghe-an"

    /// The scenario files, relative to the repository root: the baseline first, then every
    /// `what-if-*.yaml` in name order (compare); the baseline alone (tradeoff).
    public func files(root: String) throws -> [String] {
        let baseline = Self.folder + "/baseline.yaml"
        guard FileManager.default.fileExists(atPath: root + "/" + baseline) else {
            throw BenchError("\(name): \(baseline) is missing from \(root).")
        }
        guard kind == .compare else { return [baseline] }
        let whatIfs = try FileManager.default.contentsOfDirectory(atPath: root + "/" + Self.folder)
            .filter { $0.hasPrefix("what-if-") && $0.hasSuffix(".yaml") }.sorted()
        return [baseline] + whatIfs.map { Self.folder + "/" + $0 }
    }

    /// The `diaban` arguments: absolute scenario paths, JSON on stdout, no progress lines.
    public func arguments(root: String) throws -> [String] {
        [kind.rawValue] + (try files(root: root)).map { root + "/" + $0 } + ["--format", "json", "--quiet"]
    }

    /// The command as a reader would type it from the repository root.
    public func command(root: String) throws -> String {
        (["diaban", kind.rawValue] + (try files(root: root)) + ["--format", "json"]).joined(separator: " ")
    }
}

/// One item of a batch run: a compared scenario (by its column label) or a trade-off point (by
/// its value).
public struct BatchItem: Codable, Sendable, Equatable {
    public var label: String
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// The item's own solve seconds, as the tool reports them.
    public var seconds: Double
}

/// One run of a batch case.
public struct BatchRun: Codable, Sendable, Equatable {
    /// The process from spawn to exit: loading, every solve, rendering (filled by the parent).
    public var wallSeconds: Double
    /// The tool's own `timings.wallSeconds` (loading excluded).
    public var reportedSeconds: Double
    /// Solves at once (compare); nil for a trade-off, whose points run in order.
    public var jobs: Int?
    public var exitCode: Int32
    public var cpuSeconds: Double
    public var peakRSSBytes: Int
    public var items: [BatchItem]

    /// Decodes the JSON a `diaban COMMAND --format json` wrote and checks that its schema is
    /// `diaban.COMMAND/…`.
    private static func decode<D: Decodable>(_ type: D.Type, from data: Data, command: String, schema: KeyPath<D, String>) throws -> D {
        let doc: D
        do { doc = try JSONDecoder().decode(type, from: data) } catch {
            throw BenchError("The output of diaban \(command) is not its JSON: \(error).")
        }
        guard doc[keyPath: schema].hasPrefix("diaban.\(command)/") else { throw BenchError("diaban \(command) wrote schema \(doc[keyPath: schema]).") }
        return doc
    }

    /// Reads the JSON of `diaban compare --format json` (schema `diaban.compare/1`).
    public static func parseCompare(_ data: Data) throws -> BatchRun {
        struct Document: Decodable {
            struct Entry: Decodable {
                var label: String
                var status: String
                var objective: Double?
                var bestBound: Double?
                var gap: Double?
            }
            struct Timings: Decodable {
                var wallSeconds: Double
                var jobs: Int
                var scenarioSeconds: [Double]
            }
            var schema: String
            var scenarios: [Entry]
            var timings: Timings
        }
        let doc = try decode(Document.self, from: data, command: "compare", schema: \.schema)
        guard doc.timings.scenarioSeconds.count == doc.scenarios.count else {
            throw BenchError("diaban compare timed \(doc.timings.scenarioSeconds.count) of \(doc.scenarios.count) scenarios.")
        }
        let items = zip(doc.scenarios, doc.timings.scenarioSeconds).map { e, seconds in
            BatchItem(label: e.label, status: e.status, objective: e.objective, bound: e.bestBound, gap: e.gap, seconds: seconds)
        }
        return BatchRun(wallSeconds: 0, reportedSeconds: doc.timings.wallSeconds, jobs: doc.timings.jobs, exitCode: 0,
                        cpuSeconds: 0, peakRSSBytes: 0, items: items)
    }

    /// Reads the JSON of `diaban tradeoff --format json` (schema `diaban.tradeoff/1`); a
    /// point's label is its value (the most changes allowed, or the weight swept).
    public static func parseTradeoff(_ data: Data) throws -> BatchRun {
        struct Document: Decodable {
            struct Point: Decodable {
                var value: Double
                var status: String
                var objective: Double?
                var bestBound: Double?
                var gap: Double?
            }
            struct Timings: Decodable {
                var wallSeconds: Double
                var pointSeconds: [Double]
            }
            var schema: String
            var points: [Point]
            var timings: Timings
        }
        let doc = try decode(Document.self, from: data, command: "tradeoff", schema: \.schema)
        guard doc.timings.pointSeconds.count == doc.points.count else {
            throw BenchError("diaban tradeoff timed \(doc.timings.pointSeconds.count) of \(doc.points.count) points.")
        }
        let items = zip(doc.points, doc.timings.pointSeconds).map { p, seconds in
            BatchItem(label: Text.number(p.value), status: p.status, objective: p.objective, bound: p.bestBound, gap: p.gap, seconds: seconds)
        }
        return BatchRun(wallSeconds: 0, reportedSeconds: doc.timings.wallSeconds, jobs: nil, exitCode: 0,
                        cpuSeconds: 0, peakRSSBytes: 0, items: items)
    }

    /// How many items are decided (see ``BatchCase/Kind/decided(_:)``).
    public func decided(_ kind: BatchCase.Kind) -> Int { items.filter { kind.decided($0.status) }.count }
}

/// One item over the runs of its batch case.
public struct BatchItemSummary: Codable, Sendable, Equatable {
    public var label: String
    /// The worst status over the runs, and each run's.
    public var status: String
    public var statuses: [String]
    public var objective: Summary?
    public var bound: Summary?
    public var gap: Summary?
    public var seconds: Summary
}

/// A batch case over its runs.
public struct BatchCaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var kind: BatchCase.Kind
    /// The command, as typed from the repository root.
    public var command: String
    public var budget: Double
    public var runs: Int
    /// The process, spawn to exit (the target's total), and the tool's own total.
    public var wall: Summary
    public var reported: Summary
    /// Items decided in every run, and items in all.
    public var decided: Int
    public var count: Int
    public var items: [BatchItemSummary]
    public var perRun: [BatchRun]
    /// Set when a run failed (no JSON, a crash, killed after its timeout).
    public var error: String?

    public static func summarize(_ c: BatchCase, command: String, runs: [BatchRun], error: String?) -> BatchCaseResult {
        let zero = Summary(median: 0, min: 0, max: 0)
        // Items by position: every run of the same command lists the same items in the same order.
        let labels = runs.first?.items.map(\.label) ?? []
        let items = labels.indices.map { i -> BatchItemSummary in
            let all = runs.compactMap { $0.items.indices.contains(i) ? $0.items[i] : nil }
            let statuses = all.map(\.status)
            return BatchItemSummary(
                label: labels[i], status: LadderCaseResult.worst(statuses), statuses: statuses,
                objective: Summary(all.map(\.objective)), bound: Summary(all.map(\.bound)), gap: Summary(all.map(\.gap)),
                seconds: Summary(all.map(\.seconds)) ?? zero)
        }
        let decided = items.filter { item in !item.statuses.isEmpty && item.statuses.allSatisfy { c.kind.decided($0) } }.count
        return BatchCaseResult(
            name: c.name, title: c.title, kind: c.kind, command: command, budget: c.budget, runs: runs.count,
            wall: Summary(runs.map(\.wallSeconds)) ?? zero, reported: Summary(runs.map(\.reportedSeconds)) ?? zero,
            decided: decided, count: items.count, items: items, perRun: runs, error: error)
    }
}
