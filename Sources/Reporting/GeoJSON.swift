import DiaBanCore
import Foundation
import Planning

/// The plan as an RFC 7946 FeatureCollection: one Point per commune (longitude, latitude),
/// with properties a GIS user styles by (officer, moved, terrain).
public enum GeoJSON {
    struct Collection: Encodable {
        let type = "FeatureCollection"
        let name: String
        let features: [Feature]
    }
    struct Feature: Encodable {
        let type = "Feature"
        let id: String
        let geometry: Point
        let properties: Properties
    }
    struct Point: Encodable {
        let type = "Point"
        let coordinates: [Double]
    }
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

    public static func featureCollection(_ report: SolveReport, scenario: Scenario) throws -> Data {
        let after = Dictionary(uniqueKeysWithValues: (report.kpis ?? report.kpisBefore).communes.map { ($0.code, $0) })
        let before = Dictionary(uniqueKeysWithValues: report.kpisBefore.communes.map { ($0.code, $0.officers) })
        let names = Dictionary(uniqueKeysWithValues: scenario.officers.map { ($0.id, $0.name) })
        let features = scenario.communes.map { c -> Feature in
            let officers = after[c.code]?.officers ?? []
            let previous = before[c.code] ?? []
            return Feature(
                id: c.code,
                geometry: Point(coordinates: [c.location.lon, c.location.lat]),
                properties: Properties(
                    code: c.code, name: c.name, kind: c.kind.rawValue, terrain: c.terrain.rawValue, formerDistrict: c.formerDistrict,
                    workload: c.workload, requiredSpecialties: c.requiredSpecialties.map(\.rawValue),
                    officer: officers.joined(separator: ";"), officerName: officers.compactMap { names[$0] }.joined(separator: "; "),
                    previousOfficer: previous.joined(separator: ";"), previousOfficerName: previous.compactMap { names[$0] }.joined(separator: "; "),
                    moved: report.kpis != nil && officers != previous, distanceKm: after[c.code]?.distanceKm.first))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Collection(name: report.scenario, features: features))
    }
}
