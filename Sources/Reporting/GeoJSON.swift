import DiaBanCore
import Foundation
import Planning

/// The plan as an RFC 7946 FeatureCollection: one feature per commune, with properties a GIS
/// user styles by (officer, moved, terrain). Its geometry is the commune's centre (a Point),
/// or with `areas` its approximate area (a Polygon from ``CommuneAreas``: drawn from the
/// centre and the area, not a legal boundary; the collection says so in `areas`).
public enum GeoJSON {
    struct Collection: Encodable {
        let type = "FeatureCollection"
        let name: String
        /// What the polygons are, when there are polygons.
        let areas: String?
        let features: [Feature]
    }
    struct Feature: Encodable {
        let type = "Feature"
        let id: String
        let geometry: Geometry
        let properties: Properties
    }
    enum Geometry: Encodable {
        case point([Double])
        case polygon([[[Double]]])
        enum Keys: String, CodingKey { case type, coordinates }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .point(let p): try c.encode("Point", forKey: .type); try c.encode(p, forKey: .coordinates)
            case .polygon(let rings): try c.encode("Polygon", forKey: .type); try c.encode(rings, forKey: .coordinates)
            }
        }
    }

    /// What the polygons of `areas` are, in the collection.
    public static let areasNote = "Approximate areas drawn from each commune's centre and its area (Voronoi cells cut by a disc of twice the area); not legal boundaries."
    struct Properties: Encodable {
        let code: String
        let name: String
        let kind: String
        let terrain: String
        let formerDistrict: String?
        let workload: Double
        let requiredSpecialties: [String]
        let officer: String
        let officerName: String
        let previousOfficer: String
        let previousOfficerName: String
        let moved: Bool
        let distanceKm: Double?
    }

    public static func featureCollection(_ report: SolveReport, scenario: Scenario, areas: Bool = false) throws -> Data {
        // Polygons: the ring closed, longitude and latitude to 6 decimals (about 0.1 m).
        var rings: [String: [[Double]]] = [:]
        if areas {
            for cell in CommuneAreas.cells(of: scenario.communes) {
                rings[cell.code] = (cell.ring + [cell.ring[0]]).map { [rounded($0.lon), rounded($0.lat)] }
            }
        }
        let after = Dictionary(uniqueKeysWithValues: (report.kpis ?? report.kpisBefore).communes.map { ($0.code, $0) })
        let before = Dictionary(uniqueKeysWithValues: report.kpisBefore.communes.map { ($0.code, $0.officers) })
        let names = Dictionary(uniqueKeysWithValues: scenario.officers.map { ($0.id, $0.name) })
        let features = scenario.communes.map { c -> Feature in
            let officers = after[c.code]?.officers ?? []
            let previous = before[c.code] ?? []
            return Feature(
                id: c.code,
                geometry: rings[c.code].map { .polygon([$0]) } ?? .point([c.location.lon, c.location.lat]),
                properties: Properties(
                    code: c.code, name: c.name, kind: c.kind.rawValue, terrain: c.terrain.rawValue, formerDistrict: c.formerDistrict,
                    workload: c.workload, requiredSpecialties: c.requiredSpecialties.map(\.rawValue),
                    officer: officers.joined(separator: ";"), officerName: officers.compactMap { names[$0] }.joined(separator: "; "),
                    previousOfficer: previous.joined(separator: ";"), previousOfficerName: previous.compactMap { names[$0] }.joined(separator: "; "),
                    moved: report.kpis != nil && officers != previous, distanceKm: after[c.code]?.distanceKm.first))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Collection(name: report.scenario, areas: areas ? areasNote : nil, features: features))
    }

    static func rounded(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
}
