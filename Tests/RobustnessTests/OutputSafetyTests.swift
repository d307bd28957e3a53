import DiaBanTestSupport
import Foundation
import Testing

/// Output files are written atomically: a run that fails or is cut short leaves the files of
/// an earlier run as they were, and no run writes over its own inputs.
@Suite("Output files", .enabled(if: Diaban.isBuilt, "diaban is not built beside the tests"))
struct OutputSafetyTests {
    static let outputs = ["decisions.csv", "plan.csv", "plan.json", "report.md", "report.txt"]

    /// A scratch copy of the tiny scenario with a first, successful `--out res` run in it.
    static func solvedOnce() throws -> (Scratch, [String: Data]) {
        let s = try Scratch(copying: Corpus.tiny)
        let first = try Diaban.run(["solve", "scenario.yaml", "--quiet", "--out", "res"], in: s.dir, timeout: 60)
        #expect(first.status == 0, "\(first)")
        let files = s.snapshot("res")
        #expect(files.keys.sorted() == outputs, "\(files.keys.sorted())")
        return (s, files)
    }

    enum Breakage: String, CaseIterable, CustomTestStringConvertible {
        case badData, infeasible, missingTable, exportRefused
        var testDescription: String { rawValue }
    }

    @Test("a second run that fails leaves the first run's files untouched", arguments: Breakage.allCases)
    func failedRunKeepsFiles(_ breakage: Breakage) throws {
        let (s, before) = try Self.solvedOnce()
        defer { s.remove() }
        var args = ["solve", "scenario.yaml", "--quiet", "--out", "res"]
        var expected: Int32 = 65
        switch breakage {
        case .badData:
            try s.write("officers.csv", String(decoding: s.read("officers.csv")!, as: UTF8.self) + "O4,Bad,-1,,\n")
        case .infeasible:
            try s.write("scenario.yaml", String(decoding: s.read("scenario.yaml")!, as: UTF8.self)
                + "forbidden:\n" + ["O1", "O2", "O3"].map { "  - {officer: \($0), commune: \"10003\"}\n" }.joined())
            expected = 2
        case .missingTable:
            try FileManager.default.removeItem(atPath: s.path("current.csv"))
        case .exportRefused:
            args += ["--export-lp", "communes.csv"]
            expected = 64
        }
        let second = try Diaban.run(args, in: s.dir, timeout: 60)
        #expect(second.exited && second.status == expected, "\(second)")
        #expect(s.snapshot("res") == before, "the failed run changed \(s.path("res")): \(s.files(under: "res"))")
    }

    @Test("--export-lp and --export-mps never write over the scenario's own files")
    func exportNeverOverwritesInputs() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        // A what-if on top of a base, with the headquarters in a table: every one is an input.
        try s.write("hq.csv", "name,lat,lon\nHQ,18.675,105.66\n")
        try s.write("base.yaml", String(decoding: s.read("scenario.yaml")!, as: UTF8.self)
            .replacingOccurrences(of: "headquarters: {name: HQ, lat: 18.675, lon: 105.66}", with: "headquarters: hq.csv"))
        try s.write("whatif.yaml", "base: base.yaml\nname: What if\nrules: {maxChanges: 2}\n")
        let inputs = s.snapshot()
        for (option, target) in [("--export-lp", "communes.csv"), ("--export-mps", "./officers.csv"), ("--export-lp", "base.yaml"),
                                 ("--export-mps", "whatif.yaml"), ("--export-lp", "hq.csv"), ("--export-lp", s.path("current.csv"))] {
            let run = try Diaban.run(["solve", "whatif.yaml", "--quiet", option, target], in: s.dir, timeout: 60)
            #expect(run.exited && run.status == 64, "\(option) \(target): \(run)")
            #expect(run.stderr.contains("refusing to write") && run.stderr.contains("input"), "\(option) \(target): \(run)")
            #expect(!run.stdout.contains("Status:"), "\(option) \(target): solved although the export was refused")
        }
        #expect(s.snapshot() == inputs, "an input file changed: \(s.files())")
        // An export elsewhere is written, and is an LP file.
        let ok = try Diaban.run(["solve", "whatif.yaml", "--quiet", "--export-lp", "model.lp"], in: s.dir, timeout: 60)
        #expect(ok.status == 0, "\(ok)")
        #expect(String(decoding: s.read("model.lp") ?? Data(), as: UTF8.self).contains("Minimize"))
    }

    @Test("--out never writes over an input that has an output's name")
    func outNeverOverwritesInputs() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        try FileManager.default.moveItem(atPath: s.path("current.csv"), toPath: s.path("plan.csv"))
        try s.write("scenario.yaml", String(decoding: s.read("scenario.yaml")!, as: UTF8.self).replacingOccurrences(of: "current.csv", with: "plan.csv"))
        let inputs = s.snapshot()
        let run = try Diaban.run(["solve", "scenario.yaml", "--quiet", "--out", "."], in: s.dir, timeout: 60)
        #expect(run.exited && run.status == 64, "\(run)")
        #expect(s.snapshot() == inputs, "files changed: \(s.files())")
    }

    @Test("a successful second run replaces the files, leaving no temporary file behind")
    func successReplaces() throws {
        let (s, before) = try Self.solvedOnce()
        defer { s.remove() }
        try s.write("scenario.yaml", String(decoding: s.read("scenario.yaml")!, as: UTF8.self) + "weights: {travel: 0.5}\n")
        let run = try Diaban.run(["solve", "scenario.yaml", "--quiet", "--out", "res"], in: s.dir, timeout: 60)
        #expect(run.status == 0, "\(run)")
        #expect(s.files(under: "res") == Self.outputs, "\(s.files(under: "res"))")
        #expect(s.snapshot("res") != before)
        let json = try JSONSerialization.jsonObject(with: s.read("res/plan.json")!) as? [String: Any]
        #expect(json?["status"] as? String == "optimal")
    }
}
