import ArgumentParser
import DiaBanCore
import Foundation
import Register
import ScenarioIO

/// Loads a scenario, printing every problem found (file, line, field) and exiting 65 on bad data.
func loadScenario(_ path: String) throws -> (scenario: Scenario, inputFiles: [String]) {
    do {
        let loaded = try ScenarioLoader.loadDetailed(path: path, current: RegisterCurrentSource())
        return (loaded.scenario, loaded.inputFiles)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(ExitStatus.badData)
    }
}

/// A scenario path that is not a file is a usage error (64), not bad data: every command
/// that takes scenarios checks it in `validate()`.
func requireScenarioFile(_ path: String) throws {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
        throw ValidationError("No scenario file at \(path). Give the path of a scenario YAML file, e.g. scenarios/nghe-an/baseline.yaml.")
    }
}
