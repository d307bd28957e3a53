import DiaBanTestSupport
import Foundation
import Testing

@Suite("diaban compare", .enabled(if: CLI.binary != nil))
struct CompareCLITests {
    @Test("The baseline and a what-if: the whole text output, exit 0")
    func text() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["compare", "base.yaml", "what-if-leave.yaml", "--quiet"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        try expectGolden(r.stdout, Golden.compareText, name: "CompareText")
    }

    @Test("A scenario compared with itself shows no difference")
    func itself() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["compare", "base.yaml", "base.yaml", "--format", "json", "--quiet"], in: s.dir)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "diaban.compare/1")
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["label"] as? String } == ["base", "base (2)"])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count > 10)
        for row in rows {
            let differences = try #require(row["differences"] as? [Any])
            #expect(differences.count == 2)
            #expect(differences[0] is NSNull)
            #expect((differences[1] as? Double) == 0, "\(row["key"] ?? "")")
        }
        #expect((json["communes"] as? [Any])?.isEmpty == true)
        let text = try CLI.run(["compare", "base.yaml", "base.yaml", "--quiet"], in: s.dir).stdout
        #expect(text.contains("Communes whose officers differ between the plans: 0\n"))
    }

    @Test("An infeasible scenario shows so in its column, the others still show, exit 2")
    func infeasible() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["compare", "base.yaml", "what-if-hard.yaml", "what-if-leave.yaml", "--quiet"], in: s.dir)
        #expect(r.status == 2)
        let status = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Status ") })
        #expect(status.split(separator: " ", omittingEmptySubsequences: true) == ["Status", "optimal", "infeasible", "optimal"])
        let objective = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Objective (points)") })
        #expect(objective.split(separator: " ", omittingEmptySubsequences: true).count == 5)
        #expect(objective.contains("—"))
        #expect(r.stdout.contains("hard: "), "the reasons of the infeasible scenario are named")
    }

    @Test("Parallel and sequential runs print the same, byte for byte")
    func parallelEqualsSequential() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let files = ["base.yaml", "what-if-leave.yaml", "what-if-hard.yaml", "base.yaml", "what-if-leave.yaml"]
        for format in ["text", "csv", "markdown"] {
            let parallel = try CLI.run(["compare"] + files + ["--format", format, "--jobs", "4", "--quiet"], in: s.dir)
            let sequential = try CLI.run(["compare"] + files + ["--format", format, "--sequential", "--quiet"], in: s.dir)
            #expect(parallel.status == 2 && sequential.status == 2)
            #expect(parallel.stdout == sequential.stdout, "\(format)")
        }
        func withoutTimings(_ text: String) throws -> NSDictionary {
            var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            json["timings"] = nil
            return json as NSDictionary
        }
        let a = try CLI.run(["compare"] + files + ["--format", "json", "--jobs", "3", "--quiet"], in: s.dir)
        let b = try CLI.run(["compare"] + files + ["--format", "json", "--sequential", "--quiet"], in: s.dir)
        #expect(try withoutTimings(a.stdout) == withoutTimings(b.stdout))
    }

    @Test("CSV and Markdown carry the same table")
    func formats() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let csv = try CLI.run(["compare", "base.yaml", "what-if-leave.yaml", "--format", "csv", "--quiet"], in: s.dir)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "kind,key,label,base,leave")
        #expect(lines.contains("status,status,Status,optimal,optimal"))
        #expect(lines.contains { $0.hasPrefix("value,objective,Objective (points),") })
        #expect(lines.contains { $0.hasPrefix("commune,30004,Phường Phố,O2,") })
        let md = try CLI.run(["compare", "base.yaml", "what-if-leave.yaml", "--format", "markdown", "--quiet"], in: s.dir)
        #expect(md.stdout.hasPrefix("# DiaBan compare — 2 scenarios\n"))
        #expect(md.stdout.contains("| Status | optimal | optimal |"))
    }

    @Test("Progress goes to stderr, one line per scenario and a total")
    func progress() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["compare", "base.yaml", "what-if-leave.yaml", "--jobs", "2", "--format", "json"], in: s.dir)
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.filter { $0.hasPrefix("[") }.count == 2)
        #expect(lines.last?.hasPrefix("2 scenarios in ") == true)
        #expect(r.stdout.hasPrefix("{"))
    }

    @Test("Bad data in any file: every problem with file and line, exit 65, nothing solved")
    func badData() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["compare", "base.yaml", "what-if-typo.yaml"], in: s.dir)
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("what-if-typo.yaml:6:"), "\(r.stderr)")
        #expect(r.stderr.contains("No officer has the id O9."))
    }

    @Test("Usage errors exit 64", arguments: [
        ["compare"],
        ["compare", "base.yaml", "--jobs", "0"],
        ["compare", "base.yaml", "--sequential", "--jobs", "2"],
        ["compare", "base.yaml", "no-such-file.yaml"],
        ["compare", "base.yaml", "--format", "geojson"],
    ])
    func usage(args: [String]) throws {
        let s = try Scenarios()
        defer { s.remove() }
        #expect(try CLI.run(args, in: s.dir).status == 64)
    }
}
