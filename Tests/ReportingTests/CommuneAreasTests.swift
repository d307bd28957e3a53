import DiaBanCore
import Foundation
@testable import Reporting
import Testing

/// The approximate areas of communes: checked with tests that do not use the construction
/// (ray-casting point-in-polygon, shoelace areas, random sample points).
@Suite("Approximate commune areas")
struct CommuneAreasTests {
    /// Every unit of the country, from the national table (no field there holds a comma).
    static let country: [Commune] = {
        let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/vietnam/data/communes.csv"), encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        let col = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        return lines.dropFirst().map { f in
            Commune(code: f[col["code"]!], name: f[col["name"]!], kind: .xa, terrain: .lowland, areaKm2: Double(f[col["area_km2"]!]),
                    location: GeoPoint(lat: Double(f[col["lat"]!])!, lon: Double(f[col["lon"]!])!), workload: 1)
        }
    }()

    /// Local plane in km, as a person measures the map (independent of the code's own).
    static func plane(_ cells: [CommuneAreas.Cell], around communes: [Commune]) -> (centres: [String: (Double, Double)], rings: [String: [(Double, Double)]]) {
        let lat0 = communes.map(\.location.lat).reduce(0, +) / Double(communes.count)
        let f = cos(lat0 * .pi / 180) * 111.195
        let p = { (g: GeoPoint) in (g.lon * f, g.lat * 111.195) }
        return (Dictionary(uniqueKeysWithValues: communes.map { ($0.code, p($0.location)) }),
                Dictionary(uniqueKeysWithValues: cells.map { ($0.code, $0.ring.map(p)) }))
    }

    /// Even-odd ray casting.
    static func inside(_ q: (Double, Double), _ ring: [(Double, Double)]) -> Bool {
        var odd = false
        var j = ring.count - 1
        for i in ring.indices {
            let (xi, yi) = ring[i], (xj, yj) = ring[j]
            if (yi > q.1) != (yj > q.1), q.0 < (xj - xi) * (q.1 - yi) / (yj - yi) + xi { odd.toggle() }
            j = i
        }
        return odd
    }

    static func area(_ ring: [(Double, Double)]) -> Double {
        var a = 0.0
        for i in ring.indices {
            let (x1, y1) = ring[i], (x2, y2) = ring[(i + 1) % ring.count]
            a += x1 * y2 - x2 * y1
        }
        return a / 2
    }

    @Test("Nghệ An: every commune has a cell holding its centre, no larger than its disc; no two cells overlap")
    func ngheAn() throws {
        let communes = try BundledSolve.get().scenario.communes
        let cells = CommuneAreas.cells(of: communes)
        #expect(cells.map(\.code) == communes.map(\.code))
        let (centres, rings) = Self.plane(cells, around: communes)
        let median = communes.compactMap(\.areaKm2).filter { $0 > 0 }.sorted()[communes.count / 2]
        for c in communes {
            let ring = try #require(rings[c.code])
            #expect(Self.inside(centres[c.code]!, ring), "\(c.name)'s centre is outside its cell")
            let a = Self.area(ring)
            #expect(a > 0, "\(c.name)'s cell is not counter-clockwise or is empty")
            let real = (c.areaKm2 ?? 0) > 0 ? c.areaKm2! : median
            #expect(a <= 2 * real * 1.01, "\(c.name): cell of \(a) km² against a disc of \(2 * real) km²")
            for (other, point) in centres where other != c.code {
                #expect(!Self.inside(point, ring), "\(c.name)'s cell holds the centre of \(other)")
            }
        }
        // No vertex of a cell lies strictly inside another cell.
        for a in cells {
            for b in cells where b.code != a.code {
                for v in rings[a.code]! where Self.inside(v, rings[b.code]!) {
                    // A shared edge's vertex may be found on either side by rounding: allow 1 m.
                    let nudged = (v.0 + (centres[a.code]!.0 - v.0) * 1e-6, v.1 + (centres[a.code]!.1 - v.1) * 1e-6)
                    #expect(!Self.inside(nudged, rings[b.code]!), "cells of \(a.code) and \(b.code) overlap")
                }
            }
        }
        // The cells cover most of the province: their total is between half and twice the real total.
        let total = cells.map { Self.area(rings[$0.code]!) }.reduce(0, +)
        let real = communes.compactMap(\.areaKm2).reduce(0, +)
        #expect(total > real / 2 && total < real * 2, "cells \(total) km² against \(real) km²")
    }

    @Test("the country: 3,321 cells, no sample point in two of them, each centre in its own, the same on every run")
    func country() throws {
        let communes = Self.country
        try #require(communes.count == 3_321)
        let cells = CommuneAreas.cells(of: communes)
        #expect(cells.count == communes.count)
        #expect(cells == CommuneAreas.cells(of: communes), "the cells differ between two runs")
        let (centres, rings) = Self.plane(cells, around: communes)
        for c in communes { #expect(Self.inside(centres[c.code]!, rings[c.code]!), "\(c.code)'s centre is outside its cell") }
        // Seeded sample points inside the cells' bounding boxes: none lies in two cells.
        var boxes: [(code: String, minX: Double, maxX: Double, minY: Double, maxY: Double)] = []
        for (code, ring) in rings {
            boxes.append((code, ring.map(\.0).min()!, ring.map(\.0).max()!, ring.map(\.1).min()!, ring.map(\.1).max()!))
        }
        boxes.sort { $0.code < $1.code }
        var state: UInt64 = 20250701
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for k in 0..<4_000 {
            let b = boxes[k % boxes.count]
            let q = (b.minX + next() * (b.maxX - b.minX), b.minY + next() * (b.maxY - b.minY))
            let holders = boxes.filter { q.0 >= $0.minX && q.0 <= $0.maxX && q.1 >= $0.minY && q.1 <= $0.maxY }
                .filter { Self.inside(q, rings[$0.code]!) }.map(\.code)
            #expect(holders.count <= 1, "\(q) lies in \(holders)")
        }
    }

    @Test("a commune alone is its disc; two communes split at the bisector; the same point twice gives one cell")
    func handMade() {
        func commune(_ code: String, _ lon: Double, area: Double?) -> Commune {
            Commune(code: code, name: code, kind: .xa, terrain: .lowland, areaKm2: area, location: GeoPoint(lat: 0, lon: lon), workload: 1)
        }
        let alone = CommuneAreas.cells(of: [commune("A", 0, area: 50)])
        let ring = Self.plane(alone, around: [commune("A", 0, area: 50)]).rings["A"]!
        #expect(abs(Self.area(ring) - 100) < 1e-6, "the disc polygon has twice the area: \(Self.area(ring))")
        // Two communes 4 km apart, each with a disc of radius ~8 km: the cut is the bisector x = 2 km.
        let km = 1 / 111.195
        let pair = [commune("A", 0, area: 100), commune("B", 4 * km, area: 100)]
        let split = Self.plane(CommuneAreas.cells(of: pair), around: pair)
        #expect(split.rings["A"]!.allSatisfy { $0.0 <= 2 + 1e-9 } && split.rings["A"]!.contains { abs($0.0 - 2) < 1e-9 })
        #expect(split.rings["B"]!.allSatisfy { $0.0 >= 2 - 1e-9 })
        let twice = CommuneAreas.cells(of: [commune("B", 0, area: 10), commune("A", 0, area: 10)])
        #expect(twice.map(\.code) == ["A"])
    }
}
