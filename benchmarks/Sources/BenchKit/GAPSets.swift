import Foundation
import GAPLibrary
import LinearModel

/// The public generalized-assignment sets bundled in `data/gap` (see its SOURCES.md).
public enum GAPSet: String, Codable, Sendable, CaseIterable, Comparable {
    /// OR-Library gap1–gap12: 60 instances, maximisation as published.
    case orlib
    /// Chu & Beasley (1997) types A–D, 5/10/20 agents × 100/200 jobs: 24 instances, minimisation.
    case chuBeasley = "chu-beasley"

    public var sense: LinearModel.Sense { self == .orlib ? .maximize : .minimize }
    var folder: String { self == .orlib ? "orlib" : "chu1997" }
    public var title: String { self == .orlib ? "OR-Library gap1–gap12 (max)" : "Chu–Beasley A–D (min)" }

    /// Seconds per instance: 60 for OR-Library (as the published comparisons), 10 for
    /// Chu–Beasley, whose 10×200 and type D instances GLPK does not prove in a minute either,
    /// so that the whole run stays within about 20 minutes.
    public var defaultTimeLimit: Double { self == .orlib ? 60 : 10 }

    /// The GLPK options the benchmark solves this set with (see ``GAPRunner/orlibOptions``).
    public var bestOptions: String { self == .orlib ? GAPRunner.orlibOptions : GAPRunner.chuBeasleyOptions }

    /// glpsol runs on the OR-Library set only: on these models it is the same GLPK with the
    /// same options as DiaBan, so on the time-limited Chu–Beasley set it would only repeat
    /// DiaBan's numbers at the cost of minutes.
    public var glpsolPeer: Bool { self == .orlib }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// The instances of the set, in a fixed order (gap1-1 … gap12-5; a05100 … d20200).
    public func instances(dataFolder: String) throws -> [GAPInstance] {
        let folder = dataFolder + "/" + self.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") }
            .sorted { Self.fileOrder($0) < Self.fileOrder($1) }
        var out: [GAPInstance] = []
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let stem = file.hasSuffix(".txt") ? String(file.dropLast(4)) : file
            do {
                out += try GAPInstance.parseFile(text, stem: stem)
            } catch {
                throw BenchError("Could not read the GAP instance file \(folder)/\(file): \(error).")
            }
        }
        return out
    }

    /// gap2 before gap10; letters before digits otherwise.
    static func fileOrder(_ name: String) -> (String, Int) {
        let letters = name.prefix { !$0.isNumber }
        let digits = name.dropFirst(letters.count).prefix { $0.isNumber }
        return (String(letters), Int(digits) ?? 0)
    }

    /// The published values of `optima.csv` for this set's sense, by instance name.
    public func optima(dataFolder: String) throws -> [String: PublishedOptimum] {
        let text = try String(contentsOfFile: dataFolder + "/optima.csv", encoding: .utf8)
        var out: [String: PublishedOptimum] = [:]
        for row in PublishedOptimum.parseTable(text) where row.sense == sense { out[row.instance] = row }
        return out
    }
}

/// How one instance was solved, and what the published optimum says about it.
public struct GAPInstanceResult: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// Proven optimal and equal to the published optimum.
        case match
        /// Not proven within the limit; the value (if any) does not contradict the published one.
        case unproven
        /// Solved where the published value is only a best known one (not proven).
        case open
        /// A BUG: a claimed optimum that differs from the published one, a value better than a
        /// published optimum, or a bound that cuts off the published optimum or a published
        /// best known value (a known assignment has that value).
        case wrong
        /// The solver failed (not a time limit without a solution: that is `unproven`).
        case failed
    }
    public var instance: String
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var published: Double?
    public var publishedProven: Bool
    public var seconds: Double
    /// Branch-and-bound nodes (GLPK, peers) or branch-and-price nodes (the engine).
    public var nodes: Int?
    /// The engine's column-generation rounds (nil for the other solvers).
    public var columnGenerationRounds: Int?
    public var verdict: Verdict
    /// What was wrong, when the verdict is `wrong`.
    public var note: String?

    public var isProvenOptimal: Bool { status == "optimal" }
}

/// A whole set solved with one solver and one time limit per instance.
public struct GAPSetResult: Codable, Sendable, Equatable {
    public var set: GAPSet
    /// "diaban" (the decomposition engine in process), "glpk compact" (GLPK's branch-and-cut
    /// in process), "glpsol" or "cbc".
    public var solver: String
    public var options: String
    public var timeLimit: Double
    public var instances: [GAPInstanceResult]

    public var count: Int { instances.count }
    public var provenOptimal: Int { instances.filter(\.isProvenOptimal).count }
    public var wrong: Int { instances.filter { $0.verdict == .wrong }.count }
    public var totalSeconds: Double { instances.reduce(0) { $0 + $1.seconds } }
}

extension GAPInstanceResult {
    /// Judges a solver's answer against `published`. `status` is "optimal" when the answer
    /// counts as proven optimal (the solver said so, or, with integer costs, its bound is
    /// within 1).
    public static func judge(
        instance: String, sense: LinearModel.Sense, status: String, objective: Double?, bound: Double?,
        seconds: Double, nodes: Int?, published: PublishedOptimum?
    ) -> GAPInstanceResult {
        var gap: Double?
        if let objective, let bound { gap = abs(objective - bound) / max(1e-9, abs(objective)) }
        var r = GAPInstanceResult(
            instance: instance, status: status, objective: objective, bound: bound, gap: gap, published: published?.value,
            publishedProven: published?.provenOptimal ?? false, seconds: seconds, nodes: nodes, columnGenerationRounds: nil,
            verdict: .unproven, note: nil)
        let tolerance = 1e-6 * max(1, abs(published?.value ?? 0))
        // Better means larger when maximising.
        func better(_ a: Double, than b: Double) -> Bool { sense == .maximize ? a > b + tolerance : a < b - tolerance }
        func wrong(_ note: String) -> GAPInstanceResult {
            r.verdict = .wrong
            r.note = note
            return r
        }
        // A published value, proven optimal or only best known, is the value of a real
        // assignment: no valid bound passes it, no claimed optimum is worse than it, and the
        // instance is not infeasible.
        if let p = published {
            let what = p.provenOptimal ? "the published optimum" : "the best known value"
            if let objective {
                if p.provenOptimal && status == "optimal" && abs(objective - p.value) > tolerance {
                    return wrong("claimed optimal \(format(objective)), published optimum \(format(p.value))")
                }
                if p.provenOptimal && better(objective, than: p.value) {
                    return wrong("value \(format(objective)) beats the published optimum \(format(p.value))")
                }
                if status == "optimal" && better(p.value, than: objective) {
                    return wrong("claimed optimal \(format(objective)), but a known assignment reaches \(format(p.value))")
                }
            }
            if let bound, better(p.value, than: bound) {
                return wrong("bound \(format(bound)) excludes \(what) \(format(p.value))")
            }
            if status == "infeasible" {
                return wrong("reported infeasible, but \(what) is \(format(p.value))")
            }
        }
        guard objective != nil else {
            r.verdict = status == "failed" ? .failed : .unproven
            return r
        }
        if let p = published, p.provenOptimal {
            r.verdict = status == "optimal" ? .match : .unproven
        } else {
            r.verdict = status == "optimal" ? .open : .unproven
        }
        return r
    }

    public static func format(_ x: Double) -> String {
        abs(x - x.rounded()) < 1e-6 && abs(x) < 1e15 ? String(Int(x.rounded())) : String(format: "%.4f", x)
    }
}
