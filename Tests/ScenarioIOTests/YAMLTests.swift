import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("Scenario files: keys, types, base chains")
struct YAMLTests {
    @Test("Unknown keys are named with their line and a suggestion")
    func unknownKey() throws {
        let yaml = minimalYAML + "weights:\n  travle: 0.1\nrulez: {}\n"
        let errors = try load(yaml: yaml).errors()
        let travel = errors.first { $0.field == "weights.travle" }
        #expect(travel?.code == .unknownKey)
        #expect(travel?.line == 5)
        #expect(travel?.column == 3)
        #expect(travel?.message.contains("Did you mean travel?") == true)
        #expect(errors.contains { $0.field == "rulez" && $0.line == 6 && $0.message.contains("Did you mean rules?") })
    }

    @Test("Type errors carry the YAML line and column", arguments: [
        ("weights: {travel: cheap}", "weights.travel", ScenarioError.Code.yamlType),
        ("weights: {travel: -1}", "weights.travel", .outOfRange),
        ("rules: {coverage: sometimes}", "rules.coverage", .badValue),
        ("rules: {mountainBand: {measure: share, lower: 0.2, upper: 3}}", "rules.mountainBand", .outOfRange),
        ("rules: {mountainBand: {lower: 5, upper: 2}}", "rules.mountainBand", .outOfRange),
        ("rules: {candidateLimit: 2.5}", "rules.candidateLimit", .yamlType),
        ("rules: {circuity: {lowland: 0.5}}", "rules.circuity.lowland", .outOfRange),
        ("solver: {gap: 2}", "solver.gap", .outOfRange),
        ("solver: [60]", "solver", .yamlType),
        ("priorities: [speed]", "priorities", .badValue),
        ("requirements: [{specialty: Border Security, select: {kinds: [phuong]}}]", "requirements[1].specialty", .badValue),
        ("requirements: [{specialty: border-security, select: {}}]", "requirements[1].select", .missingValue),
        ("requirements: [{specialty: border-security, select: {formerDistricts: [Kỳ Sơm]}}]", "requirements", .unknownReference),
        ("locked: [{officer: O1}]", "locked[1]", .missingValue),
    ])
    func typeError(line: String, field: String, code: ScenarioError.Code) throws {
        let errors = try load(yaml: minimalYAML + line + "\n").errors()
        let e = errors.first { $0.code == code && ($0.field ?? "").hasPrefix(field) }
        #expect(e != nil, "\(errors)")
        #expect(e?.line == 4)
        #expect(e?.column != nil)
    }

    @Test("Syntax errors and duplicate keys have a line")
    func syntax() throws {
        let bad = try load(yaml: "name: [unclosed\nheadquarters: x\n").errors()
        #expect(bad.first?.code == .yamlSyntax)
        #expect(bad.first?.line != nil)
        let dup = try load(yaml: minimalYAML + "name: Again\n").errors()
        #expect(dup.first?.code == .yamlSyntax)
        #expect(dup.first?.message.contains("name") == true)
    }

    @Test("A file without headquarters or tables says what to add")
    func missingParts() throws {
        let errors = try load(yaml: "name: Nothing\n").errors()
        #expect(errors.contains { $0.field == "headquarters" && $0.code == .missingValue })
        #expect(errors.contains { $0.field == "tables.communes" && $0.code == .missingValue })
    }

    @Test("Headquarters from a CSV file")
    func headquartersTable() throws {
        let yaml = minimalYAML.replacingOccurrences(of: "headquarters: {name: HQ, lat: 18.675, lon: 105.66}", with: "headquarters: hq.csv")
        let result = try load(yaml: yaml, communes: nil, officers: nil, current: nil,
                              extra: ["hq.csv": Data("id,name,lat,lon\nhq,Tỉnh ủy,18.5,105.5\n".utf8)])
        guard let l = result.loaded() else { return }
        #expect(l.scenario.headquarters == GeoPoint(lat: 18.5, lon: 105.5))
        #expect(l.headquartersName == "Tỉnh ủy")
        #expect(l.scenario.officers[0].baseLabel == "Tỉnh ủy")
    }

    @Test("base: inherits, merges mappings key by key, and applies changes in order")
    func baseChain() throws {
        let l = try ScenarioLoader.loadDetailed(path: fixture("whatif/whatif.yaml"))
        let s = l.scenario
        #expect(s.name == "What if")
        #expect(s.weights.travel == 0.005)
        #expect(s.weights.mountainBalance == 30)
        #expect(s.rules.circuity == Rules.Circuity(lowland: 1.2, mountain: 2))
        #expect(l.changes.count == 11)
        let o = Dictionary(uniqueKeysWithValues: s.officers.map { ($0.id, $0) })
        #expect(o["A1"]?.capacity == 7)
        #expect(o["A3"] == nil)
        #expect(o["N1"]?.baseLabel == "Xã Diễn Châu")
        #expect(o["A2"]?.specialties == ["ethnic-affairs"])
        #expect(o["A1"]?.base == GeoPoint(lat: 18.6, lon: 105.6))
        let c = Dictionary(uniqueKeysWithValues: s.communes.map { ($0.code, $0) })
        #expect(c["00001"]?.workload == 3.64)  // the base has the default formula: 1.82 × 2
        #expect(c["00002"]?.staffing == 1)
        #expect(c["00001"]?.requiredSpecialties == ["ethnic-affairs"])
        #expect(c["00004"]?.requiredSpecialties == ["agriculture", "ethnic-affairs", "land-management"])
        #expect(s.locked == [Pair(officer: "N1", commune: "00001")])
        #expect(s.forbidden.isEmpty)
        #expect(!s.current.pairs.contains { $0.officer == "A3" })
    }

    @Test("A base cycle and a missing base are errors naming the file")
    func baseErrors() throws {
        do {
            _ = try ScenarioLoader.load(path: fixture("whatif/cycle-a.yaml"))
            Issue.record("a cycle loaded")
        } catch {
            #expect(error.errors.map(\.code) == [.baseCycle])
            #expect(error.errors.first?.message.contains("cycle-a.yaml") == true)
        }
        let missing = try load(yaml: "base: nowhere.yaml\n").errors()
        #expect(missing.map(\.code) == [.unreadableFile])
        #expect(missing.first?.line == 1)
        #expect(missing.first?.message.contains("nowhere.yaml") == true)
    }

    @Test("Bad changes: unknown operation, bad value, unknown officer")
    func badChanges() throws {
        do {
            _ = try ScenarioLoader.load(path: fixture("whatif/bad-changes.yaml"))
            Issue.record("bad changes loaded")
        } catch {
            #expect(error.errors.contains { $0.code == .badChange && $0.line == 6 && $0.message.contains("fireEveryone") })
            #expect(error.errors.contains { $0.code == .outOfRange && $0.line == 9 })
        }
        let yaml = minimalYAML + "changes:\n  - {op: setCapacity, officer: ZZ9, capacity: 5}\n  - {op: lock, officer: O1, commune: \"777\"}\n"
        let errors = try load(yaml: yaml).errors()
        #expect(errors.contains { $0.line == 5 && $0.message.contains("ZZ9") })
        #expect(errors.contains { $0.line == 6 && $0.message.contains("777") })
    }
}
