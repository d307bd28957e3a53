import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

/// A base scenario of four communes and three officers, and an overlay file that starts from it.
private enum Overlay {
    static let communes = """
        code,name,kind,former_district,province,terrain,lat,lon,workload,staffing
        20001,Xã Núi Một,xa,Huyện Kỳ Sơn,Tỉnh Nghệ An,mountain,19.4,104.1,2.0,1
        20002,Xã Núi Hai,xa,Huyện Kỳ Sơn,Tỉnh Nghệ An,highland,19.3,104.3,1.5,1
        20003,Xã Đồng,xa,Huyện Diễn Châu,Tỉnh Nghệ An,lowland,18.98,105.6,1.0,1
        20004,Phường Phố,phuong,Thành phố Vinh,Tỉnh Nghệ An,lowland,18.68,105.66,2.5,1

        """
    static let officers = """
        id,name,capacity,specialties,base_commune,home_commune,status
        B1,Nguyễn Văn Một,5,border-security,20001,,active
        B2,Trần Thị Hai,4,urban-management,,,active
        B3,Lê Văn Ba,4,,,20003,active

        """
    static let current = "commune,officer\n20001,B1\n20002,B1\n20003,B2\n20004,B3\n"
    static let base = """
        name: Overlay base
        headquarters: {name: Tỉnh ủy, lat: 18.675, lon: 105.66}
        tables: {communes: communes.csv, officers: officers.csv, current: current.csv}
        rules: {maxChanges: 3, candidateLimit: 3}
        forbidden:
          - {officer: B3, commune: "20001"}

        """

    /// Loads `overlay.yaml` = `name`, `base: base.yaml`, then `body` (its lines start at line 3).
    static func load(_ body: String) throws -> (Result<LoadedScenario, ScenarioErrors>, file: String) {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("communes.csv", communes)
        try s.write("officers.csv", officers)
        try s.write("current.csv", current)
        try s.write("base.yaml", base)
        try s.write("overlay.yaml", "name: Overlay\nbase: base.yaml\n" + body)
        do {
            return (.success(try ScenarioLoader.loadDetailed(path: s.path("overlay.yaml"))), s.path("overlay.yaml"))
        } catch {
            return (.failure(error), s.path("overlay.yaml"))
        }
    }

    static func scenario(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Scenario? {
        try load(body).0.loaded(sourceLocation: sourceLocation)?.scenario
    }
}

@Suite("What-if overlays: every change kind, read from YAML and applied")
struct OverlayTests {
    @Test func removeOfficerTakesTheirRowsAlong() throws {
        let s = try #require(try Overlay.scenario("changes:\n  - {op: removeOfficer, officer: B3}\n"))
        #expect(s.officers.map(\.id) == ["B1", "B2"])
        #expect(!s.current.pairs.contains { $0.officer == "B3" })
        #expect(s.forbidden.isEmpty)
    }

    @Test func addOfficerAtACommuneAtAPointOrAtTheHeadquarters() throws {
        let s = try #require(try Overlay.scenario("""
            changes:
              - op: addOfficer
                officer: {id: N1, name: Phạm Mới, capacity: 4.5, specialties: [ethnic-affairs, border-security], base_commune: "20002", max_communes: 2}
              - op: addOfficer
                officer: {id: N2, name: Hồ Điểm, capacity: 3, base_lat: 19.0, base_lon: 105.0, base_label: Nhà riêng, status: leave}
              - op: addOfficer
                officer: {id: N3, name: Vũ Trụ Sở, capacity: 3, home_commune: "20004"}

            """))
        let o = Dictionary(uniqueKeysWithValues: s.officers.map { ($0.id, $0) })
        #expect(o["N1"]?.base == GeoPoint(lat: 19.3, lon: 104.3))
        #expect(o["N1"]?.baseLabel == "Xã Núi Hai")
        #expect(o["N1"]?.specialties == ["border-security", "ethnic-affairs"])
        #expect(o["N1"]?.capacity == 4.5)
        #expect(o["N1"]?.maxCommunes == 2)
        #expect(o["N2"]?.base == GeoPoint(lat: 19.0, lon: 105.0))
        #expect(o["N2"]?.baseLabel == "Nhà riêng")
        #expect(o["N2"]?.status == .leave)
        #expect(o["N3"]?.base == s.headquarters)
        #expect(o["N3"]?.baseLabel == "Tỉnh ủy")
        #expect(o["N3"]?.homeCommune == "20004")
    }

    @Test func officerSettings() throws {
        let s = try #require(try Overlay.scenario("""
            changes:
              - {op: setOfficerStatus, officer: B2, status: leave}
              - {op: setCapacity, officer: B3, capacity: 6.25}
              - {op: setSpecialties, officer: B1, add: [ethnic-affairs, agriculture], remove: [border-security]}
              - {op: setBase, officer: B3, commune: "20003"}
              - {op: setBase, officer: B2, lat: 18.9, lon: 105.1, label: Nhà}
              - {op: setBase, officer: B1, headquarters: true}

            """))
        let o = Dictionary(uniqueKeysWithValues: s.officers.map { ($0.id, $0) })
        #expect(o["B2"]?.status == .leave)
        #expect(o["B3"]?.capacity == 6.25)
        #expect(o["B1"]?.specialties == ["agriculture", "ethnic-affairs"])
        #expect(o["B3"]?.base == GeoPoint(lat: 18.98, lon: 105.6))
        #expect(o["B3"]?.baseLabel == "Xã Đồng")
        #expect(o["B2"]?.base == GeoPoint(lat: 18.9, lon: 105.1))
        #expect(o["B2"]?.baseLabel == "Nhà")
        #expect(o["B1"]?.base == s.headquarters)
        #expect(o["B1"]?.baseLabel == "Tỉnh ủy")
    }

    @Test func communeSettings() throws {
        let s = try #require(try Overlay.scenario("""
            changes:
              - {op: setWorkload, commune: "20003", value: 1.75}
              - {op: setWorkload, select: {terrain: [mountain, highland]}, scale: 1.3}
              - {op: setStaffing, select: {kinds: [phuong]}, staffing: 2}
              - {op: setRequiredSpecialties, commune: ["20001", "20002"], specialties: [agriculture]}

            """))
        let c = Dictionary(uniqueKeysWithValues: s.communes.map { ($0.code, $0) })
        #expect(c["20003"]?.workload == 1.75)
        #expect(c["20001"]?.workload == 2.6)
        #expect(c["20002"]?.workload == 1.95)
        #expect(c["20004"]?.workload == 2.5)
        #expect(c["20004"]?.staffing == 2)
        #expect(c["20003"]?.staffing == 1)
        #expect(c["20001"]?.requiredSpecialties == ["agriculture"])
        #expect(c["20002"]?.requiredSpecialties == ["agriculture"])
    }

    @Test func requireSpecialtyByListDistrictOrTerrain() throws {
        let s = try #require(try Overlay.scenario("""
            changes:
              - {op: requireSpecialty, specialty: digital-transformation, select: {communes: ["20003", "20004"]}}
              - {op: requireSpecialty, specialty: border-security, select: {formerDistricts: [Kỳ Sơn]}}
              - {op: requireSpecialty, specialty: ethnic-affairs, select: {terrain: highland}}

            """))
        let c = Dictionary(uniqueKeysWithValues: s.communes.map { ($0.code, $0.requiredSpecialties) })
        #expect(c["20001"] == ["border-security"])
        #expect(c["20002"] == ["border-security", "ethnic-affairs"])
        #expect(c["20003"] == ["digital-transformation"])
        #expect(c["20004"] == ["digital-transformation"])
    }

    @Test func lockAndForbidAddPairs() throws {
        let s = try #require(try Overlay.scenario("""
            changes:
              - {op: lock, officer: B2, commune: "20004"}
              - {op: forbid, officer: B1, commune: "20003"}

            """))
        #expect(s.locked == [Pair(officer: "B2", commune: "20004")])
        #expect(s.forbidden == [Pair(officer: "B3", commune: "20001"), Pair(officer: "B1", commune: "20003")])
    }

    @Test func settingsMergeOverTheBase() throws {
        let s = try #require(try Overlay.scenario("""
            weights: {travel: 0.01, mountainMaxDeviation: 5}
            rules:
              coverage: hard
              mountainBand: {measure: count, lower: 0, upper: 2}
              balanceTolerance: 0.05
              candidateLimit: none
            priorities: [coverage, balance, travel]
            solver: {timeLimit: 7, gap: 0.02}

            """))
        #expect(s.weights.travel == 0.01)
        #expect(s.weights.mountainMaxDeviation == 5)
        #expect(s.weights.change == Weights().change)
        #expect(s.rules.coverage == .hard)
        #expect(s.rules.mountainBand == Rules.Band(measure: .count, lower: 0, upper: 2))
        #expect(s.rules.maxChanges == 3)  // from the base
        #expect(s.rules.balanceTolerance == 0.05)
        #expect(s.rules.candidateLimit == nil)
        #expect(s.priorities == [.coverage, .mountainBalance, .workloadBalance, .travel])
        #expect(s.solver == SolverSettings(timeLimit: 7, gap: 0.02))
        let lifted = try #require(try Overlay.scenario("rules: {maxChanges: none, coverage: soft}\n"))
        #expect(lifted.rules.maxChanges == nil)
        #expect(lifted.rules.candidateLimit == 3)
    }

    @Test("An overlay naming an unknown officer fails with the overlay's file and the change's line")
    func unknownOfficer() throws {
        let (result, file) = try Overlay.load("changes:\n  - {op: setCapacity, officer: B1, capacity: 6}\n  - {op: setOfficerStatus, officer: CB99, status: leave}\n")
        let errors = result.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.file == file)
        #expect(errors.first?.line == 5)
        #expect(errors.first?.code == .badChange)
        #expect(errors.first?.message == "The setOfficerStatus change cannot be applied: No officer has the id CB99.")
        #expect(errors.first?.description.hasPrefix(file + ":5:") == true)
    }

    @Test("Each change that names what does not exist is an error at its line", arguments: [
        ("{op: removeOfficer, officer: ZZ}", "No officer has the id ZZ."),
        ("{op: setCapacity, officer: ZZ, capacity: 3}", "No officer has the id ZZ."),
        ("{op: setBase, officer: ZZ, headquarters: true}", "No officer has the id ZZ."),
        ("{op: setBase, officer: B1, commune: \"99999\"}", "No commune has the code 99999."),
        ("{op: setSpecialties, officer: ZZ, add: [agriculture]}", "No officer has the id ZZ."),
        ("{op: setWorkload, commune: \"99999\", value: 2}", "No commune has the code 99999."),
        ("{op: setStaffing, select: {formerDistricts: [Kỳ Sơm]}, staffing: 2}", "No commune has the former district \"Kỳ Sơm\"."),
        ("{op: setRequiredSpecialties, select: {provinces: [Hà Tĩnh]}, specialties: [agriculture]}", "No commune has the province \"Hà Tĩnh\"."),
        ("{op: requireSpecialty, specialty: agriculture, select: {formerDistricts: [Kỳ Sơn, Tương Dươnng]}}", "No commune has the former district \"Tương Dươnng\"."),
        ("{op: requireSpecialty, specialty: agriculture, select: {kinds: [dac-khu]}}", "The selection matches no commune."),
        ("{op: lock, officer: B1, commune: \"99999\"}", "No commune has the code 99999."),
        ("{op: forbid, officer: ZZ, commune: \"20001\"}", "No officer has the id ZZ."),
        ("{op: addOfficer, officer: {id: B1, name: Trùng, capacity: 3}}", "An officer with the id B1 already exists."),
        ("{op: addOfficer, officer: {id: N9, name: Xa, capacity: 3, home_commune: \"99999\"}}", "No commune has the code 99999."),
    ])
    func unknownReference(change: String, message: String) throws {
        let (result, file) = try Overlay.load("changes:\n  - \(change)\n")
        let errors = result.errors()
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.file == file)
        #expect(errors.first?.line == 4)
        #expect(errors.first?.message.hasSuffix(message) == true, "\(errors.first?.message ?? "")")
    }

    @Test("Ambiguous or incomplete changes are refused", arguments: [
        "{op: setWorkload, commune: \"20001\", value: 2, scale: 1.1}",
        "{op: setBase, officer: B1, commune: \"20001\", headquarters: true}",
        "{op: setBase, officer: B1, lat: 18.9}",
        "{op: setBase, officer: B1, headquarters: false}",
        "{op: requireSpecialty, specialty: [agriculture, land-management], select: {kinds: [xa]}}",
        "{op: addOfficer, officer: {id: N9, name: Xa, capacity: 3, base_lat: 19.0}}",
        "{op: addOfficer, officer: {id: N9, name: Xa, capacity: 3, base_commune: \"20001\", base_lat: 19.0, base_lon: 105.0}}",
        "{op: removeOfficer}",
    ])
    func refused(change: String) throws {
        let errors = try Overlay.load("changes:\n  - \(change)\n").0.errors()
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.line == 4 }, "\(errors)")
    }

    @Test func removingALockedOfficerOrPuttingThemOnLeaveIsAnError() throws {
        let removed = try Overlay.load("changes:\n  - {op: lock, officer: B2, commune: \"20004\"}\n  - {op: removeOfficer, officer: B2}\n").0.errors()
        #expect(removed.map(\.line) == [5])
        #expect(removed.first?.message.contains("locked to commune 20004") == true)
        let leave = try Overlay.load("changes:\n  - {op: lock, officer: B2, commune: \"20004\"}\n  - {op: setOfficerStatus, officer: B2, status: leave}\n").0.errors()
        #expect(leave.map(\.line) == [4])
        #expect(leave.first?.message.contains("on leave") == true)
    }
}
