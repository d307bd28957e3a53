import ArgumentParser
import BenchKit
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the benchmark (ladder, peers, engine pieces, compare, trade-off, staffing advice, GAP library) and writes results/NAME.json and .md.",
        discussion: """
            Groups: ladder (nghe-an, ha-tinh, gia-lai, thanh-hoa, invented-500, central-1000, country), peers \
            (glpsol, CBC and HiGHS on the same models), sweep (every province of the national table, three seeds, \
            capacity ratios 1.25 and 1.45; with peers, CBC and HiGHS on the first seed of each), pieces (nghe-an-pieces: the engine with each piece switched off, \
            and GLPK alone), compare (nghe-an-compare: diaban compare of every Nghệ An scenario), tradeoff \
            (nghe-an-tradeoff: diaban tradeoff of the baseline), advice (nghe-an-advice-singles: diaban advise \
            --train 1 --hire 1 --top 10, screened and with --solve-all; nghe-an-advice-joint: --train 3 --hire 2; \
            nghe-an-advice-resilience: --resilience; left out by --quick unless named with --only) and gap \
            (orlib, chu-beasley). Every measured process runs alone. Build diaban-bench and diaban in release \
            mode first (benchmarks/run does).

            \(ExitStatus.table)
            """)

    @Option(help: "Groups to run, comma-separated: ladder, peers, pieces, compare, tradeoff, advice, gap, sweep.")
    var cases = BenchConfig.Group.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: "Only these cases by name, comma-separated (e.g. nghe-an,orlib,nghe-an-compare,nghe-an-pieces).") var only: String?
    @Option(name: .customLong("repeat"), help: "Runs per ladder, batch and advice case (default: each case's own: 5 for Nghệ An, 3 mid-size, batches and advice, 1 country; the pieces always run once).")
    var repeats: Int?
    @Flag(help: "A few minutes: Nghệ An and Hà Tĩnh (3 runs) with their peers, the pieces, one compare and one trade-off, gap12, one Chu–Beasley instance per type, and the sweep on Nghệ An and Hà Tĩnh (one seed, both ratios).") var quick = false
    @Option(name: .customLong("gap-time-limit"), help: "Seconds per GAP instance (default: 60 for orlib, 10 for chu-beasley).")
    var gapTimeLimit: Double?
    @Option(name: .customLong("gap-options"), help: "GLPK options of the GAP solves, key=value,... (as diaban solve --glpk; default: each set's best).")
    var gapOptions: String?
    @Option(name: .customLong("sweep-provinces"), help: "The sweep's provinces by two-digit code, comma-separated (default: all 34).")
    var sweepProvinces: String?
    @Option(name: .customLong("sweep-seeds"), help: "Seeds per province and capacity ratio in the sweep, 1 to 3 (default 3; 1 with --quick).")
    var sweepSeeds: Int?
    @Option(help: "The results file to write; the .md table is written beside it.") var out = "results/latest.json"

    func validate() throws {
        let groups = cases.split(separator: ",").map(String.init)
        for g in groups where BenchConfig.Group(rawValue: g) == nil {
            throw ValidationError("--cases takes \(BenchConfig.Group.allCases.map(\.rawValue).joined(separator: ", ")); got '\(g)'")
        }
        if let r = repeats, r < 1 || r > 100 { throw ValidationError("--repeat must be between 1 and 100") }
        if let t = gapTimeLimit, !(t > 0) { throw ValidationError("--gap-time-limit must be positive") }
        if let s = sweepSeeds, !(1...SweepCase.seeds.count).contains(s) { throw ValidationError("--sweep-seeds must be between 1 and \(SweepCase.seeds.count)") }
        if !out.hasSuffix(".json") { throw ValidationError("--out must name a .json file") }
        if let only {
            let known = Set(BenchConfig.knownNames)
            for name in only.split(separator: ",").map(String.init) where !known.contains(name) {
                throw ValidationError("--only: unknown case '\(name)'; known: \(known.sorted().joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        var config = BenchConfig()
        config.groups = Set(cases.split(separator: ",").compactMap { BenchConfig.Group(rawValue: String($0)) })
        config.only = only.map { Set($0.split(separator: ",").map(String.init)) }
        config.quick = quick
        config.repeatOverride = repeats
        config.gapTimeLimit = gapTimeLimit
        config.gapOptions = gapOptions
        config.sweepProvinces = sweepProvinces.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
        config.sweepSeeds = sweepSeeds
        config.command = (["diaban-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let paths = try BenchPaths.locate()
        let outPath = out.hasPrefix("/") ? out : paths.bench + "/" + out
        let bench = BenchRun(config: config, paths: paths) { printErr("[\(Self.clock())] " + $0) }
        let file: ResultsFile
        do {
            file = try bench.run()
        } catch {
            printErr("The benchmark failed: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let markdown = file.markdown()
        try writeAtomically(try file.encoded(), to: outPath)
        try writeAtomically(Data(markdown.utf8), to: String(outPath.dropLast(".json".count)) + ".md")
        print(markdown)
        printErr("wrote \(outPath) and its .md")
        if !file.bugs.isEmpty {
            printErr("BUGS FOUND:\n" + file.bugs.map { "  " + $0 }.joined(separator: "\n"))
            throw ExitCode(ExitStatus.flagged)
        }
    }

    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compares two results files and flags regressions beyond a noise band.",
        discussion: """
            A time regresses when its median grows by more than --noise (a fraction) and by more than \
            --min-seconds; a status, a proven optimum, an objective, a gap, peak memory or a target can \
            regress too. Times from different machines, or from a busy machine, are noted as not comparable.

            \(ExitStatus.table)
            """)

    @Argument(help: "The older results file (e.g. results/baseline.json).") var old: String
    @Argument(help: "The newer results file.") var new: String
    @Option(help: "Noise band: the fraction a median time may grow before it counts as a regression.") var noise = 0.15
    @Option(name: .customLong("min-seconds"), help: "Differences below this many seconds are never regressions.") var minSeconds = 0.05

    func validate() throws {
        guard noise >= 0 && noise < 10 else { throw ValidationError("--noise must be a fraction, e.g. 0.15") }
        guard minSeconds >= 0 else { throw ValidationError("--min-seconds must not be negative") }
    }

    func run() throws {
        let a: ResultsFile, b: ResultsFile
        do {
            a = try ResultsFile.read(path: try Self.resolve(old))
            b = try ResultsFile.read(path: try Self.resolve(new))
        } catch {
            printErr("\(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let comparison = Comparison(old: a, new: b, noise: noise, minSeconds: minSeconds)
        print(comparison.text(oldName: old, newName: new), terminator: "")
        if !comparison.regressions.isEmpty { throw ExitCode(ExitStatus.flagged) }
    }

    /// `path` as given, else relative to the benchmarks folder (so that `results/baseline.json`
    /// works from the repository root too).
    static func resolve(_ path: String) throws -> String {
        if path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) { return path }
        if let bench = try? BenchPaths.locate().bench, FileManager.default.fileExists(atPath: bench + "/" + path) {
            return bench + "/" + path
        }
        return path
    }
}

struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prints the readable table of a results file (as written beside it).")
    @Argument(help: "A results file.") var file: String

    func run() throws {
        do {
            print(try ResultsFile.read(path: file).markdown(), terminator: "")
        } catch {
            printErr("\(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}
