// Reads a scenario as `diaban check` does: the scenario, or every problem with its file,
// line and field.
import DiaBanCore
import Foundation
import ScenarioIO

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let path = folder.appendingPathComponent("scenarios/nghe-an/what-if-retire.yaml").path

switch ScenarioLoader.reading(path: path) {
case .success(let loaded):
    let s = loaded.scenario
    print(s.name(english: true), "—", s.communes.count, "communes,", s.officers.count, "officers")  // Nghệ An, CB42 retires — 130 communes, 43 officers
    print(loaded.changes.map(\.operation))  // ["removeOfficer"]
case .failure(let problems):
    for p in problems.errors { print(p) }  // file:line: field: what is wrong (what to do)
}
