import DiaBanCore
import Foundation
import Planning
import Reporting
import Testing

@Suite("GeoJSON of a solve (RFC 7946)")
struct GeoJSONTests {
    /// The parsed FeatureCollection of the bundled solve.
    func collection() throws -> (BundledSolve, [String: Any]) {
        let solve = try BundledSolve.get()
        let data = try GeoJSON.featureCollection(solve.report, scenario: solve.scenario)
        let object = try JSONSerialization.jsonObject(with: data)
        return (solve, try #require(object as? [String: Any], "the top level is not an object"))
    }

    @Test("a FeatureCollection of Point features, as RFC 7946 defines them")
    func structure() throws {
        let (_, root) = try collection()
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil, "RFC 7946 §4: no crs member; coordinates are WGS 84")
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 130)
        var ids = Set<String>()
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            // §3.2: id, when present, is a string or a number.
            let id = try #require(feature["id"] as? String)
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect(feature["properties"] is [String: Any])
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            // §3.1.1: a position is [longitude, latitude], numbers, no more than three.
            let position = try #require(geometry["coordinates"] as? [Any])
            #expect(position.count == 2)
            let numbers = position.compactMap { ($0 as? NSNumber)?.doubleValue }
            #expect(numbers.count == 2)
            if numbers.count == 2 {
                #expect((-180...180).contains(numbers[0]) && (-90...90).contains(numbers[1]))
            }
        }
    }

    @Test("longitude first, every point inside Nghệ An's bounding box and on its commune")
    func coordinates() throws {
        let (solve, root) = try collection()
        let features = try #require(root["features"] as? [[String: Any]])
        let lats = solve.scenario.communes.map(\.location.lat), lons = solve.scenario.communes.map(\.location.lon)
        // Nghệ An spans roughly 103.8–106.0 °E and 18.5–20.0 °N; the data must lie inside.
        #expect(lons.min()! >= 103.8 && lons.max()! <= 106.0)
        #expect(lats.min()! >= 18.5 && lats.max()! <= 20.0)
        let byCode = Dictionary(uniqueKeysWithValues: solve.scenario.communes.map { ($0.code, $0) })
        for feature in features {
            let code = try #require(feature["id"] as? String)
            let commune = try #require(byCode[code])
            let position = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect(position == [commune.location.lon, commune.location.lat])
            #expect((lons.min()!...lons.max()!).contains(position[0]) && (lats.min()!...lats.max()!).contains(position[1]))
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["name"] as? String == commune.name)
            #expect(properties["terrain"] as? String == commune.terrain.rawValue)
        }
    }

    @Test("round-trips the assignment and marks exactly the proposal's moves")
    func assignment() throws {
        let (solve, root) = try collection()
        let features = try #require(root["features"] as? [[String: Any]])
        var planned: [String: [String]] = [:]
        for row in solve.report.assignments { planned[row.commune, default: []].append(row.officer) }
        #expect(!planned.isEmpty, "the bundled solve found no plan")
        let moved = Set(solve.report.moves.map(\.commune))
        for feature in features {
            let code = try #require(feature["id"] as? String)
            let properties = try #require(feature["properties"] as? [String: Any])
            let officers = (properties["officer"] as? String ?? "").split(separator: ";").map(String.init)
            #expect(officers == (planned[code] ?? []).sorted(), "commune \(code)")
            #expect(properties["moved"] as? Bool == moved.contains(code), "commune \(code)")
        }
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let solve = try BundledSolve.get()
        let a = try GeoJSON.featureCollection(solve.report, scenario: solve.scenario)
        let b = try GeoJSON.featureCollection(solve.report, scenario: solve.scenario)
        #expect(a == b)
    }

    @Test("with areas: a closed Polygon per commune, counter-clockwise, holding its centre, and a note of what it is")
    func areas() throws {
        let solve = try BundledSolve.get()
        let data = try GeoJSON.featureCollection(solve.report, scenario: solve.scenario, areas: true)
        #expect(data == (try GeoJSON.featureCollection(solve.report, scenario: solve.scenario, areas: true)))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["areas"] as? String)?.contains("not legal boundaries") == true)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 130)
        let centres = Dictionary(uniqueKeysWithValues: solve.scenario.communes.map { ($0.code, $0.location) })
        for feature in features {
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Polygon")
            let rings = try #require(geometry["coordinates"] as? [[[Double]]])
            #expect(rings.count == 1)
            let ring = rings[0]
            // RFC 7946 §3.1.6: a closed ring of at least four positions; exterior rings counter-clockwise.
            #expect(ring.count >= 4 && ring.first == ring.last)
            var twiceArea = 0.0
            for k in 0..<(ring.count - 1) { twiceArea += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1] }
            #expect(twiceArea > 0)
            let centre = try #require(centres[feature["id"] as? String ?? ""])
            var inside = false
            for k in 0..<(ring.count - 1) {
                let (a, b) = (ring[k], ring[k + 1])
                if (a[1] > centre.lat) != (b[1] > centre.lat), centre.lon < (b[0] - a[0]) * (centre.lat - a[1]) / (b[1] - a[1]) + a[0] { inside.toggle() }
            }
            #expect(inside, "\(feature["id"] ?? "") does not hold its centre")
        }
    }
}
