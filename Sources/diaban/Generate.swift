import ArgumentParser
import DurableFiles
import DiaBanCore
import Foundation
import ScenarioIO

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a synthetic scenario of any size, deterministic by seed.",
        discussion: """
            Modes (choose one):
              --nghe-an-roster       rewrite the bundled Nghệ An roster and current assignment (the \
            officers and current tables named by --scenario); unchanged files are left alone
              --province CODE ...    the real units of one or more provinces of the national table
              --country              the real units of the whole country
              --synthetic --communes N   N invented units
            The last three write scenario.yaml, communes.csv, officers.csv and current.csv into --out, \
            and refuse to replace existing files with other contents unless --force is given.

            Exit codes: 0 written, 64 usage error (also: files exist and --force is not given), 65 bad data.
            """
    )

    @Flag(help: "Regenerate the bundled Nghệ An roster (officers.csv, current.csv).") var ngheAnRoster = false
    @Option(help: "With --nghe-an-roster: the scenario whose communes and tables are used.")
    var scenario = "scenarios/nghe-an/baseline.yaml"
    @Option(name: .customLong("province"), help: "A province by 2-digit code or name (repeatable).") var provinces: [String] = []
    @Flag(help: "Every province of the national table.") var country = false
    @Flag(help: "Invented units instead of real ones (with --communes).") var synthetic = false
    @Option(help: "With --synthetic: how many communes.") var communes: Int?
    @Option(help: "The national table of units.") var nationalTable = "scenarios/vietnam/data/communes.csv"
    @Option(help: "Communes per officer in a generated roster.") var communesPerOfficer = 3.0
    @Option(help: "Total capacity over total workload, per province.") var capacityRatio = 1.45
    @Option(help: "The seed; the same seed writes the same bytes.") var seed: UInt64?
    @Option(help: "The folder to write into (created if needed).") var out: String?
    @Flag(help: "Replace existing files.") var force = false

    func validate() throws {
        let modes = [ngheAnRoster, !provinces.isEmpty, country, synthetic].filter { $0 }.count
        guard modes == 1 else {
            throw ValidationError("Choose exactly one of --nghe-an-roster, --province, --country and --synthetic.")
        }
        if synthetic {
            guard let n = communes else { throw ValidationError("--synthetic needs --communes N.") }
            // The loader reads at most 100,000 communes: generate no more than it can read.
            guard n >= 1 && n <= 100_000 else { throw ValidationError("--communes must be between 1 and 100,000.") }
        } else if communes != nil {
            throw ValidationError("--communes goes with --synthetic only.")
        }
        if !ngheAnRoster && out == nil { throw ValidationError("Give --out DIR, the folder to write the scenario into.") }
        if ngheAnRoster && out != nil { throw ValidationError("--nghe-an-roster writes the tables its --scenario names; --out does not apply.") }
        guard communesPerOfficer >= 1 && communesPerOfficer <= 100 else { throw ValidationError("--communes-per-officer must be between 1 and 100.") }
        guard capacityRatio > 0 && capacityRatio <= 10 else { throw ValidationError("--capacity-ratio must be above 0 and at most 10.") }
    }

    func run() throws {
        if ngheAnRoster { return try writeNgheAnRoster() }
        let source: SyntheticScenario.Source
        if synthetic {
            source = .invented(communes: communes!)
        } else {
            source = .national(table: nationalTable, provinces: country ? nil : provinces)
        }
        let generator = SyntheticScenario(seed: seed ?? 1, communesPerOfficer: communesPerOfficer, capacityRatio: capacityRatio)
        let generated: GeneratedScenario
        do {
            generated = try generator.generate(source, command: commandLine())
        } catch {
            print(Check.report(error))
            throw ExitCode(ExitStatus.badData)
        }
        try write { () throws(AtomicFile.Failure) in try generated.write(to: out!, force: force) }
        print("\(generated.communes.count) communes, \(generated.roster.officers.count) officers in \(generated.provinces.count) province\(generated.provinces.count == 1 ? "" : "s"); check it with: diaban check \((out!.hasSuffix("/") ? out! : out! + "/") + "scenario.yaml")")
    }

    private func writeNgheAnRoster() throws {
        let base: (headquarters: GeoPoint, headquartersName: String, communes: [Commune], tables: [String: String])
        do {
            base = try ScenarioLoader.loadCommunes(path: scenario)
        } catch {
            print(Check.report(error))
            throw ExitCode(ExitStatus.badData)
        }
        let tables = try ScenarioLoader.tablePaths(path: scenario)
        guard let officers = tables["officers"], let current = tables["current"] else {
            print("\(scenario) names no officers or no current table to write.")
            throw ExitCode(ExitStatus.badData)
        }
        let roster = RosterGenerator(seed: seed ?? RosterGenerator.defaultSeed).ngheAn(communes: base.communes, headquarters: base.headquarters)
        try write { () throws(AtomicFile.Failure) in
            try AtomicFile.writeAll([(officers, roster.officersCSV()), (current, roster.currentCSV(communes: base.communes))], force: force)
        }
    }

    private func write(_ body: () throws(AtomicFile.Failure) -> [(path: String, changed: Bool)]) throws {
        do {
            for (path, changed) in try body() { print("\(changed ? "wrote" : "unchanged") \(path)") }
        } catch {
            print(error.message)
            throw ExitCode(ExitStatus.usage)
        }
    }

    private func commandLine() -> String {
        var words = ["diaban generate"]
        if synthetic { words.append("--synthetic --communes \(communes!)") }
        if country { words.append("--country") }
        for p in provinces { words.append("--province \(p)") }
        words.append("--seed \(seed ?? 1)")
        if communesPerOfficer != 3 { words.append("--communes-per-officer \(communesPerOfficer)") }
        if capacityRatio != 1.45 { words.append("--capacity-ratio \(capacityRatio)") }
        return words.joined(separator: " ")
    }
}
