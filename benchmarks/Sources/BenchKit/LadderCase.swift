import DiaBanCore
import DurableFiles
import Foundation
import ScenarioIO

/// One rung of the scale ladder: a scenario, how it is made, how long it may take and how
/// often it runs.
public struct LadderCase: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A scenario file of the repository (relative to its root).
        case bundled(String)
        /// Real units of these provinces of the national table (nil: every province).
        case national(provinces: [String]?)
        /// Invented units.
        case invented(communes: Int)
    }

    public var name: String
    public var title: String
    public var source: Source
    /// Seconds for the whole solve (heuristic and GLPK), passed as `--time-limit`.
    public var timeLimit: Double
    /// The relative gap asked for, passed as `--gap` (and to the peers); nil: the scenario's.
    /// Generated scenarios of more than a province ask for 1 %: a case whose target is a
    /// proof asks for a proof's 10⁻⁶, one whose target is a gap asks for that gap.
    public var gap: Double?
    public var repeats: Int
    /// Also export the model and time glpsol and CBC on it.
    public var peers: Bool
    /// Part of `--quick` runs.
    public var quick: Bool

    public init(name: String, title: String, source: Source, timeLimit: Double, gap: Double? = nil, repeats: Int, peers: Bool, quick: Bool) {
        self.name = name
        self.title = title
        self.source = source
        self.timeLimit = timeLimit
        self.gap = gap
        self.repeats = repeats
        self.peers = peers
        self.quick = quick
    }

    /// The seed of every generated scenario: the same seed writes the same bytes.
    public static let seed: UInt64 = 20250701

    /// The ladder, smallest first. Repeats: 5 for Nghệ An, 3 for the other cases, 1 for the
    /// country (a run takes its whole minute); a case stops after two runs that both reached
    /// the time limit (see ``BenchRun``). The time limits are the targets' budgets: 30 s for
    /// central-1000 (gap under 0.5 %), 60 s for the country (gap under 1 %). The provinces and
    /// invented-500 have peers: their target is CBC's time on the same model.
    public static let all: [LadderCase] = [
        LadderCase(name: "nghe-an", title: "Nghệ An baseline (bundled)", source: .bundled("scenarios/nghe-an/baseline.yaml"),
                   timeLimit: 60, repeats: 5, peers: true, quick: true),
        LadderCase(name: "ha-tinh", title: "Hà Tĩnh (real units)", source: .national(provinces: ["42"]),
                   timeLimit: 30, repeats: 3, peers: true, quick: true),
        LadderCase(name: "gia-lai", title: "Gia Lai (real units)", source: .national(provinces: ["52"]),
                   timeLimit: 30, repeats: 3, peers: true, quick: false),
        LadderCase(name: "thanh-hoa", title: "Thanh Hóa (real units)", source: .national(provinces: ["38"]),
                   timeLimit: 30, repeats: 3, peers: true, quick: false),
        LadderCase(name: "invented-500", title: "500 invented communes", source: .invented(communes: 500),
                   timeLimit: 60, gap: 1e-6, repeats: 3, peers: true, quick: false),
        LadderCase(name: "central-1000", title: "10 central provinces, ~1,000 real units",
                   source: .national(provinces: ["38", "40", "42", "44", "46", "48", "51", "52", "56", "66"]),
                   timeLimit: 30, gap: 0.005, repeats: 3, peers: false, quick: false),
        LadderCase(name: "country", title: "Whole country (34 provinces)", source: .national(provinces: nil),
                   timeLimit: 60, gap: 0.01, repeats: 1, peers: false, quick: false),
    ]

    /// The scenario file of this case, writing it into `scratch` first when it is generated.
    /// `root` is the repository root (where `scenarios/` is).
    public func prepare(root: String, scratch: String) throws -> String {
        let table = root + "/scenarios/vietnam/data/communes.csv"
        let generatorSource: SyntheticScenario.Source
        var words = ["diaban generate"]
        switch source {
        case .bundled(let path):
            return root + "/" + path
        case .national(let provinces):
            generatorSource = .national(table: table, provinces: provinces)
            if let provinces { words += provinces.map { "--province \($0)" } } else { words.append("--country") }
        case .invented(let n):
            generatorSource = .invented(communes: n)
            words.append("--synthetic --communes \(n)")
        }
        words.append("--seed \(Self.seed)")
        return try Self.write(SyntheticScenario(seed: Self.seed), generatorSource, command: words.joined(separator: " "), name: name, scratch: scratch)
    }

    /// Generates a scenario into `scratch/scenarios/NAME/` and returns its YAML file's path.
    static func write(
        _ generator: SyntheticScenario, _ source: SyntheticScenario.Source, command: String, name: String, scratch: String
    ) throws -> String {
        let folder = scratch + "/scenarios/" + name
        let generated: GeneratedScenario
        do {
            generated = try generator.generate(source, command: command)
        } catch {
            throw BenchError("Could not generate the scenario of \(name): \(error.description)")
        }
        do {
            try generated.write(to: folder, force: true)
        } catch {
            throw BenchError("Could not write the scenario of \(name) into \(folder): \(error.message)")
        }
        return folder + "/scenario.yaml"
    }
}
