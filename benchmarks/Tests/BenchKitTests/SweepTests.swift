import Foundation
import Testing
@testable import BenchKit

/// A national table of three provinces (two communes each), in the real table's columns.
func tinyNationalTable() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("communes.csv").path
    let text = """
        code,name,kind,province_code,province,area_km2,population,lat,lon,terrain
        00001,Xã A,xa,42,Tỉnh Hà Tĩnh,10,1000,18.3,105.9,
        00002,Xã B,xa,42,Tỉnh Hà Tĩnh,12,1200,18.4,105.8,
        00003,Xã C,xa,40,Tỉnh Nghệ An,30,900,19.0,105.0,mountain
        00004,"Phường D, mới",phuong,40,Tỉnh Nghệ An,5,5000,18.7,105.7,
        00005,Xã E,xa,01,Thành phố Hà Nội,8,3000,21.0,105.8,

        """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Test func sweepCasesCoverEveryProvinceRatioAndSeed() throws {
    let table = try tinyNationalTable()
    let all = try SweepCase.all(table: table)
    #expect(all.count == 3 * SweepCase.capacityRatios.count * SweepCase.seeds.count)
    #expect(Set(all.map(\.name)).count == all.count)
    #expect(Set(all.map(\.province)) == ["01", "40", "42"])
    #expect(all.first { $0.province == "40" }?.provinceName == "Tỉnh Nghệ An")
    // Peers on the first seed of each province and ratio, only there.
    let peered = all.filter(\.peers)
    #expect(peered.count == 3 * SweepCase.capacityRatios.count)
    #expect(peered.allSatisfy { $0.seed == SweepCase.seeds[0] })
    // Sorted by province, then ratio, then seed.
    #expect(all.map(\.province) == all.map(\.province).sorted())

    let narrowed = try SweepCase.all(table: table, provinces: ["42"], seeds: 1)
    #expect(narrowed.map(\.name) == ["sweep-42-s20250701-r1.25", "sweep-42-s20250701-r1.45"])
    #expect(throws: BenchError.self) { try SweepCase.all(table: table, provinces: ["99"]) }
}

@Test func theFasterProvingPeerSetsTheRatio() {
    let c = sweepCase("42", seconds: 2, cbc: peerRun("optimal", seconds: 8, objective: 100), highs: peerRun("optimal", seconds: 4, objective: 100))
    #expect(c.fasterProvingPeer?.name == "HiGHS")
    #expect(c.ratioToFasterPeer == 0.5)
    // A peer that did not prove is no yardstick.
    let unproven = sweepCase("42", seconds: 2, cbc: peerRun("feasible", seconds: 1, objective: 101, bound: 99))
    #expect(unproven.ratioToFasterPeer == nil)
}

@Test func sweepSummaryCountsProofsWithinTheBudgetAndAgainstPeers() {
    let cases = [
        sweepCase("01", seconds: 1),
        sweepCase("40", seconds: 12),  // proven, but late
        sweepCase("42", status: "feasible", seconds: 30, objective: 101, bound: 100),
        sweepCase("52", seconds: 3, highs: peerRun("optimal", seconds: 2, objective: 100)),  // slower than HiGHS
        sweepCase("38", seconds: 1, cbc: peerRun("optimal", seconds: 5, objective: 100)),
    ]
    let s = SweepSummary(cases, capacityRatio: 1.25)
    #expect(s.count == 5)
    #expect(s.proven == 4)
    #expect(s.provenWithin == 3)
    #expect(s.seconds?.median == 3)
    #expect(s.seconds?.max == 30)
    #expect(s.peered == 2)
    #expect(s.noSlower == 1)
    #expect(s.worstRatio == 1.5)
}

@Test func aSweepOptimumWorseThanAPeersIsABug() {
    // DiaBan "proves" 105 where HiGHS proves 100: a wrong optimum.
    let wrong = sweepCase("42", objective: 105, highs: peerRun("optimal", seconds: 3, objective: 100))
    // Equal within the gap tolerance: no bug.
    let fine = sweepCase("40", objective: 100, cbc: peerRun("optimal", seconds: 3, objective: 100.005))
    // A plan that breaks a hard rule.
    let broken = sweepCase("01", violations: 2)
    let file = resultsFile(sweep: [wrong, fine, broken])
    #expect(file.bugs.contains { $0.hasPrefix("sweep-42") && $0.contains("HiGHS") })
    #expect(!file.bugs.contains { $0.hasPrefix("sweep-40") })
    #expect(file.bugs.contains { $0.hasPrefix("sweep-01") && $0.contains("hard rule") })
    #expect(target(file, "Province sweep: no optimum worse than a peer's")?.met == false)
    #expect(target(file, "Province sweep: no optimum worse than a peer's")?.value.contains("sweep-42") == true)
}

@Test func sweepTargetsAreJudgedOnTheWholeSweepOnly() {
    let subset = resultsFile(sweep: [sweepCase("42", seconds: 1)])
    #expect(target(subset, "Province sweep: proven within 10 s")?.met == nil)
    #expect(target(subset, "Province sweep: proven within 10 s")?.value.contains("subset of 1") == true)

    // The whole sweep: 34 provinces × seeds × ratios, one case late.
    var cases: [SweepCaseResult] = []
    for p in 0..<34 {
        for ratio in SweepCase.capacityRatios {
            for (i, seed) in SweepCase.seeds.enumerated() {
                let late = p == 7 && ratio == 1.25 && i == 2
                cases.append(sweepCase(String(format: "%02d", p), seed: seed, ratio: ratio, seconds: late ? 11 : 1,
                                       cbc: i == 0 ? peerRun("optimal", seconds: 2, objective: 100) : nil))
            }
        }
    }
    let whole = resultsFile(sweep: cases)
    #expect(target(whole, "Province sweep: proven within 10 s")?.met == false)
    #expect(target(whole, "Province sweep: vs the faster peer")?.met == true)
    #expect(target(whole, "Province sweep: no optimum worse than a peer's")?.met == true)
    var fixed = cases
    fixed[7 * 6 + 2] = sweepCase("07", seed: SweepCase.seeds[2], ratio: 1.25, seconds: 1)
    #expect(target(resultsFile(sweep: fixed), "Province sweep: proven within 10 s")?.met == true)
    #expect(whole.markdown().contains("## Province sweep"))
}

@Test func highsLineIsReadAfterItsBanner() {
    let out = """
        Running HiGHS 1.16.0 (git hash: f3f113d): Copyright (c) 2026 under MIT licence terms
        {"status": "optimal", "objective": 3083.2381826705, "bound": 3083.2381826705, "nodes": 1, "version": "HiGHS 1.16.0"}
        """
    let r = Peers.parseHiGHS(out)
    #expect(r.status == "optimal")
    #expect(r.objective == 3083.2381826705)
    let stopped = Peers.parseHiGHS(#"{"status": "feasible", "objective": 12, "bound": 11.5, "nodes": 300}"#)
    #expect(stopped.status == "feasible")
    #expect(stopped.bound == 11.5)
    #expect(Peers.parseHiGHS("Traceback (most recent call last):").status == "failed")
    #expect(Peers.parseHiGHS(#"{"status": "weird", "objective": null, "bound": null}"#).status == "failed")
}

@Test func aSchemaTwoFileReadsWithoutSweepOrHiGHS() throws {
    var file = resultsFile(sweep: [sweepCase("42")])
    file.schema = "diaban.bench/2"
    var object = try JSONSerialization.jsonObject(with: try file.encoded()) as! [String: Any]
    object.removeValue(forKey: "sweep")
    let data = try JSONSerialization.data(withJSONObject: object)
    let read = try ResultsFile.decode(data, name: "old.json")
    #expect(read.sweep.isEmpty)
    #expect(read.machine.highs == nil)
    // And the current schema round-trips its sweep.
    let again = try ResultsFile.decode(try resultsFile(sweep: [sweepCase("42")]).encoded(), name: "new.json")
    #expect(again.sweep.count == 1)
    #expect(again.sweep[0].name == "sweep-42-s1-r1.25")
}

@Test func comparingTwoSweepsFlagsALostProof() {
    let old = resultsFile(sweep: [sweepCase("42", seconds: 1), sweepCase("40", status: "feasible", seconds: 30, objective: 101, bound: 100)])
    let new = resultsFile(sweep: [sweepCase("42", status: "feasible", seconds: 30, objective: 101, bound: 100), sweepCase("40", seconds: 2)])
    let c = Comparison(old: old, new: new)
    #expect(c.regressions.contains { $0.subject == "sweep-42-s1-r1.25" && $0.text.hasPrefix("proven before") })
    #expect(c.findings.contains { $0.kind == .improvement && $0.subject == "sweep-40-s1-r1.25" })
    #expect(!c.regressions.contains { $0.subject == "sweep-40-s1-r1.25" })
}
