import Foundation

/// A WGS84 point, decimal degrees.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }

    public var isValid: Bool { lat.isFinite && lon.isFinite && abs(lat) <= 90 && abs(lon) <= 180 }

    /// Great-circle distance in km (haversine, mean Earth radius 6,371.0088 km).
    public func greatCircleKm(to other: GeoPoint) -> Double {
        let r = 6371.0088
        let p1 = lat * .pi / 180, p2 = other.lat * .pi / 180
        let dp = p2 - p1, dl = (other.lon - lon) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}
