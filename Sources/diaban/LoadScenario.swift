import ArgumentParser
import DiaBanCore
import Foundation
import ScenarioIO

/// Loads a scenario, printing every problem found (file, line, field) and exiting 65 on bad data.
func loadScenario(_ path: String) throws -> (scenario: Scenario, inputFiles: [String]) {
    do {
        let loaded = try ScenarioLoader.loadDetailed(path: path)
        return (loaded.scenario, [loaded.file] + loaded.tables.values.sorted())
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(ExitStatus.badData)
    }
}
