import DiaBanCore
import Foundation

/// Approximate areas of communes, drawn from their centres and their real areas, for maps.
/// These are not legal boundaries, which are not bundled.
///
/// A commune's cell is the part of the plane closer to its centre than to any other commune's
/// centre (its Voronoi cell), cut by a disc around the centre whose area is `areaMultiple`
/// times the commune's real area, so that cells on a coast or a border do not run off to
/// infinity. The disc is a regular polygon; each neighbour's perpendicular bisector clips it.
/// Only neighbours closer than the disc's diameter can cut it, so a grid index keeps the work
/// near linear in the number of communes.
///
/// Cells never overlap (each lies inside its Voronoi cell), each contains its centre, and the
/// same communes give the same cells, vertex for vertex. The geometry is computed in a local
/// plane in kilometres (longitude scaled by the cosine of the mean latitude) and returned in
/// longitude and latitude.
public enum CommuneAreas {
    /// One commune's cell: its code and its ring of vertices (counter-clockwise on the map, not
    /// closed: the last vertex is not the first repeated).
    public struct Cell: Sendable, Equatable {
        public var code: String
        public var ring: [GeoPoint]
    }

    /// The default disc: twice the commune's real area.
    public static let defaultAreaMultiple = 2.0

    /// The cells of `communes`, in their order. A commune without a known positive area is given
    /// the median area of the others; communes at the very same point share nothing: the one
    /// later in code order gets no cell.
    public static func cells(of communes: [Commune], areaMultiple: Double = defaultAreaMultiple, sides: Int = 48) -> [Cell] {
        let valid = communes.filter(\.location.isValid)
        guard !valid.isEmpty else { return [] }
        let meanLat = valid.map(\.location.lat).reduce(0, +) / Double(valid.count)
        let kmPerDegree = 111.195
        let lonFactor = cos(meanLat * .pi / 180) * kmPerDegree
        let toPlane = { (p: GeoPoint) in Point(x: p.lon * lonFactor, y: p.lat * kmPerDegree) }
        let toGeo = { (p: Point) in GeoPoint(lat: p.y / kmPerDegree, lon: p.x / lonFactor) }

        let areas = valid.compactMap { $0.areaKm2 }.filter { $0 > 0 }.sorted()
        let median = areas.isEmpty ? 100 : areas[areas.count / 2]
        let centres = valid.map { toPlane($0.location) }
        let radii = valid.map { c -> Double in
            let area = c.areaKm2.flatMap { $0 > 0 ? $0 : nil } ?? median
            return (areaMultiple * area / .pi).squareRoot()
        }
        let grid = Grid(points: centres, cell: max(1, radii.max()! * 2))
        let first = Dictionary(valid.indices.map { (Key(centres[$0]), $0) }, uniquingKeysWith: { a, b in valid[a].code <= valid[b].code ? a : b })

        var out: [Cell] = []
        out.reserveCapacity(valid.count)
        for i in valid.indices {
            let c = centres[i]
            guard first[Key(c)] == i else { continue }
            // The disc, as a polygon whose area equals the disc's (its circumradius is scaled up).
            let n = Double(sides)
            let r = radii[i] * (2 * .pi / (n * sin(2 * .pi / n))).squareRoot()
            var ring = (0..<sides).map { k -> Point in
                let a = 2 * .pi * Double(k) / n
                return Point(x: c.x + r * cos(a), y: c.y + r * sin(a))
            }
            // Neighbours that can reach the disc, nearest first (ties by code), each cutting
            // away the half-plane closer to it.
            let reach = 2 * r
            let near = grid.points(within: reach, of: c)
                .filter { $0 != i && centres[$0] != c }
                .map { (index: $0, d: c.distanceSquared(to: centres[$0])) }
                .sorted { $0.d != $1.d ? $0.d < $1.d : valid[$0.index].code < valid[$1.index].code }
            for (j, _) in near {
                let o = centres[j]
                let normal = Point(x: o.x - c.x, y: o.y - c.y)
                let offset = (normal.x * (c.x + o.x) + normal.y * (c.y + o.y)) / 2
                ring = clip(ring, normal: normal, offset: offset)
                if ring.count < 3 { break }
            }
            guard ring.count >= 3 else { continue }
            out.append(Cell(code: valid[i].code, ring: ring.map(toGeo)))
        }
        return out
    }

    // MARK: - Plane geometry

    struct Point: Equatable {
        var x: Double
        var y: Double
        func distanceSquared(to p: Point) -> Double { (x - p.x) * (x - p.x) + (y - p.y) * (y - p.y) }
    }

    /// Exact coordinates as a key (communes at the same point).
    struct Key: Hashable {
        let x: UInt64, y: UInt64
        init(_ p: Point) { x = p.x.bitPattern; y = p.y.bitPattern }
    }

    /// Keeps the part of a convex polygon where `normal · p ≤ offset` (Sutherland–Hodgman
    /// against one half-plane).
    static func clip(_ polygon: [Point], normal: Point, offset: Double) -> [Point] {
        let side = { (p: Point) in normal.x * p.x + normal.y * p.y - offset }
        var out: [Point] = []
        out.reserveCapacity(polygon.count + 1)
        for k in polygon.indices {
            let a = polygon[k], b = polygon[(k + 1) % polygon.count]
            let sa = side(a), sb = side(b)
            if sa <= 0 { out.append(a) }
            if (sa < 0 && sb > 0) || (sa > 0 && sb < 0) {
                let t = sa / (sa - sb)
                out.append(Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
            }
        }
        return out
    }

    /// A uniform grid of buckets over the points, to find those within a distance.
    struct Grid {
        let points: [Point]
        let cell: Double
        var buckets: [Int64: [Int]] = [:]

        init(points: [Point], cell: Double) {
            self.points = points
            self.cell = cell
            for (i, p) in points.enumerated() { buckets[key(p), default: []].append(i) }
        }

        func index(_ v: Double) -> Int64 { Int64((v / cell).rounded(.down)) }
        func key(_ p: Point) -> Int64 { key(index(p.x), index(p.y)) }
        func key(_ gx: Int64, _ gy: Int64) -> Int64 { gx &* 1_000_003 &+ gy }

        func points(within distance: Double, of p: Point) -> [Int] {
            let span = Int64((distance / cell).rounded(.up))
            let gx = index(p.x), gy = index(p.y)
            var found: [Int] = []
            let limit = distance * distance
            for x in (gx - span)...(gx + span) {
                for y in (gy - span)...(gy + span) {
                    for i in buckets[key(x, y)] ?? [] where points[i].distanceSquared(to: p) < limit { found.append(i) }
                }
            }
            return found
        }
    }
}
