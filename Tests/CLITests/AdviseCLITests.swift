import DiaBanTestSupport
import Foundation
import Testing

@Suite("diaban advise", .enabled(if: CLI.binary != nil))
struct AdviseCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// An advice table (`key` of the scenario's `advice:`) with bad rows: the run exits 65, its
    /// message holds every `expected` piece (file:line, field, did you mean), and writes nothing.
    static func expectTableRefused(_ file: String, rows: String, key: String, budget: [String], expected: [String]) throws {
        let s = try Scenarios()
        defer { s.remove() }
        try s.write(file, rows)
        try s.write("with-table.yaml", "name: Thử, with an advice table\nbase: base.yaml\nadvice: {\(key): \(file)}\n")
        let r = try CLI.run(["advise", "with-table.yaml"] + budget + ["--out", "out", "--quiet"], in: s.dir)
        #expect(r.status == 65, "\(r.stderr)")
        for piece in expected { #expect(r.stderr.contains(piece), "\(piece): \(r.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/out"))
    }

    @Test("Every what-if it writes re-solves to the stated gain; the same input gives the same output")
    func whatIfsReSolve() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let args = ["advise", "base.yaml", "--train", "2", "--hire", "1", "--move-base", "1", "--top", "3", "--format", "json", "--out", "out", "--quiet", "--jobs", "2"]
        let r = try CLI.run(args, in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        #expect(doc["schema"] as? String == "diaban.advice/1")
        let baseline = try #require((doc["baseline"] as? [String: Any])?["objective"] as? Double)
        let singles = try #require(doc["singles"] as? [[String: Any]])
        #expect(!singles.isEmpty)
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/out"))
        var checked = 0
        for single in singles where written.contains(single["whatIf"] as? String ?? "") {
            let file = "out/" + (single["whatIf"] as! String)
            let solved = try CLI.run(["solve", file, "--format", "json", "--quiet"], in: s.dir)
            #expect(solved.status == 0, "\(file): \(solved.stderr)")
            let objective = try #require(try Self.json(solved.stdout)["objective"] as? Double)
            let gain = try #require(single["gain"] as? Double)
            #expect(abs((baseline - objective) - gain) <= 0.01 + 1e-4 * abs(baseline), "\(file): gain \(gain), re-solved \(baseline - objective)")
            checked += 1
        }
        #expect(checked >= 3)
        let joint = try #require(doc["joint"] as? [String: Any])
        #expect(written.contains("what-if-combination.yaml"))
        let solved = try CLI.run(["solve", "out/what-if-combination.yaml", "--format", "json", "--quiet"], in: s.dir)
        #expect(solved.status == 0, "\(solved.stderr)")
        #expect(written.isSuperset(of: ["advice.json", "advice.md", "advice.txt"]))
        #expect(joint["status"] as? String == "optimal")
        let again = try CLI.run(args, in: s.dir)
        func withoutTimes(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n")
        }
        #expect(withoutTimes(again.stdout) == withoutTimes(r.stdout))
    }

    @Test("A negative or non-integer budget is a usage error (64); nothing is written")
    func badBudget() throws {
        let s = try Scenarios()
        defer { s.remove() }
        for bad in [["--train=-1"], ["--hire", "1.5"], ["--move-base", "two"]] {
            let r = try CLI.run(["advise", "base.yaml", "--out", "out"] + bad, in: s.dir)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("whole number"))
            #expect(!FileManager.default.fileExists(atPath: s.dir + "/out"))
        }
        let none = try CLI.run(["advise", "base.yaml"], in: s.dir)
        #expect(none.status == 64)
    }

    @Test("No valid plan: exit 2 with the reasons, nothing written")
    func infeasible() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["advise", "what-if-hard.yaml", "--train", "1", "--out", "out", "--quiet"], in: s.dir)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("urban-management"))
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/out"))
    }

    @Test("Resilience: a cost or the reasons for every officer, and the bench")
    func resilience() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["advise", "base.yaml", "--resilience", "--format", "json", "--quiet"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        let departures = try #require(doc["departures"] as? [[String: Any]])
        #expect(Set(departures.compactMap { $0["officer"] as? String }) == ["O1", "O2", "O3"])
        for d in departures {
            #expect(d["cost"] is Double || !((d["reasons"] as? [String]) ?? []).isEmpty, "\(d)")
        }
        // O2 is the only urban-management holder: Phường Phố hangs on them.
        let o2 = try #require(departures.first { $0["officer"] as? String == "O2" })
        #expect((o2["lastQualifiedFor"] as? [String]) == ["30004 urban-management"])
        let bench = try #require(doc["bench"] as? [[String: Any]])
        #expect(bench.compactMap { $0["specialty"] as? String } == ["border-security", "urban-management"])
    }
}

@Suite("diaban advise: the training table", .enabled(if: CLI.binary != nil))
struct AdviseTrainingTableTests {
    @Test("Unknown officers and specialties: exit 65 with file, line and field, and did you mean; nothing written")
    func unknownNames() throws {
        try AdviseCLITests.expectTableRefused(
            "training.csv", rows: "officer,specialty,cost\nO1,urban-management,5\nO9,border-security,3\nO3,border-securty,2\n",
            key: "training", budget: ["--train", "1"],
            expected: ["training.csv:3", "officer O9", "training.csv:4", "Did you mean border-security?"])
    }

    @Test("A training listed twice is refused at its second row, which names the first")
    func repeatedRow() throws {
        try AdviseCLITests.expectTableRefused(
            "training.csv", rows: "officer,specialty,cost\nO1,urban-management,5\nO3,border-security,3\nO1,urban-management,2\n",
            key: "training", budget: ["--train", "1"], expected: ["training.csv:4", "listed twice (first on line 2)"])
    }

    @Test("The table narrows the trainings to its rows and carries their cost")
    func narrows() throws {
        let s = try Scenarios()
        defer { s.remove() }
        try s.write("training.csv", "officer,specialty,cost\nO3,urban-management,5\nO3,border-security,2\n")
        try s.write("with-training.yaml", "name: Thử, with a training table\nbase: base.yaml\nadvice: {training: training.csv}\n")
        let r = try CLI.run(["advise", "with-training.yaml", "--train", "1", "--format", "json", "--quiet"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try AdviseCLITests.json(r.stdout)
        let singles = try #require(doc["singles"] as? [[String: Any]])
        #expect(Set(singles.compactMap { $0["key"] as? String }) == ["train-O3-urban-management", "train-O3-border-security"])
        #expect(Set(singles.compactMap { $0["cost"] as? Double }) == [5, 2])
    }
}

@Suite("diaban advise with a hires table", .serialized)
struct AdviseHireTableTests {
    @Test("Unknown places and specialties: exit 65 with file, line and field, and did you mean; nothing written")
    func unknownNames() throws {
        try AdviseCLITests.expectTableRefused(
            "hires.csv", rows: "place,specialties\n30001,border-security\n30009,border-security\nheadquarters,urban-managment\n",
            key: "hires", budget: ["--hire", "1"],
            expected: ["hires.csv:3", "place 30009", "hires.csv:4", "Did you mean urban-management?"])
    }

    @Test("A hire listed twice (its specialties in another order) is refused at its second row, which names the first")
    func repeatedRow() throws {
        try AdviseCLITests.expectTableRefused(
            "hires.csv", rows: "place,specialties\n30001,border-security;urban-management\n30002,border-security\n30001,urban-management;border-security\n",
            key: "hires", budget: ["--hire", "1"], expected: ["hires.csv:4", "listed twice (first on line 2)"])
    }

    @Test("The table narrows the hires to its places, each with its specialties, and the what-if re-solves to the stated points")
    func narrows() throws {
        let s = try Scenarios()
        defer { s.remove() }
        try s.write("hires.csv", "place,specialties\n30002,border-security\nheadquarters,urban-management;border-security\n")
        try s.write("with-hires.yaml", "name: Thử, with a hires table\nbase: base.yaml\nadvice: {hires: hires.csv}\n")
        let r = try CLI.run(["advise", "with-hires.yaml", "--hire", "1", "--format", "json", "--quiet", "--out", "out"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try AdviseCLITests.json(r.stdout)
        let singles = try #require(doc["singles"] as? [[String: Any]])
        #expect(Set(singles.compactMap { $0["key"] as? String })
                == ["hire-30002-border-security", "hire-headquarters-border-security-urban-management"])
        // The best hire's what-if, solved, gives the points the advice states.
        let first = try #require(singles.first)
        let file = try #require(first["whatIf"] as? String)
        let stated = try #require((first["with"] as? [String: Any])?["objective"] as? Double)
        let solved = try CLI.run(["solve", "out/" + file, "--format", "json", "--quiet"], in: s.dir)
        #expect(solved.status == 0, "\(solved.stderr)")
        let objective = try #require(try AdviseCLITests.json(solved.stdout)["objective"] as? Double)
        #expect(abs(objective - stated) <= 0.01, "the what-if solves to \(objective), the advice said \(stated)")
    }
}
