import DiaBanCore
import Foundation

/// Equirectangular projection for the report's map: longitude scaled by the cosine of the mean
/// latitude, fitted to the points' bounding box with a margin. North is up; y grows downwards
/// as in SVG. Deterministic: the same points give the same numbers.
struct MapProjection: Sendable, Equatable {
    let minLon: Double, maxLon: Double, minLat: Double, maxLat: Double
    /// cos(mean latitude): km per degree of longitude over km per degree of latitude.
    let lonFactor: Double
    /// SVG units per degree of latitude.
    let scale: Double
    let margin: Double
    let width: Double
    let height: Double

    /// Fits `points` into a drawing `width` units wide. An empty or degenerate set gets a
    /// span of at least `minSpan` degrees each way, centred on its points.
    init(fitting points: [GeoPoint], width: Double = 960, margin: Double = 36, minSpan: Double = 0.02) {
        let valid = points.filter(\.isValid)
        let lats = valid.map(\.lat), lons = valid.map(\.lon)
        var lo = (lat: lats.min() ?? 0, lon: lons.min() ?? 0), hi = (lat: lats.max() ?? 0, lon: lons.max() ?? 0)
        if hi.lat - lo.lat < minSpan { let m = (hi.lat + lo.lat) / 2; lo.lat = m - minSpan / 2; hi.lat = m + minSpan / 2 }
        if hi.lon - lo.lon < minSpan { let m = (hi.lon + lo.lon) / 2; lo.lon = m - minSpan / 2; hi.lon = m + minSpan / 2 }
        let meanLat = lats.isEmpty ? 0 : lats.reduce(0, +) / Double(lats.count)
        minLon = lo.lon; maxLon = hi.lon; minLat = lo.lat; maxLat = hi.lat
        lonFactor = cos(meanLat * .pi / 180)
        self.margin = margin
        self.width = width
        scale = (width - 2 * margin) / ((hi.lon - lo.lon) * lonFactor)
        height = ((hi.lat - lo.lat) * scale + 2 * margin).rounded(.up)
    }

    func x(_ lon: Double) -> Double { margin + (lon - minLon) * lonFactor * scale }
    func y(_ lat: Double) -> Double { margin + (maxLat - lat) * scale }
    func point(_ p: GeoPoint) -> (x: Double, y: Double) { (x(p.lon), y(p.lat)) }

    /// SVG units per kilometre (one degree of latitude ≈ 111.195 km on the mean sphere).
    var unitsPerKm: Double { scale / 111.195 }
}

/// Deterministic, well-separated colours for officers: hues step by the golden angle
/// (137.508°) with the officer's index; lightness cycles through three levels so that
/// neighbours on the hue circle still differ.
enum OfficerPalette {
    static let unassigned = "#9aa0a6"

    static func colour(index: Int) -> String {
        let hue = (Double(index) * 137.508).truncatingRemainder(dividingBy: 360)
        let lightness = [42.0, 30.0, 54.0][index % 3]
        let saturation = [72.0, 62.0, 78.0][index % 3]
        return "hsl(\(decimal(hue, 1)) \(decimal(saturation, 0))% \(decimal(lightness, 0))%)"
    }
}

/// Marker shapes of the map, as SVG path data centred on (x, y) with size r.
enum SVGShape {
    /// An upward triangle of about the same area as a circle of radius r.
    static func triangle(_ x: Double, _ y: Double, _ r: Double) -> String {
        let h = r * 1.35, w = r * 1.56
        return "M\(svgNumber(x)) \(svgNumber(y - h))L\(svgNumber(x + w)) \(svgNumber(y + h * 0.62))L\(svgNumber(x - w)) \(svgNumber(y + h * 0.62))Z"
    }

    /// A five-pointed star (the provincial headquarters).
    static func star(_ x: Double, _ y: Double, _ r: Double) -> String {
        var d = ""
        for i in 0..<10 {
            let radius = i % 2 == 0 ? r : r * 0.45
            let angle = -Double.pi / 2 + Double(i) * Double.pi / 5
            d += (i == 0 ? "M" : "L") + svgNumber(x + radius * cos(angle)) + " " + svgNumber(y + radius * sin(angle))
        }
        return d + "Z"
    }

    /// A square (an officer's base).
    static func square(_ x: Double, _ y: Double, _ r: Double) -> String {
        "M\(svgNumber(x - r)) \(svgNumber(y - r))h\(svgNumber(2 * r))v\(svgNumber(2 * r))h\(svgNumber(-2 * r))Z"
    }
}
