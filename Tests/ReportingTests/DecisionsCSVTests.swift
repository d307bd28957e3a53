import DiaBanCore
import Foundation
import Planning
import Reporting
import ScenarioIO
import Testing

@Suite("decisions.csv")
struct DecisionsCSVTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diaban-decisions-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("written with a byte-order mark and CRLF, read back, and written again byte for byte")
    func roundTrip() throws {
        let (scenario, report) = try solvedSmallScenario()
        let text = report.decisionsCSV()
        #expect(text.hasPrefix("\u{FEFF}move,commune,commune_name,from,from_name,to,to_name,gain,rule,source,decision,note\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == report.moves.count + 2)
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try DecisionsFile.read(path: path, roster: .of(scenario)).decisions
        #expect(read.count == report.moves.count)
        #expect(read.allSatisfy { $0.verdict == .pending })
        #expect(zip(read, report.moves).allSatisfy { $0.commune == $1.commune && $0.from == $1.from && $0.to == $1.to && abs(($0.gain ?? .nan) - $1.totalGain) < 0.006 })
        #expect(report.decisionsCSV(previous: read) == text)
        // The proposal reconstructed from the file is the plan.
        #expect(scenario.proposedPlan(read) == Assignment(report.assignments.map { Pair(officer: $0.officer, commune: $0.commune) }))
    }

    @Test("decision words in English or Vietnamese, any case, with or without diacritics; verdicts and notes carry over")
    func words() throws {
        let (scenario, report) = try solvedSmallScenario()
        try #require(report.moves.count >= 4)
        var lines = report.decisionsCSV().components(separatedBy: "\r\n")
        let words = ["Đồng ý", "KHÔNG ĐỒNG Ý", "giu nguyen", "chờ"]
        let forcedKeep = report.moves[2].forcedBy != nil
        for (i, word) in words.enumerated() {
            let w = i == 2 && forcedKeep ? "tu choi" : word
            lines[i + 1] = lines[i + 1].replacingOccurrences(of: ",pending,", with: ",\(w),ghi chú \(i)")
        }
        let path = try write(lines.joined(separator: "\r\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try DecisionsFile.read(path: path, roster: .of(scenario)).decisions
        #expect(read.prefix(4).map(\.verdict) == [.accept, .reject, forcedKeep ? .reject : .keep, .pending])
        #expect(read[1].note == "ghi chú 1")
        let again = report.decisionsCSV(previous: read)
        #expect(again.contains(",accept,ghi chú 0\r\n") && again.contains(",reject,ghi chú 1\r\n"))
    }
}
