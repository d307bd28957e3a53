import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("Each kind of field: parsed, or explained with its line")
struct FieldTests {
    @Test("Every field of the small fixture")
    func smallFixture() throws {
        let l = try ScenarioLoader.loadDetailed(path: fixture("small/scenario.yaml"))
        let s = l.scenario
        #expect(s.name == "Small")
        #expect(s.headquarters == GeoPoint(lat: 18.675, lon: 105.66))
        let c = Dictionary(uniqueKeysWithValues: s.communes.map { ($0.code, $0) })
        #expect(c["00001"]?.kind == .xa)
        #expect(c["00001"]?.terrain == .mountain)
        #expect(c["00001"]?.formerDistrict == "Huyện Kỳ Sơn")
        #expect(c["00001"]?.province == "Tỉnh Nghệ An")
        #expect(c["00001"]?.requiredSpecialties == ["border-security"])
        // (1 + 0.1·2 + 0.1·2) × 1.5 = 2.1
        #expect(c["00001"]?.workload == 2.1)
        #expect(c["00002"]?.workload == 3.5)
        #expect(c["00002"]?.staffing == 2)
        #expect(c["00002"]?.visitsPerYear == 24)
        #expect(c["00002"]?.requiredSpecialties == ["digital-transformation", "urban-management"])
        #expect(c["00003"]?.name == "Xã Hưng Nguyên, Nam")
        #expect(c["00003"]?.areaKm2 == nil)
        #expect(c["00003"]?.visitsPerYear == 6)
        #expect(c["00004"]?.terrain == .highland)
        #expect(c["00004"]?.isMountain == true)
        #expect(c["00004"]?.requiredSpecialties == ["agriculture", "land-management"])
        #expect(l.filledCommunes == ["00003"])
        #expect(Set(l.computedWorkloads) == ["00001", "00003", "00004"])

        let o = Dictionary(uniqueKeysWithValues: s.officers.map { ($0.id, $0) })
        #expect(o["A1"]?.specialties == ["digital-transformation", "urban-management"])
        #expect(o["A1"]?.capacity == 6)
        #expect(o["A1"]?.minCommunes == 1)
        #expect(o["A1"]?.maxCommunes == 3)
        #expect(o["A1"]?.homeCommune == "00004")
        #expect(o["A1"]?.province == "Tỉnh Nghệ An")
        #expect(o["A1"]?.base == s.headquarters)
        #expect(o["A1"]?.baseLabel == "HQ")
        #expect(o["A2"]?.base == GeoPoint(lat: 19.40, lon: 104.13))
        #expect(o["A2"]?.baseLabel == "Xã Mường Xén")
        #expect(o["A3"]?.base == GeoPoint(lat: 19.0, lon: 105.5))
        #expect(o["A3"]?.baseLabel == "Nhà riêng")
        #expect(o["A3"]?.status == .leave)

        #expect(s.current.pairs.count == 5)
        #expect(s.distances?.km(officer: "A1", commune: "00001") == 250.5)
        #expect(s.weights.travel == 0.002)
        #expect(s.weights.change == 5)
        #expect(s.weights.coverage == Weights().coverage)
        #expect(s.rules.coverage == .hard)
        #expect(s.rules.mountainBand == Rules.Band(measure: .share, lower: 0.2, upper: 0.8))
        #expect(s.rules.maxChanges == 3)
        #expect(s.rules.balanceTolerance == 0.05)
        #expect(s.rules.candidateLimit == 2)
        #expect(s.rules.circuity == Rules.Circuity(lowland: 1.3, mountain: 1.8))
        #expect(s.locked == [Pair(officer: "A1", commune: "00002")])
        #expect(s.forbidden == [Pair(officer: "A2", commune: "00001")])
        #expect(s.priorities == [.coverage, .mountainBalance, .workloadBalance, .travel])
        #expect(s.priorityTolerance == 0.01)
        #expect(s.solver == SolverSettings(timeLimit: nil, gap: 0.01))
    }

    /// One bad field per case: the code, the line and the field reported.
    @Test("Bad numbers, ranges and words", arguments: [
        ("communes", "10001,Xã Một,xa,mountain,100,10000,nan,105.0", ScenarioError.Code.badNumber, "lat"),
        ("communes", "10001,Xã Một,xa,mountain,100,10000,19.0,inf", .badNumber, "lon"),
        ("communes", "10001,Xã Một,xa,mountain,100,10000,91,105.0", .outOfRange, "lat"),
        ("communes", "10001,Xã Một,xa,mountain,-5,10000,19.0,105.0", .outOfRange, "area_km2"),
        ("communes", "10001,Xã Một,xa,mountain,100,\"12,345\",19.0,105.0", .badNumber, "population"),
        ("communes", "10001,Xã Một,xa,mountain,100,1234.5,19.0,105.0", .badNumber, "population"),
        ("communes", "10001,Xã Một,xa,mountain,100,99000000,19.0,105.0", .outOfRange, "population"),
        ("communes", "10001,Xã Một,huyen,mountain,100,10000,19.0,105.0", .badValue, "kind"),
        ("communes", "10001,Xã Một,xa,hilly,100,10000,19.0,105.0", .badValue, "terrain"),
        ("communes", ",Xã Một,xa,mountain,100,10000,19.0,105.0", .missingValue, "code"),
        ("communes", "10001,Xã Một,xa,mountain,100,10000,0,0", .outOfRange, "lat"),
        ("officers", "O1,Nguyễn Văn A,abc", .badNumber, "capacity"),
        ("officers", "O1,Nguyễn Văn A,0", .outOfRange, "capacity"),
        ("officers", "O1,Nguyễn Văn A,5000", .outOfRange, "capacity"),
        ("officers", "O1,Nguyễn Văn A,", .missingValue, "capacity"),
    ])
    func badField(table: String, row: String, code: ScenarioError.Code, field: String) throws {
        let result: Result<LoadedScenario, ScenarioErrors>
        if table == "communes" {
            let header = "code,name,kind,terrain,area_km2,population,lat,lon\n"
            result = try load(communes: header + "10002,Phường Hai,phuong,lowland,10,50000,18.7,105.6\n" + row + "\n",
                              current: "commune,officer\n10002,O2\n")
        } else {
            result = try load(officers: "id,name,capacity\nO2,Trần Thị B,5\n" + row + "\n", current: "commune,officer\n10002,O2\n")
        }
        let errors = result.errors()
        let e = errors.first { $0.field == field }
        #expect(e?.code == code, "\(errors)")
        #expect(e?.line == 3)
        #expect(e.map { !$0.message.isEmpty && !$0.hint.isEmpty } == true)
    }

    @Test("Staffing, min and max, status, specialties, bases and references")
    func officerAndCommuneRules() throws {
        let communes = """
            code,name,kind,terrain,area_km2,population,lat,lon,staffing,required_specialties
            10001,Xã Một,xa,mountain,100,10000,19.0,105.0,0,
            10002,Phường Hai,phuong,lowland,10,50000,18.7,105.6,1,Border Security

            """
        let officers = """
            id,name,capacity,min_communes,max_communes,status,specialties,base_commune,base_lat,base_lon,home_commune
            O1,Nguyễn Văn A,5,4,2,sick,,,,,
            O2,Trần Thị B,5,,,,urban management,99999,,,88888
            O3,Lê C,5,,,,,10001,19,105,
            O4,Lê D,5,,,,,,19,,

            """
        let errors = try load(communes: communes, officers: officers, current: "commune,officer\n").errors()
        func at(_ file: String, _ line: Int, _ field: String) -> ScenarioError? {
            errors.first { $0.file.hasSuffix(file) && $0.line == line && $0.field == field }
        }
        #expect(at("communes.csv", 2, "staffing")?.code == .staffing)
        #expect(at("communes.csv", 3, "required_specialties")?.code == .badValue)
        #expect(at("officers.csv", 2, "min_communes")?.code == .conflict)
        #expect(at("officers.csv", 2, "status")?.code == .badValue)
        #expect(at("officers.csv", 3, "specialties")?.code == .badValue)
        #expect(at("officers.csv", 3, "base_commune")?.code == .unknownReference)
        #expect(at("officers.csv", 3, "home_commune")?.code == .unknownReference)
        #expect(at("officers.csv", 4, "base_commune")?.code == .conflict)
        #expect(at("officers.csv", 5, "base_lon")?.code == .missingValue)
    }

    @Test("Duplicate ids and unknown references in current and distances")
    func references() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("scenario.yaml", minimalYAML.replacingOccurrences(of: "current: current.csv}", with: "current: current.csv, distances: d.csv}")
                    + "locked: [{officer: O9, commune: \"10001\"}]\nforbidden: [{officer: O1, commune: \"99\"}]\n")
        try s.write("communes.csv", minimalCommunes)
        try s.write("officers.csv", minimalOfficers + "O1,Lê C,4\n")
        try s.write("current.csv", "commune,officer\n10001,O1\n10001,O1\n10009,O2\n")
        try s.write("d.csv", "officer,commune,km\nO1,10001,12\nO7,10001,3\nO2,10002,-1\n")
        let errors: [ScenarioError]
        do { _ = try ScenarioLoader.load(path: s.path("scenario.yaml")); errors = [] } catch { errors = error.errors }
        func has(_ file: String, _ line: Int?, _ code: ScenarioError.Code) -> Bool {
            errors.contains { $0.file.hasSuffix(file) && $0.line == line && $0.code == code }
        }
        #expect(has("officers.csv", 4, .duplicateID))
        #expect(has("current.csv", 3, .duplicateID))
        #expect(has("current.csv", 4, .unknownReference))
        #expect(has("d.csv", 3, .unknownReference))
        #expect(has("d.csv", 4, .outOfRange))
        #expect(has("scenario.yaml", 4, .unknownReference))
        #expect(has("scenario.yaml", 5, .unknownReference))
    }

    @Test("Locked pairs that cannot hold")
    func lockConflicts() throws {
        let officers = "id,name,capacity,status,home_commune\nO1,Nguyễn Văn A,5,,10001\nO2,Trần Thị B,5,leave,\nO3,Lê C,5,,\n"
        let yaml = minimalYAML + """
            locked:
              - {officer: O1, commune: "10001"}
              - {officer: O2, commune: "10002"}
              - {officer: O3, commune: "10002"}
            forbidden:
              - {officer: O3, commune: "10002"}

            """
        let errors = try load(yaml: yaml, officers: officers).errors()
        #expect(errors.allSatisfy { $0.code == .conflict })
        #expect(errors.contains { $0.line == 5 && $0.message.contains("home commune") })
        #expect(errors.contains { $0.line == 6 && $0.message.contains("on leave") })
        #expect(errors.contains { $0.line == 7 && $0.message.contains("both locked to and forbidden") })
        #expect(errors.contains { $0.message.contains("staffing is 1") })
    }
}
