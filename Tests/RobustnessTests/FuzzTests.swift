import DiaBanCore
import DiaBanTestSupport
import Foundation
import GLPKSolver
import Planning
import ScenarioIO
import Testing

/// A seeded mutation fuzzer for the YAML and CSV readers, run in CI: valid scenario files are
/// mutated (byte flips, truncations, insertions of quotes, commas, line breaks, byte-order
/// marks, zero bytes and YAML punctuation, duplicated and swapped lines) and loaded. Every
/// load must end in a scenario or in problems with a file and a plausible line — never a trap.
/// A scenario that still loads is solved as well, with a short limit.
///
/// A crash kills the test process; the inputs of the iteration that crashed are then in the
/// scratch folder printed at the start (`DIABAN_FUZZ_KEEP=1` keeps it). Turn such an input
/// into a corpus case once fixed. `DIABAN_FUZZ_ITERATIONS` and `DIABAN_FUZZ_SECONDS` run
/// longer campaigns (per seed; defaults 250 and 40).
@Suite("Mutation fuzzing of the readers")
struct FuzzTests {
    static let seeds: [UInt64] = Array(1...8)
    static let iterations = Int(ProcessInfo.processInfo.environment["DIABAN_FUZZ_ITERATIONS"] ?? "") ?? 250
    /// A bound on the time one seed may take, whatever the machine.
    static let secondsPerSeed = Double(ProcessInfo.processInfo.environment["DIABAN_FUZZ_SECONDS"] ?? "") ?? 40

    static let tokens: [[UInt8]] = [
        "\"", ",", "\n", "\r\n", "\r", "\u{FEFF}", "\0", ";", "\t", "\"\"", ": ", "- ", "{", "}", "[", "]", "&a ", "*a", "!!binary ",
        "%YAML 1.1\n", "---\n", "...\n", "#", "'", "|\n", ">-\n", "? ", String(repeating: "9", count: 400), "1e309", "-1e309", "nan", "-0",
        "\u{2212}5", "e\u{0301}", "\u{0000}\u{0001}", "~", "null", ".inf", "<<: *a\n", "base: scenario.yaml\n", "  ", ",,,,,,,,", "\"\n\"",
    ].map { Array($0.utf8) } + [[0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<rng.int(1...4) {
            let at = b.isEmpty ? 0 : rng.int(0...b.count)
            switch rng.int(0...7) {
            case 0 where !b.isEmpty: b[min(at, b.count - 1)] = UInt8.random(in: 0...255, using: &rng)
            case 1: b = Array(b.prefix(at))
            case 2, 3: b.insert(contentsOf: rng.pick(tokens), at: at)
            case 4 where !b.isEmpty:
                let end = min(b.count, at + rng.int(1...20))
                b.removeSubrange(min(at, end)..<end)
            case 5, 6:
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let i = rng.int(0...(lines.count - 1)), j = rng.int(0...(lines.count - 1))
                if rng.chance(0.5) { lines.insert(lines[i], at: j) } else { lines.swapAt(i, j) }
                b = Array(lines.joined(separator: [0x0A]))
            default:
                // A number-looking field replaced by a strange one.
                if let comma = b[min(at, b.count)...].firstIndex(of: 0x2C) {
                    b.insert(contentsOf: rng.pick([Array("-1".utf8), Array("1e400".utf8), Array("NaN".utf8), Array("0".utf8), Array("99999999999999999999".utf8), Array("0x10".utf8), Array("1,5".utf8)]), at: comma + 1)
                }
            }
        }
        return b
    }

    @Test("loading mutated scenarios never traps", arguments: seeds)
    func fuzz(seed: UInt64) throws {
        let source = Corpus.root + (seed % 2 == 0 ? "/_tiny" : "/_rich")
        let originals = try FileManager.default.contentsOfDirectory(atPath: source).sorted().map {
            ($0, [UInt8](FileManager.default.contents(atPath: source + "/" + $0)!))
        }
        let scratch = try Scratch()
        let keep = ProcessInfo.processInfo.environment["DIABAN_FUZZ_KEEP"] != nil
        defer { if !keep { scratch.remove() } }
        print("fuzz seed \(seed): inputs of the current iteration are in \(scratch.dir)")
        var rng = SplitMix64(seed: 0xF022 &+ seed)
        let start = Date()
        var loaded = 0, refused = 0, solved = 0
        for iteration in 0..<Self.iterations {
            if Date().timeIntervalSince(start) > Self.secondsPerSeed { break }
            var files: [String: [UInt8]] = [:]
            for (name, bytes) in originals { files[name] = bytes }
            let target = rng.pick(originals.map(\.0))
            files[target] = Self.mutate(files[target]!, &rng)
            if rng.chance(0.2) {  // sometimes a second file as well
                let other = rng.pick(originals.map(\.0))
                files[other] = Self.mutate(files[other]!, &rng)
            }
            for (name, bytes) in files { try scratch.write(name, Data(bytes)) }

            let l: LoadedScenario
            do {
                l = try ScenarioLoader.loadDetailed(path: scratch.path("scenario.yaml"))
            } catch {
                refused += 1
                #expect(!error.errors.isEmpty, "seed \(seed) iteration \(iteration): thrown without a problem")
                for e in error.errors {
                    #expect(!e.file.isEmpty && !e.message.isEmpty, "seed \(seed) iteration \(iteration): \(e)")
                    // A line, when given, is within the file (a table's line or the YAML's).
                    if let line = e.line, let bytes = files[URL(fileURLWithPath: e.file).lastPathComponent] {
                        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
                        #expect(line >= 1 && line <= lines + 1, "seed \(seed) iteration \(iteration): line \(line) of \(lines) in \(e)")
                    }
                }
                continue
            }
            loaded += 1
            // What still loads must plan without trapping, too (briefly: these are tiny).
            guard solved < 40 else { continue }
            solved += 1
            let outcome = try Planner(solver: GLPKSolver()).plan(l.scenario, request: PlanRequest(scenario: l.scenario, timeLimit: 5))
            #expect(outcome.status != .failed, "seed \(seed) iteration \(iteration): solver failure")
            if let plan = outcome.plan, outcome.status == .optimal || outcome.status == .feasible {
                #expect(PlanContext(scenario: l.scenario).hardViolations(plan).isEmpty, "seed \(seed) iteration \(iteration)")
            }
        }
        print("fuzz seed \(seed): \(loaded) loaded (\(solved) solved), \(refused) refused in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        #expect(loaded + refused > 0)
    }
}
