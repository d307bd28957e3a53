import DiaBanCore
import DurableFiles
import Foundation
import ScenarioIO

/// One case of the province sweep: one province of the national table with a roster generated
/// from one seed at one capacity ratio (total capacity over total workload). A tight ratio
/// (1.25) and the generator's default (1.45), three seeds each: the rosters a new user meets,
/// not only the bundled one.
public struct SweepCase: Sendable, Equatable, Hashable {
    /// The province's two-digit code in the national table.
    public var province: String
    public var provinceName: String
    public var seed: UInt64
    public var capacityRatio: Double
    /// Also export the model and time the peers (CBC, HiGHS) on it: the first seed of each
    /// province and ratio.
    public var peers: Bool

    public init(province: String, provinceName: String, seed: UInt64, capacityRatio: Double, peers: Bool) {
        self.province = province
        self.provinceName = provinceName
        self.seed = seed
        self.capacityRatio = capacityRatio
        self.peers = peers
    }

    /// `sweep-42-s20250701-r1.25`: province, seed and ratio, so that a case names its scenario.
    public var name: String { "sweep-\(province)-s\(seed)-r\(Self.ratioText(capacityRatio))" }

    static func ratioText(_ r: Double) -> String { String(format: "%.2f", r) }

    /// The seeds of every province: the bundled scenario's seed first (it has the peers), then two others.
    public static let seeds: [UInt64] = [20250701, 17, 2026]
    public static let capacityRatios: [Double] = [1.25, 1.45]
    /// Seconds per DiaBan solve and per peer; the target is a proof within ``provenWithin``.
    public static let timeLimit: Double = 30
    public static let provenWithin: Double = 10
    /// The relative gap asked of DiaBan and of the peers: a proof, as MIP solvers take it.
    public static let gap: Double = 1e-4

    /// Every case: each province of `table` (the national table's CSV), each ratio, each of the
    /// first `seeds` seeds; `provinces` narrows to some codes. Sorted by province, ratio, seed.
    public static func all(table: String, provinces: Set<String>? = nil, seeds seedCount: Int = seeds.count) throws -> [SweepCase] {
        let names = try provinceNames(table: table)
        if let provinces {
            for code in provinces.sorted() where names[code] == nil {
                throw BenchError("--sweep-provinces: the national table has no province \(code); it has \(names.keys.sorted().joined(separator: ", ")).")
            }
        }
        var out: [SweepCase] = []
        for (code, name) in names.sorted(by: { $0.key < $1.key }) where provinces?.contains(code) ?? true {
            for ratio in capacityRatios {
                for (i, seed) in seeds.prefix(max(1, min(seedCount, seeds.count))).enumerated() {
                    out.append(SweepCase(province: code, provinceName: name, seed: seed, capacityRatio: ratio, peers: i == 0))
                }
            }
        }
        return out
    }

    /// The provinces of the national table: code → name, from its `province_code` and `province` columns.
    static func provinceNames(table: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else {
            throw BenchError("Could not read the national table \(table).")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { throw BenchError("The national table \(table) is empty.") }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        guard let codeColumn = header.firstIndex(of: "province_code"), let nameColumn = header.firstIndex(of: "province") else {
            throw BenchError("The national table \(table) has no province_code and province columns.")
        }
        var names: [String: String] = [:]
        for line in lines {
            // Names hold no commas in this table; a quoted field would, and is read whole.
            let cells = splitCSV(line)
            guard cells.count > max(codeColumn, nameColumn) else { continue }
            names[cells[codeColumn]] = names[cells[codeColumn]] ?? cells[nameColumn]
        }
        return names
    }

    static func splitCSV(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { cells.append(cell); cell = "" } else { cell.append(ch) }
        }
        cells.append(cell)
        return cells
    }

    /// Writes this case's scenario into `scratch` (as `diaban generate --province CODE --seed S
    /// --capacity-ratio R` does) and returns its path.
    public func prepare(root: String, scratch: String) throws -> String {
        let table = root + "/scenarios/vietnam/data/communes.csv"
        let command = "diaban generate --province \(province) --seed \(seed) --capacity-ratio \(Self.ratioText(capacityRatio))"
        return try LadderCase.write(SyntheticScenario(seed: seed, capacityRatio: capacityRatio), .national(table: table, provinces: [province]),
                                    command: command, name: name, scratch: scratch)
    }
}

/// One sweep case's answers: DiaBan's run and, on the cases that have them, the peers'.
public struct SweepCaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var province: String
    public var provinceName: String
    public var seed: UInt64
    public var capacityRatio: Double
    public var timeLimit: Double
    public var gapTolerance: Double
    /// nil when the run failed (``error``).
    public var diaban: LadderRun?
    public var cbc: Peers.Run?
    public var highs: Peers.Run?
    /// The exported model's objective constant, which readers of the MPS file take with either sign.
    public var objectiveConstant: Double?
    public var error: String?

    public var status: String { error != nil ? "failed" : diaban?.status ?? "failed" }
    /// Whether a peer ran on this case (installed or not: a missing one is said as such).
    public var peersRan: Bool { [cbc, highs].contains { $0.map { $0.status != "missing" } ?? false } }
    public var proven: Bool { status == "optimal" }
    public var seconds: Double? { diaban?.wallSeconds }

    /// The faster of the peers that proved the optimum: its name and time; nil when none did.
    public var fasterProvingPeer: (name: String, seconds: Double)? {
        [("CBC", cbc), ("HiGHS", highs)]
            .compactMap { name, run in run.flatMap { $0.status == "optimal" && $0.seconds > 0 ? (name, $0.seconds) : nil } }
            .min { $0.1 < $1.1 }
    }

    /// DiaBan's time over the faster proving peer's (below 1: DiaBan is faster). A DiaBan run
    /// that did not prove counts with its whole time.
    public var ratioToFasterPeer: Double? {
        guard let peer = fasterProvingPeer, let mine = seconds else { return nil }
        return mine / peer.seconds
    }

    /// DiaBan's answer and the peers', as claims on one model (see ``BugChecks``). A peer's
    /// value is taken as the reading (±constant) of the MPS objective nearest to DiaBan's.
    func claims() -> [BugChecks.Claim] {
        var out: [BugChecks.Claim] = []
        if let d = diaban { out.append(.init(source: "DiaBan", objective: d.objective, bound: d.bound, proven: d.status == "optimal")) }
        let c = objectiveConstant ?? 0
        let reference = diaban?.objective ?? diaban?.bound
        for (name, run) in [("CBC", cbc), ("HiGHS", highs)] {
            guard let run, run.status != "missing", run.status != "failed" else { continue }
            var shift = 0.0
            if c != 0, let reference, let o = run.objective ?? run.bound {
                shift = [0, -c, c].min { abs(o + $0 - reference) < abs(o + $1 - reference) }!
            }
            out.append(.init(source: name, objective: run.objective.map { $0 + shift }, bound: run.bound.map { $0 + shift },
                             proven: run.status == "optimal"))
        }
        return out
    }
}

/// The sweep over its cases, by capacity ratio: what the targets and the table read.
public struct SweepSummary: Sendable, Equatable {
    public var capacityRatio: Double?
    public var count: Int
    public var proven: Int
    public var provenWithin: Int
    public var seconds: Summary?
    /// Cases with peers where a peer proved: how many, and how many DiaBan was no slower than the faster.
    public var peered: Int
    public var noSlower: Int
    public var worstRatio: Double?

    public init(_ cases: [SweepCaseResult], capacityRatio: Double?, within: Double = SweepCase.provenWithin) {
        self.capacityRatio = capacityRatio
        count = cases.count
        proven = cases.filter(\.proven).count
        provenWithin = cases.filter { $0.proven && ($0.seconds ?? .infinity) <= within }.count
        seconds = Summary(cases.map(\.seconds))
        let ratios = cases.compactMap(\.ratioToFasterPeer)
        peered = ratios.count
        noSlower = cases.filter { c in c.ratioToFasterPeer.map { $0 <= 1 && c.proven } ?? false }.count
        worstRatio = ratios.max()
    }
}
