import DiaBanCore
import Foundation
import GLPKSolver
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

    @Test("hold: written in either language, it gives the move's officer no new commune in the re-plan, and contradicts an accept to them")
    func hold() throws {
        let (scenario, report) = try solvedSmallScenario()
        let original = report.decisionsCSV().components(separatedBy: "\r\n")
        // The first move whose officer can be held with a plan still possible (holding an
        // officer the province cannot do without leaves no plan, as it should).
        var found: (Move, Int, [String], [Decision], Scenario, PlanOutcome)?
        for (i, move) in report.moves.enumerated() where move.forcedBy == nil && found == nil {
            var lines = original
            lines[i + 1] = lines[i + 1].replacingOccurrences(of: ",pending,", with: ",Không giao thêm,đủ việc")
            let path = try write(lines.joined(separator: "\r\n"))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let read = try DecisionsFile.read(path: path, roster: .of(scenario)).decisions
            let decided = scenario.applying(read)
            let outcome = try Planner(solver: GLPKSolver()).plan(decided, request: PlanRequest(scenario: decided, timeLimit: 60, gap: 0))
            if outcome.plan != nil { found = (move, i + 1, lines, read, decided, outcome) }
        }
        let (move, number, held_lines, read, decided, outcome) = try #require(found, "no move's officer can be held")
        var lines = held_lines
        let held = try #require(read.first { $0.move == number })
        #expect(held.verdict == .hold && held.heldOfficers == move.to && held.note == "đủ việc")
        // The re-plan gives the held officers nothing they do not already track, this commune included.
        let plan = try #require(outcome.plan)
        for officer in move.to { #expect(scenario.newCommunes(of: officer, in: plan).isEmpty, "\(officer) got \(scenario.newCommunes(of: officer, in: plan))") }
        let review = PlanContext(scenario: scenario).review(read, file: "decisions.csv", plan: plan, proposal: outcome.proposal)
        #expect(review.allHonoured && review.held == 1, "\(review.rows.filter { !$0.honoured })")
        #expect(review.rows.first { $0.move == number }?.outcome.contains("given no new commune") == true)
        // Without the hold, the proposal gives them the commune: the hold is what changed it.
        #expect(move.to.contains { !scenario.newCommunes(of: $0, in: Assignment(report.assignments.map { Pair(officer: $0.officer, commune: $0.commune) })).isEmpty })
        // Carried into the re-plan's own sheet.
        #expect(SolveReport(outcome, scenario: decided).decisionsCSV(previous: read).contains(",hold,đủ việc\r\n"))

        // A hold and an accept of another move to the same officer contradict each other.
        if let other = report.moves.first(where: { $0.commune != move.commune && !Set($0.to).isDisjoint(with: move.to) }),
           let otherNumber = report.moves.firstIndex(where: { $0.commune == other.commune }).map({ $0 + 1 }) {
            lines[otherNumber] = lines[otherNumber].replacingOccurrences(of: ",pending,", with: ",accept,")
            let both = try write(lines.joined(separator: "\r\n"))
            defer { try? FileManager.default.removeItem(atPath: both) }
            #expect { try DecisionsFile.read(path: both, roster: .of(scenario)) } throws: { error in
                "\(error)".contains("holds") && "\(error)".contains("accepts a move")
            }
        }
    }

    @Test("the rows are the file: verdicts and notes carried by move, refusals that still stand appended as earlier rows")
    func rows() throws {
        let (_, report) = try solvedSmallScenario()
        try #require(report.moves.count >= 2)
        let fresh = report.decisionRows()
        #expect(fresh.map(\.move) == Array(1...report.moves.count))
        #expect(fresh.allSatisfy { $0.decision == .pending && $0.note.isEmpty && $0.source == "plan" })
        #expect(SolveReport.decisionsCSV(fresh) == report.decisionsCSV())
        let m0 = report.moves[0], m1 = report.moves[1]
        // A verdict on the plan's first move, and a rejection of a move this plan does not make.
        let other = report.moves.count > 2 ? report.moves[2] : m1
        let elsewhere = Decision(move: 7, commune: other.commune, from: other.from, to: ["NOT-A-PLAN-OFFICER"], gain: 12.5, verdict: .reject,
                                 note: "giữ, \"như cũ\"", line: 8)
        let previous = [Decision(move: 1, commune: m0.commune, from: m0.from, to: m0.to, gain: nil, verdict: .accept, note: "đồng ý", line: 2), elsewhere]
        let rows = report.decisionRows(previous: previous)
        #expect(rows.count == report.moves.count + 1)
        #expect(rows[0].decision == .accept && rows[0].note == "đồng ý")
        #expect(rows[1].commune == m1.commune && rows[1].decision == .pending)
        let last = try #require(rows.last)
        #expect(last.source == "earlier" && last.move == report.moves.count + 1 && last.decision == .reject && last.gain == "12.50" && last.rule.isEmpty)
        let text = report.decisionsCSV(previous: previous)
        #expect(SolveReport.decisionsCSV(rows) == text)
        #expect(text.hasSuffix(",12.50,,earlier,reject,\"giữ, \"\"như cũ\"\"\"\r\n"), "\(text)")
    }
}

@Suite("Move reasons for the Decide panel")
struct MoveReasonTests {
    @Test("each move has the reason the report's proposal gives it, in Vietnamese and in English")
    func sameAsTheReport() throws {
        let (scenario, report) = try solvedSmallScenario()
        try #require(!report.moves.isEmpty)
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var seen: [ReportLanguage: [String: String]] = [:]
        for lang in [ReportLanguage.vi, .en] {
            let reasons = HTMLReport.moveReasons(solve: report, scenario: scenario, lang: lang)
            #expect(Set(reasons.keys) == Set(report.moves.map(\.commune)))
            let html = HTMLReport.render(solve: report, scenario: scenario, lang: lang)
            for (commune, reason) in reasons {
                #expect(!reason.isEmpty)
                #expect(html.contains("<td>\(escaped(reason))</td>"), "\(lang) \(commune): \(reason) is not the report's reason")
            }
            seen[lang] = reasons
        }
        #expect(seen[.vi] != seen[.en], "the reasons were not translated")
    }
}
