import DiaBanTestSupport
import Foundation
import Testing

@Suite("diaban tradeoff", .enabled(if: CLI.binary != nil))
struct TradeoffCLITests {
    @Test("The curve as a table and as an SVG chart, exit 0")
    func curve() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["tradeoff", "base.yaml", "--max-changes", "0,1,2,3,4", "--chart", "out/curve.svg", "--quiet"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        try expectGolden(r.stdout, Golden.tradeoffText, name: "TradeoffText")
        let svg = try String(contentsOfFile: s.dir + "/out/curve.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(!svg.contains("href") && !svg.contains("<script") && !svg.contains("url("), "self-contained")
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4 * 5)
        let again = try CLI.run(["tradeoff", "base.yaml", "--max-changes", "0,1,2,3,4", "--chart", "out/curve.svg", "--quiet"], in: s.dir)
        #expect(again.stdout == r.stdout)
        #expect(try String(contentsOfFile: s.dir + "/out/curve.svg", encoding: .utf8) == svg, "the same input gives the same chart")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/out") == ["curve.svg"], "no temporary file is left")
    }

    @Test("Allowing more moves never gives a worse objective (JSON)")
    func monotone() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["tradeoff", "base.yaml", "--from", "0", "--to", "5", "--step", "1", "--format", "json", "--quiet"], in: s.dir)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "diaban.tradeoff/1")
        #expect(json["parameter"] as? String == "maxChanges")
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.map { $0["value"] as? Double } == [0, 1, 2, 3, 4, 5])
        let objectives = points.compactMap { $0["objective"] as? Double }
        #expect(!objectives.isEmpty)
        #expect(zip(objectives, objectives.dropFirst()).allSatisfy { $0 >= $1 }, "\(objectives)")
        for p in points where p["objective"] != nil {
            #expect(p["status"] as? String == "optimal")
            #expect((p["moves"] as? Int ?? 99) <= Int(p["value"] as? Double ?? -1))
        }
    }

    @Test("A continuity-weight sweep: moves fall as each move costs more")
    func weights() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["tradeoff", "base.yaml", "--continuity-weights", "0.1,10,1000", "--format", "csv", "--quiet"], in: s.dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("continuityWeight,status,gap,moves,") == true)
        #expect(lines.count == 4)
        let moves = lines.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[3]) ?? -1 }
        #expect(moves == moves.sorted(by: >), "\(moves)")
    }

    @Test("No point with a plan: exit 2, with the reasons")
    func infeasible() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["tradeoff", "what-if-hard.yaml", "--max-changes", "0,3", "--quiet"], in: s.dir)
        #expect(r.status == 2)
        #expect(r.stdout.contains("Why some points have no valid plan:"))
    }

    @Test("Usage errors exit 64", arguments: [
        ["tradeoff", "base.yaml", "--max-changes", "1,2", "--from", "0"],
        ["tradeoff", "base.yaml", "--max-changes", "1,x"],
        ["tradeoff", "base.yaml", "--max-changes", "-1"],
        ["tradeoff", "base.yaml", "--from", "5", "--to", "2"],
        ["tradeoff", "base.yaml", "--continuity-weights", "5", "--max-changes", "3"],
        ["tradeoff", "base.yaml", "--from", "0", "--to", "1000", "--step", "1"],
        ["tradeoff", "base.yaml", "--chart", "base.yaml", "--max-changes", "1"],
    ])
    func usage(args: [String]) throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(args, in: s.dir)
        #expect(r.status == 64, "\(args): \(r.stderr)")
    }
}
