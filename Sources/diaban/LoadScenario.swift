import ArgumentParser
import DiaBanCore
import Foundation
import ScenarioIO

/// Loads a scenario, printing every problem found (file, line, field) and exiting 65 on bad data.
func loadScenario(_ path: String) throws -> (scenario: Scenario, inputFiles: [String]) {
    do {
        let scenario = try ScenarioLoader.load(path: path)
        return (scenario, [path])
    } catch let errors as ScenarioErrors {
        FileHandle.standardError.write(Data((errors.description + "\n").utf8))
        throw ExitCode(ExitStatus.badData)
    }
}
