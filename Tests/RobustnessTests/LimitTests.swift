import DiaBanTestSupport
import Foundation
import Testing

/// The time limit is a wall-clock promise for the whole command, and Ctrl-C stops a solve with
/// the best plan so far, exit 130 and nothing half-written. Both on a generated scenario of
/// 400 communes that GLPK does not finish in a few seconds.
@Suite("Time limit and Ctrl-C", .serialized, .enabled(if: Diaban.isBuilt, "diaban is not built beside the tests"))
struct LimitTests {
    /// `diaban generate --synthetic --communes 400` into a scratch folder.
    static func hardScenario() throws -> Scratch {
        let s = try Scratch()
        let run = try Diaban.run(["generate", "--synthetic", "--communes", "400", "--seed", "7", "--out", "scenario"], in: s.dir, timeout: 60)
        #expect(run.status == 0, "\(run)")
        return s
    }

    /// The promise: the limit plus one second, or plus 10 %, whichever is larger.
    static func allowance(_ limit: Double) -> Double { limit + max(1, 0.1 * limit) }

    @Test("--time-limit 3 returns within 4 s with the best plan and its gap")
    func timeLimitWithPlan() throws {
        let s = try Self.hardScenario()
        defer { s.remove() }
        let run = try Diaban.run(["solve", "scenario/scenario.yaml", "--time-limit", "3"], in: s.dir, timeout: 60)
        print("diaban solve --time-limit 3 (400 communes): exit \(run.status) in \(String(format: "%.2f", run.seconds)) s")
        #expect(run.exited, "\(run)")
        #expect(run.seconds <= Self.allowance(3), "diaban solve --time-limit 3 took \(String(format: "%.2f", run.seconds)) s (allowed \(Self.allowance(3)) s)")
        if run.status == 0 {
            #expect(run.stdout.contains("Status:     feasible, not proven optimal (gap") || run.stdout.contains("Status:     optimal"), "\(run)")
            #expect(run.stdout.contains("gap"), "\(run)")
        } else {
            #expect(run.status == 3, "\(run)")
            #expect(run.stdout.contains("no solution within the time limit"), "\(run)")
        }
    }

    @Test("--time-limit 1 without a warm start: exit 3, on time", arguments: [1.0, 2.0])
    func timeLimitWithoutPlan(_ limit: Double) throws {
        let s = try Self.hardScenario()
        defer { s.remove() }
        let run = try Diaban.run(["solve", "scenario/scenario.yaml", "--time-limit", String(limit), "--no-warm-start", "--quiet"], in: s.dir, timeout: 60)
        #expect(run.exited, "\(run)")
        #expect(run.seconds <= Self.allowance(limit), "took \(String(format: "%.2f", run.seconds)) s (allowed \(Self.allowance(limit)) s)")
        #expect(run.status == 0 || run.status == 3, "\(run)")
        if run.status == 3 { #expect(run.stdout.contains("no solution within the time limit"), "\(run)") }
    }

    @Test("Ctrl-C after 2 s: exit 130, marked as interrupted, earlier --out files untouched, no temporary file")
    func interrupt() throws {
        let s = try Self.hardScenario()
        defer { s.remove() }
        // A first run writes res/ (a quick one, with a short limit).
        let first = try Diaban.run(["solve", "scenario/scenario.yaml", "--time-limit", "2", "--quiet", "--out", "res"], in: s.dir, timeout: 60)
        #expect(first.status == 0, "\(first)")
        let before = s.snapshot("res")
        #expect(before.count == 5)

        let run = try Diaban.run(["solve", "scenario/scenario.yaml", "--time-limit", "60", "--out", "res"], in: s.dir, timeout: 40, interruptAfter: 2)
        #expect(run.exited, "diaban was killed by the signal instead of handling it: \(run)")
        #expect(run.status == 130, "\(run)")
        #expect(run.seconds < 12, "took \(run.seconds) s to stop after Ctrl-C")
        #expect(run.stderr.contains("interrupted"), "\(run)")
        #expect(run.stdout.contains("Status:     interrupted"), "\(run)")
        #expect(run.crashWordsFound.isEmpty, "\(run)")
        // The earlier files are as they were, and nothing else is in the folder.
        #expect(s.snapshot("res") == before, "the interrupted run changed res/: \(s.files(under: "res"))")
        #expect(!s.files().contains { $0.hasSuffix(".tmp") }, "a temporary file was left: \(s.files())")
    }

    @Test("Ctrl-C with --format json: stdout is one JSON document whose status is interrupted")
    func interruptJSON() throws {
        let s = try Self.hardScenario()
        defer { s.remove() }
        let run = try Diaban.run(["solve", "scenario/scenario.yaml", "--time-limit", "60", "--format", "json", "--out", "fresh"], in: s.dir, timeout: 40, interruptAfter: 2)
        #expect(run.status == 130, "\(run)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["status"] as? String == "interrupted", "\(run.stdout.prefix(500))")
        // Either complete files or none; never a part.
        let files = s.files(under: "fresh")
        #expect(files.isEmpty || files == OutputSafetyTests.outputs, "\(files)")
    }
}
