import DurableFiles
import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("Generators: deterministic by seed")
struct GeneratorTests {
    @Test("The committed Nghệ An roster is the generator's output, byte for byte")
    func committedRoster() throws {
        let path = packageRoot + "/scenarios/nghe-an/baseline.yaml"
        let base = try ScenarioLoader.loadCommunes(path: path)
        let roster = RosterGenerator().ngheAn(communes: base.communes, headquarters: base.headquarters)
        let officers = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/scenarios/nghe-an/data/officers.csv"))
        let current = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/scenarios/nghe-an/data/current.csv"))
        #expect(Data(roster.officersCSV().utf8) == officers)
        #expect(Data(roster.currentCSV(communes: base.communes).utf8) == current)
    }

    @Test("Another seed gives another roster, still sound")
    func otherSeed() throws {
        let base = try ScenarioLoader.loadCommunes(path: packageRoot + "/scenarios/nghe-an/baseline.yaml")
        let a = RosterGenerator(seed: 7).ngheAn(communes: base.communes, headquarters: base.headquarters)
        let b = RosterGenerator(seed: 7).ngheAn(communes: base.communes, headquarters: base.headquarters)
        let c = RosterGenerator().ngheAn(communes: base.communes, headquarters: base.headquarters)
        #expect(a.officersCSV() == b.officersCSV())
        #expect(a.officersCSV() != c.officersCSV())
        let perCommune = a.current.officersByCommune
        #expect(base.communes.allSatisfy { perCommune[$0.code]?.count == 1 })
        let homes = Dictionary(uniqueKeysWithValues: a.officers.map { ($0.id, $0.homeCommune) })
        #expect(a.current.pairs.allSatisfy { homes[$0.officer] != $0.commune })
        let ratio = a.officers.reduce(0) { $0 + $1.capacity } / base.communes.reduce(0) { $0 + $1.workload }
        #expect(ratio > 1.4 && ratio < 1.5)
    }

    @Test("Invented scenarios: same seed, same bytes; they load clean", arguments: [1, 40, 250])
    func invented(n: Int) throws {
        let g = SyntheticScenario(seed: 11)
        let a = try g.generate(.invented(communes: n), command: "test")
        let b = try g.generate(.invented(communes: n), command: "test")
        #expect(a.files.map(\.contents) == b.files.map(\.contents))
        let other = try SyntheticScenario(seed: 12).generate(.invented(communes: n), command: "test")
        #expect(a.files.map(\.contents) != other.files.map(\.contents))
        let s = try Scratch()
        defer { s.remove() }
        try a.write(to: s.dir, force: false)
        let l = try ScenarioLoader.loadDetailed(path: s.path("scenario.yaml"))
        #expect(l.scenario.communes.count == n)
        #expect(l.scenario.officers.count == max(1, Int((Double(n) / 3).rounded())) || n > 100)
        #expect(l.warnings.isEmpty, "\(l.warnings)")
    }

    @Test("Provinces of the national table, officers provincial, writing refuses to overwrite")
    func provinces() throws {
        let table = packageRoot + "/scenarios/vietnam/data/communes.csv"
        let g = SyntheticScenario(seed: 3)
        let gen = try g.generate(.national(table: table, provinces: ["40", "Hà Tĩnh"]), command: "test")
        #expect(gen.communes.count == 130 + 69)
        #expect(gen.provinces == ["Tỉnh Nghệ An", "Tỉnh Hà Tĩnh"])
        // Nghệ An keeps its terrain from data; Hà Tĩnh's comes from the rule.
        #expect(gen.communes.filter { $0.province == "Tỉnh Nghệ An" && $0.isMountain }.count == 75)
        let ruleFor = Dictionary(uniqueKeysWithValues: zip(gen.communes.map(\.code), gen.terrainByRule))
        #expect(gen.communes.allSatisfy { ruleFor[$0.code] == ($0.province != "Tỉnh Nghệ An") })
        let provinceOf = Dictionary(uniqueKeysWithValues: gen.communes.map { ($0.code, $0.province) })
        let officerProvince = Dictionary(uniqueKeysWithValues: gen.roster.officers.map { ($0.id, $0.province) })
        #expect(gen.roster.current.pairs.allSatisfy { provinceOf[$0.commune] == officerProvince[$0.officer] })

        let s = try Scratch()
        defer { s.remove() }
        try gen.write(to: s.dir, force: false)
        let l = try ScenarioLoader.loadDetailed(path: s.path("scenario.yaml"))
        #expect(l.scenario.officers.allSatisfy { $0.province != nil })
        // Same bytes again: nothing changes, no force needed; other bytes: refused without force.
        let again = try gen.write(to: s.dir, force: false)
        #expect(again.allSatisfy { !$0.changed })
        let other = try SyntheticScenario(seed: 4).generate(.national(table: table, provinces: ["40", "42"]), command: "test")
        #expect(throws: AtomicFile.Failure.self) { try other.write(to: s.dir, force: false) }
        #expect(try other.write(to: s.dir, force: true).contains { $0.changed })

        #expect(throws: ScenarioErrors.self) { try g.generate(.national(table: table, provinces: ["99"]), command: "test") }
    }

    @Test("The terrain rule agrees with Nghệ An's classification for 108 of 121 units")
    func terrainRule() throws {
        let s = try ScenarioLoader.loadDetailed(path: packageRoot + "/scenarios/nghe-an/baseline.yaml")
        var agree = 0, known = 0
        for c in s.scenario.communes where c.population != nil && c.areaKm2 != nil {
            known += 1
            let t = TerrainRule.byDensity(kind: c.kind, population: c.population.map(Double.init), areaKm2: c.areaKm2)
            if t?.isMountain == c.isMountain { agree += 1 }
        }
        #expect(known == 121)
        #expect(agree == 108)
    }

    @Test("SplitMix64 gives the published sequence")
    func splitMix() {
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
        #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
