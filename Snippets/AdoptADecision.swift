// A register of who tracks which commune: made from a scenario's current assignment, then a
// decision recorded on its effective date.
import DiaBanCore
import Foundation
import Register
import ScenarioIO

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("scenarios/nghe-an/baseline.yaml").path)
let file = NSTemporaryDirectory() + "register-\(UUID().uuidString).sqlite"
defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }

let register = try Register.create(at: file, scenario: scenario, asOf: Day(iso: "2025-07-01")!)
// One commune changes officer: the first commune's officer hands it to the second officer.
let commune = scenario.communes[0].code
let from = scenario.current.officersByCommune[commune] ?? []
let to = scenario.officers.map(\.id).first { !from.contains($0) }!
let adoption = Adoption(
    reference: "Quyết định số 15/QĐ-TU", effective: Day(iso: "2026-01-01")!, note: "", plan: "example",
    base: scenario.current, changes: [.init(commune: commune, from: from, to: [to], why: "accepted move 1")],
    officerNames: Dictionary(uniqueKeysWithValues: scenario.officers.map { ($0.id, $0.name) }))
let result = try register.adopt(adoption)
print(result.ended.count, "ended,", result.began.count, "began,", result.continuing, "continue")  // 1 ended, 1 began, 129 continue
print(try register.history(commune: commune).map { "\($0.officer) \($0.start)–\($0.end?.description ?? "")" })
try register.close()
