import Foundation
import LinearModel
import Testing

/// Small models whose optima are worked out by hand in the comments, and generated hard ones.
enum Models {
    /// Four items (value, weight) = (10, 5), (40, 4), (30, 6), (50, 3); capacity 10; maximize.
    /// Pairs that fit: {2,4} 90 (w 7), {3,4} 80 (w 9), {2,3} 70 (w 10), {1,4} 60 (w 8),
    /// {1,2} 50 (w 9); no triple fits (lightest is 3+4+5 = 12). Optimum 90 with x = (0,1,0,1).
    /// LP relaxation by ratio: item 4 (16.7/w), item 2 (10/w), then half of item 3: 105.
    static func knapsack(constant: Double = 0) -> LinearModel {
        var model = LinearModel(name: "knapsack", sense: .maximize)
        let items: [(Double, Double)] = [(10, 5), (40, 4), (30, 6), (50, 3)]
        let x = items.indices.map { model.addVariable("x\($0 + 1)", kind: .binary, upper: 1, objective: items[$0].0) }
        model.addConstraint("capacity", zip(x, items.map(\.1)).map { ($0, $1) }, upper: 10)
        model.objectiveConstant = constant
        return model
    }

    /// Costs (agent × task):   9 2 7 / 6 4 3 / 5 8 1.  The six permutations cost
    /// 14 (1,2,3), 20 (1,3,2), 9 (2,1,3), 10 (2,3,1), 21 (3,1,2), 16 (3,2,1):
    /// the unique optimum 9 sends agent 1 to task 2, agent 2 to task 1, agent 3 to task 3.
    static func assignment() -> (LinearModel, [[VariableIndex]]) {
        let cost: [[Double]] = [[9, 2, 7], [6, 4, 3], [5, 8, 1]]
        var model = LinearModel(name: "assignment")
        let x = (0..<3).map { a in (0..<3).map { t in model.addVariable("x_\(a)_\(t)", kind: .binary, upper: 1, objective: cost[a][t]) } }
        for a in 0..<3 { model.addConstraint("agent_\(a)", (0..<3).map { (x[a][$0], 1) }, lower: 1, upper: 1) }
        for t in 0..<3 { model.addConstraint("task_\(t)", (0..<3).map { (x[$0][t], 1) }, lower: 1, upper: 1) }
        return (model, x)
    }

    /// Generalized assignment, 2 agents × 4 jobs, minimize cost, each job to one agent.
    /// Agent A: cost (2,3,4,6), weight (3,2,4,3), capacity 6.
    /// Agent B: cost (5,4,3,2), weight (2,3,2,4), capacity 7.
    /// With S the jobs of A: cost = 14 + Σ_{j∈S} (cA − cB) = 14 + Σ_S (−3, −1, +1, +4).
    /// A needs weight ≤ 6, and B (total weight 11) needs S to carry B-weight ≥ 4.
    /// Feasible S: {1,2} 10, {2,3} 14, {1,4} 15, {2,4} 17, {4} 18; no triple fits A.
    /// Optimum 10: jobs 1, 2 to A and 3, 4 to B.
    static func generalizedAssignment() -> LinearModel {
        let cost: [[Double]] = [[2, 3, 4, 6], [5, 4, 3, 2]]
        let weight: [[Double]] = [[3, 2, 4, 3], [2, 3, 2, 4]]
        let capacity: [Double] = [6, 7]
        var model = LinearModel(name: "gap")
        let x = (0..<2).map { a in (0..<4).map { j in model.addVariable("x_\(a)_\(j)", kind: .binary, upper: 1, objective: cost[a][j]) } }
        for j in 0..<4 { model.addConstraint("job_\(j)", [(x[0][j], 1), (x[1][j], 1)], lower: 1, upper: 1) }
        for a in 0..<2 { model.addConstraint("cap_\(a)", (0..<4).map { (x[a][$0], weight[a][$0]) }, upper: capacity[a]) }
        return model
    }

    /// Cornuéjols–Dawande market split with slacks: rows Σ a_ij x_j + p_i − q_i = ⌊Σ_j a_ij / 2⌋,
    /// a_ij uniform in 0...99, n = 10(m − 1) binaries, minimize Σ (p_i + q_i). Always feasible,
    /// and notoriously hard for branch-and-bound.
    static func marketSplit(rows m: Int, seed: UInt64) -> LinearModel {
        var random = SplitMix64(seed: seed)
        let n = 10 * (m - 1)
        var model = LinearModel(name: "market_split_\(m)_\(seed)")
        let x = (0..<n).map { model.addVariable("x\($0)", kind: .binary, upper: 1) }
        for i in 0..<m {
            let a = (0..<n).map { _ in Double(random.next() % 100) }
            let p = model.addVariable("p\(i)", objective: 1)
            let q = model.addVariable("q\(i)", objective: 1)
            let d = (a.reduce(0, +) / 2).rounded(.down)
            model.addConstraint("split\(i)", zip(x, a).map { ($0, $1) } + [(p, 1), (q, -1)], lower: d, upper: d)
        }
        return model
    }

    /// A planted equality system: rows Σ a_ij x_j = Σ a_ij x*_j for a random binary x*, and a
    /// random cost to minimize. Feasible (x* is a solution) but hard to solve to the end.
    static func plantedSplit(rows m: Int, columns n: Int, seed: UInt64) -> (LinearModel, [Double]) {
        var random = SplitMix64(seed: seed)
        let planted = (0..<n).map { _ in Double(random.next() % 2) }
        var model = LinearModel(name: "planted_\(m)_\(n)_\(seed)")
        let x = (0..<n).map { model.addVariable("x\($0)", kind: .binary, upper: 1, objective: Double(1 + random.next() % 20)) }
        for i in 0..<m {
            let a = (0..<n).map { _ in Double(random.next() % 100) }
            let rhs = zip(a, planted).reduce(0) { $0 + $1.0 * $1.1 }
            model.addConstraint("row\(i)", zip(x, a).map { ($0, $1) }, lower: rhs, upper: rhs)
        }
        return (model, planted)
    }
}

/// A small deterministic generator, so generated instances are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs Debian's `glpsol` (glpk-utils) on a file and reads its "Objective:" line.
enum Glpsol {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("glpsol") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The optimal objective glpsol reports for `file`, read with `format` ("--lp", "--freemps").
    static func objective(of file: URL, format: String, extra: [String] = []) throws -> Double {
        guard let executable else { throw Failure(description: "glpsol is not installed (Debian package glpk-utils)") }
        let output = file.appendingPathExtension("out")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = executable
        process.arguments = [format, file.path, "-o", output.path] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "glpsol exited with \(process.terminationStatus) on \(file.lastPathComponent)") }
        let report = try String(contentsOf: output, encoding: .utf8)
        if !report.contains("INTEGER OPTIMAL") && !report.contains("OPTIMAL") {
            throw Failure(description: "glpsol did not report an optimum:\n\(report.prefix(600))")
        }
        // "Objective:  obj = 90 (MAXimum)"
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "="),
              let value = Double(line[line.index(after: equals)...].split(separator: " ").first ?? "")
        else { throw Failure(description: "no objective line in glpsol's report:\n\(report.prefix(600))") }
        return value
    }
}

/// A scratch directory removed at the end of a test.
struct ScratchDirectory: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A counter closures on other threads may bump.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var last: SolveProgress?
    func record(_ progress: SolveProgress) { lock.withLock { count += 1; last = progress } }
    var value: Int { lock.withLock { count } }
    var lastProgress: SolveProgress? { lock.withLock { last } }
}

func expectClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let a else {
        Issue.record("expected \(b), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(a - b) <= tolerance * max(1, abs(b)), "expected \(b), got \(a)", sourceLocation: sourceLocation)
}
