import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("The bundled Nghệ An scenario")
struct BundledScenarioTests {
    static let path = packageRoot + "/scenarios/nghe-an/baseline.yaml"

    @Test("Checks clean, and its numbers match the data")
    func numbers() throws {
        let l = try ScenarioLoader.loadDetailed(path: Self.path)
        let s = l.scenario
        #expect(l.warnings.isEmpty, "\(l.warnings)")
        #expect(s.communes.count == 130)
        #expect(s.communes.filter(\.isMountain).count == 75)
        #expect(s.communes.filter { !$0.isMountain }.count == 55)
        #expect(s.communes.filter { $0.kind == .phuong }.count == 11)
        #expect(l.filledCommunes.count == 9)
        #expect(s.officers.count == 44)
        #expect(s.officers.allSatisfy { $0.isActive })
        #expect(Set(s.officers.map(\.name)).count == 44)

        let summary = ScenarioSummary(l)
        #expect(summary.mountain == 75 && summary.lowland == 55)
        #expect(summary.capacityRatio >= 1.4 && summary.capacityRatio <= 1.5)
        #expect(summary.staffedAsRequired == 130)
        #expect(summary.currentPairs == 130)
        #expect((1...8).contains(summary.overloaded.count))
        #expect(!summary.uncovered.isEmpty)
        #expect(summary.officersOnlyMountain > 0 && summary.officersWithoutMountain > 0)
        let away = Double(summary.basedAway) / 44
        #expect(away > 0.2 && away < 0.4)
        let caps = s.officers.map(\.capacity)
        #expect(caps.min()! >= 4 && caps.max()! <= 9 && Set(caps).count > 10)
    }

    @Test("The requirement rules select what the README says")
    func requirements() throws {
        let s = try ScenarioLoader.load(path: Self.path)
        func count(_ sp: Specialty) -> Int { s.communes.filter { $0.requiredSpecialties.contains(sp) }.count }
        #expect(count("border-security") == 47)
        #expect(count("ethnic-affairs") == 43)
        #expect(count("urban-management") == 11)
        #expect(count("coastal-fisheries") == 26)
        #expect(s.commune("16732")?.requiredSpecialties == ["coastal-fisheries", "urban-management"])
        // Every required specialty has holders with the capacity for its communes.
        let l = try ScenarioLoader.loadDetailed(path: Self.path)
        for line in ScenarioSummary(l).specialties where line.communes > 0 {
            #expect(line.holdersCapacity > line.workload, "\(line.specialty)")
        }
    }

    @Test("The data files are the shared ones, copied verbatim")
    func dataUnchanged() throws {
        let communes = try String(contentsOfFile: packageRoot + "/scenarios/nghe-an/data/communes.csv", encoding: .utf8)
        #expect(communes.split(separator: "\n").count == 131)
        #expect(communes.hasPrefix("code,name,kind,former_district,terrain,"))
        let national = try String(contentsOfFile: packageRoot + "/scenarios/vietnam/data/communes.csv", encoding: .utf8)
        #expect(national.split(separator: "\n").count == 3322)
    }
}
