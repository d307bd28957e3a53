import DiaBanCore
import Foundation
@testable import Reporting
import Testing

@Suite("Map drawing helpers")
struct MapTests {
    @Test("the projection fits every point inside the margins, north up, with cos(mean latitude) scaling")
    func projection() throws {
        let solve = try BundledSolve.get()
        let points = solve.scenario.communes.map(\.location)
        let p = MapProjection(fitting: points, width: 960, margin: 36)
        for point in points {
            let (x, y) = p.point(point)
            #expect(x >= 36 - 1e-9 && x <= 960 - 36 + 1e-9)
            #expect(y >= 36 - 1e-9 && y <= p.height - 36 + 1e-9)
        }
        let meanLat = points.map(\.lat).reduce(0, +) / Double(points.count)
        #expect(abs(p.lonFactor - cos(meanLat * .pi / 180)) < 1e-12)
        // North is up; one degree east is cos(lat) of one degree north.
        let a = p.point(GeoPoint(lat: 19, lon: 105)), b = p.point(GeoPoint(lat: 19.1, lon: 105)), c = p.point(GeoPoint(lat: 19, lon: 105.1))
        #expect(b.y < a.y)
        #expect(abs((c.x - a.x) / (a.y - b.y) - p.lonFactor) < 1e-9)
    }

    @Test("degenerate inputs still give a finite drawing", arguments: [0, 1, 2])
    func degenerate(points n: Int) {
        let points = Array(repeating: GeoPoint(lat: 18.675, lon: 105.66), count: n)
        let p = MapProjection(fitting: points)
        #expect(p.scale.isFinite && p.scale > 0 && p.height.isFinite && p.height > 0)
        let (x, y) = p.point(GeoPoint(lat: 18.675, lon: 105.66))
        #expect(x.isFinite && y.isFinite)
    }

    @Test("44 officers get 44 different colours, the same every time")
    func palette() {
        let colours = (0..<44).map(OfficerPalette.colour(index:))
        #expect(Set(colours).count == 44)
        #expect(colours == (0..<44).map(OfficerPalette.colour(index:)))
        #expect(colours[0] == "hsl(0.0 72% 42%)")
    }

    @Test("numbers are locale-independent and fixed")
    func numbers() {
        #expect(ReportLanguage.vi.number(1234.5, 1) == "1.234,5")
        #expect(ReportLanguage.en.number(1234.5, 1) == "1,234.5")
        #expect(ReportLanguage.vi.signed(-19, 0) == "−19")
        #expect(ReportLanguage.en.signed(0.004, 2) == "0.00")
        #expect(svgNumber(-0.04) == "0.0")
        #expect(HTML.escape("<a href=\"x\">Đà & 'Nẵng'</a>") == "&lt;a href=&quot;x&quot;&gt;Đà &amp; &#39;Nẵng&#39;&lt;/a&gt;")
    }

    @Test("round ticks cover the range")
    func ticks() {
        #expect(HTMLPage.niceTicks(0, 43) == [0, 10, 20, 30, 40, 50])
        #expect(HTMLPage.niceTicks(3092, 23599) == [0, 5000, 10000, 15000, 20000, 25000])
        let flat = HTMLPage.niceTicks(5, 5)
        #expect(flat.first! < 5 && flat.last! > 5)
    }
}
