import DiaBanTestSupport
import Foundation
import Testing

@Suite("diaban solve --format geojson --areas")
struct AreasCLITests {
    @Test("each commune as a Polygon, the collection saying what the polygons are; the same bytes twice")
    func polygons() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let first = try CLI.run(["solve", "base.yaml", "--format", "geojson", "--areas", "--quiet"], in: s.dir)
        #expect(first.status == 0, "\(first.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect((root["areas"] as? String)?.contains("not legal boundaries") == true)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 5)
        #expect(features.allSatisfy { ($0["geometry"] as? [String: Any])?["type"] as? String == "Polygon" })
        let again = try CLI.run(["solve", "base.yaml", "--format", "geojson", "--areas", "--quiet"], in: s.dir)
        #expect(again.stdout == first.stdout)
        let points = try CLI.run(["solve", "base.yaml", "--format", "geojson", "--quiet"], in: s.dir)
        #expect(points.stdout.contains("\"Point\"") && !points.stdout.contains("\"Polygon\"") && !points.stdout.contains("\"areas\""))
    }

    @Test("--areas without --format geojson is a usage error")
    func usage() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["solve", "base.yaml", "--areas"], in: s.dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--format geojson"), "\(r.stderr)")
    }
}
