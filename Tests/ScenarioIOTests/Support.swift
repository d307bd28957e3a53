import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

/// The package's root folder (for the bundled scenarios).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fixture folder's path.
func fixture(_ relative: String) -> String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative).path
}

/// A scratch folder with the given files (name → bytes), removed by the caller's `defer`.
struct Scratch {
    let dir: String

    init(_ files: [String: Data] = [:]) throws {
        dir = NSTemporaryDirectory() + "diaban-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, data) in files { try write(name, data) }
    }

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    func path(_ name: String) -> String { dir + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

let minimalYAML = """
    name: Test
    headquarters: {name: HQ, lat: 18.675, lon: 105.66}
    tables: {communes: communes.csv, officers: officers.csv, current: current.csv}

    """

let minimalCommunes = """
    code,name,kind,terrain,area_km2,population,lat,lon
    10001,Xã Một,xa,mountain,100,10000,19.0,105.0
    10002,Phường Hai,phuong,lowland,10,50000,18.7,105.6

    """

let minimalOfficers = """
    id,name,capacity
    O1,Nguyễn Văn A,5
    O2,Trần Thị B,5

    """

let minimalCurrent = """
    commune,officer
    10001,O1
    10002,O2

    """

/// Writes a scenario with the given tables (defaults: the minimal ones) and loads it.
func load(
    yaml: String = minimalYAML, communes: Data? = nil, officers: Data? = nil, current: Data? = nil, extra: [String: Data] = [:]
) throws -> Result<LoadedScenario, ScenarioErrors> {
    let s = try Scratch(extra)
    defer { s.remove() }
    try s.write("scenario.yaml", yaml)
    try s.write("communes.csv", communes ?? Data(minimalCommunes.utf8))
    try s.write("officers.csv", officers ?? Data(minimalOfficers.utf8))
    try s.write("current.csv", current ?? Data(minimalCurrent.utf8))
    do {
        return .success(try ScenarioLoader.loadDetailed(path: s.path("scenario.yaml")))
    } catch {
        return .failure(error)
    }
}

func load(yaml: String = minimalYAML, communes: String? = nil, officers: String? = nil, current: String? = nil) throws -> Result<LoadedScenario, ScenarioErrors> {
    try load(yaml: yaml, communes: communes.map { Data($0.utf8) }, officers: officers.map { Data($0.utf8) }, current: current.map { Data($0.utf8) })
}

extension Result where Success == LoadedScenario, Failure == ScenarioErrors {
    /// The errors, or a test failure when the load succeeded.
    func errors(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [ScenarioError] {
        switch self {
        case .success: Issue.record("expected problems, the scenario loaded", sourceLocation: sourceLocation); return []
        case .failure(let e): return e.errors
        }
    }

    func loaded(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> LoadedScenario? {
        switch self {
        case .success(let l): return l
        case .failure(let e): Issue.record("expected a valid scenario, got:\n\(e)", sourceLocation: sourceLocation); return nil
        }
    }
}
