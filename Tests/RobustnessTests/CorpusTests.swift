import DiaBanTestSupport
import Foundation
import Testing

/// What a corpus case's `expect.txt` says: the exit code, and the texts the output must hold.
///
///     # One line on what is wrong.
///     exit: 65
///     contains: communes.csv:5: code:
///     contains: used twice
///     commands: check          (optional; default: check and solve)
///     args: solve scenario.yaml --decisions decisions.csv   (optional, repeatable: run these
///                              instead of the commands, e.g. for a bad decisions file)
struct Expectation {
    var exit: Int32
    var contains: [String] = []
    var commands = ["check", "solve"]
    var args: [[String]] = []

    init(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var exit: Int32?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { throw ExpectationError(file: file, line: String(line)) }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "exit": exit = Int32(value)
            case "contains": contains.append(value)
            case "commands": commands = value.split(separator: " ").map(String.init)
            case "args": args.append(value.split(separator: " ").map(String.init))
            default: throw ExpectationError(file: file, line: String(line))
            }
        }
        guard let exit else { throw ExpectationError(file: file, line: "(no exit: line)") }
        self.exit = exit
    }

    struct ExpectationError: Error, CustomStringConvertible {
        var file: String
        var line: String
        var description: String { "\(file): cannot read the line \"\(line)\"" }
    }
}

/// Every malformed input of the corpus is refused cleanly by the built binary: the documented
/// exit code, a message naming the file, line and field, and never a crash, a trap, a GLPK
/// abort or a hang.
@Suite("The bad-input corpus", .enabled(if: Diaban.isBuilt, "diaban is not built beside the tests"))
struct CorpusTests {
    @Test("the corpus is large enough and every case says what it expects")
    func corpusShape() throws {
        #expect(Corpus.cases.count >= 40, "only \(Corpus.cases.count) cases")
        for name in Corpus.cases {
            let folder = Corpus.root + "/" + name
            #expect(FileManager.default.fileExists(atPath: folder + "/scenario.yaml"), "\(name) has no scenario.yaml")
            let e = try Expectation(file: folder + "/expect.txt")
            #expect([2, 64, 65].contains(e.exit), "\(name): exit \(e.exit)")
            #expect(!e.contains.isEmpty, "\(name) names no text the message must hold")
        }
    }

    @Test("the tiny scenario the cases derive from is valid and solves")
    func tinyIsValid() throws {
        let check = try Diaban.run(["check", "scenario.yaml"], in: Corpus.tiny, timeout: 30)
        #expect(check.status == 0, "\(check)")
        let solve = try Diaban.run(["solve", "scenario.yaml", "--quiet"], in: Corpus.tiny, timeout: 30)
        #expect(solve.status == 0, "\(solve)")
        #expect(solve.stdout.contains("optimal"))
    }

    @Test("refused cleanly", arguments: Corpus.cases)
    func refusedCleanly(_ name: String) throws {
        let folder = Corpus.root + "/" + name
        let expect = try Expectation(file: folder + "/expect.txt")
        let runs: [(command: String, args: [String])] = expect.args.isEmpty
            ? expect.commands.map { ($0, [$0, "scenario.yaml"] + ($0 == "solve" ? ["--quiet", "--time-limit", "10"] : [])) }
            : expect.args.map { ($0.joined(separator: " "), $0) }
        for (command, args) in runs {
            let run = try Diaban.run(args, in: folder, timeout: 30)
            #expect(!run.timedOut, "\(name): diaban \(command) did not finish in 30 s")
            #expect(run.exited, "\(name): diaban \(command) was killed by a signal: \(run)")
            #expect(run.status == expect.exit, "\(name): diaban \(command): \(run)")
            #expect(run.crashWordsFound.isEmpty, "\(name): diaban \(command) printed \(run.crashWordsFound): \(run)")
            for text in expect.contains {
                #expect(run.output.contains(text), "\(name): diaban \(command) does not say \"\(text)\": \(run)")
            }
            if expect.exit == 65 {
                // Nothing is solved: no plan, no GLPK output.
                #expect(!run.stdout.contains("Status:"), "\(name): diaban \(command) printed a plan for bad data")
            }
        }
    }

    @Test("usage errors exit 64", arguments: [
        ["check", "no/such/file.yaml"], ["solve", "no/such/file.yaml"], ["check", "."], ["solve", "scenario.yaml", "--time-limit", "-1"],
        ["solve", "scenario.yaml", "--time-limit", "nan"], ["solve", "scenario.yaml", "--gap", "inf"], ["solve", "scenario.yaml", "--format", "xml"],
        ["solve", "scenario.yaml", "--glpk", "branching=random"], ["solve"], ["frobnicate"],
        ["solve", "scenario.yaml", "--decisions", "no/such/decisions.csv"], ["register", "show"], ["register", "history", "r.db"],
        ["register", "adopt", "r.db", "--plan", "p.json", "--decisions", "d.csv", "--effective", "2026-13-01", "--reference", "QĐ"],
    ])
    func usage(_ args: [String]) throws {
        let run = try Diaban.run(args, in: Corpus.tiny, timeout: 30)
        #expect(run.exited && run.status == 64, "diaban \(args.joined(separator: " ")): \(run)")
        #expect(run.crashWordsFound.isEmpty, "\(run)")
    }
}
