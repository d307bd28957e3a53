import DiaBanCore
import Foundation
import ScenarioIO
import Testing

/// The workspace reads the decisions it holds in memory with `DecisionsFile.read(data:…)`; the
/// command line reads files with `read(path:…)`. On every bad decisions file of the corpus (and
/// on a good one) both readings give the same decisions, or the same problems word for word.
@Suite("Decisions read from bytes as from a file")
struct DecisionsBytesTests {
    static let cases = Corpus.cases.filter { $0.hasPrefix("decisions-") && $0 != "decisions-is-folder" }

    @Test("the corpus has bad decisions files to read")
    func enough() { #expect(Self.cases.count >= 20, "\(Self.cases)") }

    @Test("bytes and file give the same answer", arguments: cases + ["_good"])
    func same(name: String) throws {
        let folder = Corpus.root + "/" + (name == "_good" ? "decisions-unknown-word" : name)
        let scenario = try ScenarioLoader.load(path: folder + "/scenario.yaml")
        let roster = DecisionRoster.of(scenario)
        let path = folder + "/decisions.csv"
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if name == "_good" {
            // The same file with its unknown word made a good one: the decisions themselves compare.
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains(",approve,"))
            data = Data(text.replacingOccurrences(of: ",approve,", with: ",accept,").utf8)
            try data.write(to: URL(fileURLWithPath: NSTemporaryDirectory() + "diaban-good-decisions.csv"))
        }
        let filePath = name == "_good" ? NSTemporaryDirectory() + "diaban-good-decisions.csv" : path
        defer { if name == "_good" { try? FileManager.default.removeItem(atPath: filePath) } }
        let fromFile = Result { () throws(ScenarioErrors) in try DecisionsFile.read(path: filePath, roster: roster) }
        let fromBytes = Result { () throws(ScenarioErrors) in try DecisionsFile.read(data: data, file: filePath, roster: roster) }
        switch (fromFile, fromBytes) {
        case (.success(let a), .success(let b)):
            #expect(a.decisions == b.decisions)
            #expect(a.warnings.map(\.description) == b.warnings.map(\.description))
            if name == "_good" { #expect(!a.decisions.isEmpty && a.decisions.allSatisfy { $0.verdict == .accept }, "\(a.decisions)") }
        case (.failure(let a), .failure(let b)):
            #expect(a.description == b.description)
            #expect(a.description.contains(filePath + ":"), "the problems name the file: \(a.description)")
            #expect(name != "_good", "the good file was refused: \(a.description)")
        default:
            Issue.record("\(name): the file gives \(fromFile), the bytes \(fromBytes)")
        }
    }
}
