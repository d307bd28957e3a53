import DiaBanCore
import Foundation

/// Reads `decisions.csv` — one row per proposed move: `move`, `commune`, `from`, `to`,
/// `decision` (required), `commune_name`, `from_name`, `to_name`, `gain`, `note` (optional) —
/// and checks every row against the roster, reporting every problem with its line and field.
public enum DecisionsFile {
    public static let required = ["move", "commune", "from", "to", "decision"]
    public static let optional = ["commune_name", "from_name", "to_name", "gain", "note", "rule", "source"]

    /// The decisions of the file, in file order, with notes worth knowing (`warnings`).
    public static func read(path: String, roster: DecisionRoster) throws(ScenarioErrors) -> (decisions: [Decision], warnings: [ScenarioError]) {
        let problems = Problems()
        let table = CSVTable.read(path: path, file: path, what: "decisions file", required: required, reference: nil, problems: problems)
        return try read(table, file: path, roster: roster, problems: problems)
    }

    /// The decisions of a file's bytes (the workspace holds them in memory), checked exactly as
    /// ``read(path:roster:)`` checks a file; problems name `file`.
    public static func read(data: Data, file: String, roster: DecisionRoster) throws(ScenarioErrors) -> (decisions: [Decision], warnings: [ScenarioError]) {
        let problems = Problems()
        let table = CSVTable.parse(data, file: file, what: "decisions file", required: required, problems: problems)
        return try read(table, file: file, roster: roster, problems: problems)
    }

    private static func read(_ table: CSVTable?, file path: String, roster: DecisionRoster, problems: Problems) throws(ScenarioErrors) -> (decisions: [Decision], warnings: [ScenarioError]) {
        guard let table, required.allSatisfy(table.has) else {
            throw ScenarioErrors(problems.errors)
        }
        table.warnNearMissColumns(known: required + optional, problems: problems)
        var decisions: [Decision] = []
        var byCommune: [String: [Decision]] = [:]
        var byMove = FirstLines<Int>()
        let planMoves = roster.planMoves.map { Dictionary($0.map { ($0.commune, $0) }, uniquingKeysWith: { a, _ in a }) }
        for row in table.rows {
            let f = CSVFields(table: table, row: row, problems: problems)
            let before = problems.count
            guard let d = decision(f, roster: roster) else { continue }
            _ = byMove.claim(d.move, line: d.line, problems: problems, .badDecision, at: f.location("move"),
                             { "Move \(d.move) is listed twice (first on line \($0))." }, hint: "Each move has one row; delete the copy.")
            let name = roster.communes[d.commune] ?? d.commune
            if let clash = contradiction(d, with: byCommune[d.commune] ?? [], name: name) {
                problems.add(.badDecision, f.location(clash.field), clash.message, hint: clash.hint)
                continue
            }
            byCommune[d.commune, default: []].append(d)
            if let planMoves {
                let name = roster.communes[d.commune] ?? d.commune
                if let m = planMoves[d.commune] {
                    if Set(m.from) != Set(d.from) || Set(m.to) != Set(d.to) {
                        problems.add(.badDecision, f.location("to"),
                                     "The plan moves \(name) (\(d.commune)) from \(list(m.from)) to \(list(m.to)), but this row says from \(list(d.from)) to \(list(d.to)): not a move the plan proposed.",
                                     hint: "Use the decisions file written with this plan, or correct the row to the plan's move.")
                        continue
                    }
                } else {
                    problems.add(.badDecision, f.location("commune"),
                                 "The plan proposes no move for \(name) (\(d.commune)): this row is not a move the plan proposed.",
                                 hint: "Delete the row, or use the plan the decisions file was written with.")
                    continue
                }
            }
            if problems.count == before { decisions.append(d) }
        }
        // A held officer is given no new commune: no accepted move may give them one.
        for h in decisions where h.verdict == .hold {
            for a in decisions where a.verdict == .accept && !Set(a.to).isDisjoint(with: h.to) {
                let who = Set(a.to).intersection(h.to).sorted().joined(separator: ", ")
                problems.add(.badDecision, SourceLocation(file: path, line: h.line, field: "decision"),
                             "This row holds \(who) (no new commune), but line \(a.line) accepts a move that gives \(who) \(roster.communes[a.commune] ?? a.commune) (\(a.commune)).",
                             hint: "Hold the officer or accept the move, not both.")
            }
        }
        if decisions.isEmpty && problems.isEmpty && table.rows.isEmpty {
            problems.warn(.emptyFile, SourceLocation(file: path, line: 1), "The decisions file has no rows: nothing is decided.",
                          hint: "Use the decisions.csv that diaban solve --out wrote, with a decision on each row.")
        }
        if let moves = roster.planMoves, problems.isEmpty {
            for m in moves where !(byCommune[m.commune] ?? []).contains(where: { !$0.earlier }) {
                problems.warn(.badDecision, SourceLocation(file: path),
                              "The plan moves \(roster.communes[m.commune] ?? m.commune) (\(m.commune)), but the decisions file has no row for it: it counts as pending.",
                              hint: "Add the row, or leave it: a move without a row is not adopted.")
            }
        }
        guard problems.isEmpty else { throw ScenarioErrors(problems.errors) }
        return (decisions, problems.warnings)
    }

    /// Why `d` cannot stand beside the rows already read for its commune, if it cannot: the
    /// same move twice, two verdicts on one move, two moves of the plan for one commune, two
    /// accepted moves, or a move accepted while the commune is kept.
    private static func contradiction(_ d: Decision, with others: [Decision], name: String) -> (field: String, message: String, hint: String)? {
        for o in others {
            if Set(o.to) == Set(d.to) && Set(o.from) == Set(d.from) {
                if o.verdict == d.verdict {
                    return ("commune", "\(name) (\(d.commune)) is decided twice (first on line \(o.line)).", "Keep one row per move.")
                }
                return ("decision", "This row and line \(o.line) contradict each other: both decide the move of \(name) (\(d.commune)) to \(d.to.joined(separator: ", ")), one says \(o.verdict.rawValue), this one \(d.verdict.rawValue).",
                        "Keep one row per move, with the decision that stands.")
            }
            if !o.earlier && !d.earlier {
                return ("commune", "\(name) (\(d.commune)) has two moves of the plan (this row and line \(o.line)); a plan moves a commune once.",
                        "Use the decisions file written with the plan; an earlier decision that still stands says source = earlier.")
            }
            let verdicts = Set([o.verdict, d.verdict])
            if o.verdict == .accept && d.verdict == .accept {
                return ("decision", "This row and line \(o.line) both accept a move of \(name) (\(d.commune)), to different officers.", "Accept one of the two.")
            }
            if verdicts == [.accept, .keep] {
                return ("decision", "This row and line \(o.line) contradict each other: one keeps \(name) (\(d.commune)) as it is, the other accepts a move of it.",
                        "Keep the commune or accept the move, not both.")
            }
        }
        return nil
    }

    private static func decision(_ f: CSVFields, roster: DecisionRoster) -> Decision? {
        let before = f.problems.count
        let move = f.integer("move", "move number", in: 1...1_000_000, required: true, rangeHint: "Give the move's number as the proposal printed it, 1 or more.")
        let commune = f.required("commune", "commune code", hint: "Give the commune's code, as the proposal wrote it.")
        let from = ids(f, "from"), to = ids(f, "to")
        var verdict: Decision.Verdict?
        if let raw = f.text("decision") {
            let key = Text.wordKey(raw)
            if let v = Decision.Verdict.words.first(where: { $0.word == key })?.verdict {
                verdict = v
            } else {
                let words = Decision.Verdict.allCases.map(\.rawValue)
                f.problems.add(.badValue, f.location("decision"),
                               "\"\(raw)\" is not a decision." + Text.didYouMean(raw, words + Decision.Verdict.words.map(\.word)),
                               hint: "Write accept, reject, keep, hold or pending (or đồng ý, không đồng ý, giữ nguyên, không giao thêm, chờ).")
            }
        } else {
            verdict = .pending
        }
        var gain: Double?
        if f.text("gain") != nil {
            gain = f.number("gain", "gain", in: -1e9...1e9, rangeHint: "The points the proposal printed; leave it as written.")
        }
        let note = f.text("note") ?? ""
        var earlier = false
        if let raw = f.text("source") {
            switch Text.wordKey(raw) {
            case "plan", "": earlier = false
            case "earlier": earlier = true
            default:
                f.problems.add(.badValue, f.location("source"), "\"\(raw)\" is not a source of a decision." + Text.didYouMean(raw, ["plan", "earlier"]),
                               hint: "Write plan (a move of this plan) or earlier (a decision of an earlier round that still stands).")
            }
        }
        guard f.problems.count == before, let move, let commune, let verdict else { return nil }
        if earlier && (verdict == .accept || verdict == .pending) {
            f.problems.add(.badDecision, f.location("decision"), "An earlier decision that still stands is a reject or a keep, not \(verdict.rawValue).",
                           hint: "An accepted move of an earlier round is already in the current assignment; delete the row.")
            return nil
        }

        // The roster: every code known, every repeated name the roster's.
        var ok = true
        guard let communeName = roster.communes[commune] else {
            f.problems.add(.unknownReference, f.location("commune"), "The decisions file names commune \(commune), which the scenario does not have." + Text.didYouMean(commune, Array(roster.communes.keys)),
                           hint: "Use the decisions file written for this scenario; a commune code is copied from the proposal.")
            return nil
        }
        if let given = f.text("commune_name"), !Text.sameName(given, communeName, commune: true) {
            f.problems.add(.nameMismatch, f.location("commune_name"),
                           "Commune \(commune) is \"\(communeName)\" in the scenario but \"\(given)\" in this row (a cut-off or shifted row?).",
                           hint: "Check the row: the code and the name must be the same commune.")
            ok = false
        }
        for (column, names) in [("from", "from_name"), ("to", "to_name")] {
            let list = column == "from" ? from : to
            let given = f.text(names).map { $0.split(separator: ";").map { Text.clean(String($0)) } }
            for (i, id) in list.enumerated() {
                guard let name = roster.officers[id] else {
                    f.problems.add(.unknownReference, f.location(column), "The decisions file names officer \(id), who is not in the scenario's roster." + Text.didYouMean(id, Array(roster.officers.keys)),
                                   hint: "Use the decisions file written for this scenario; officer ids are copied from the proposal.")
                    ok = false
                    continue
                }
                if let given, i < given.count, !Text.sameName(given[i], name) {
                    f.problems.add(.nameMismatch, f.location(names),
                                   "Officer \(id) is \"\(name)\" in the roster but \"\(given[i])\" in this row (a cut-off or shifted row?).",
                                   hint: "Check the row: the id and the name must be the same officer.")
                    ok = false
                }
            }
        }
        guard ok else { return nil }

        // A move the plan could have proposed: from the commune's officers, to others allowed.
        let current = roster.current[commune] ?? []
        if from.isEmpty && to.isEmpty {
            f.problems.add(.badDecision, f.location("to"), "The row moves \(communeName) from nobody to nobody.", hint: "Copy the move from the proposal.")
            return nil
        }
        if Set(from) != Set(current.filter { from.contains($0) }) || !Set(from).isSubset(of: current) || (from.isEmpty && current.count > 0 && to.count <= 0) {
            f.problems.add(.badDecision, f.location("from"),
                           "\(communeName) (\(commune)) is tracked by \(list(current)) in the current assignment, not by \(list(from)): this is not a move the plan proposed.",
                           hint: "Use the decisions file written with the plan, for the same current assignment.")
            return nil
        }
        if let both = to.first(where: from.contains) {
            f.problems.add(.badDecision, f.location("to"), "The row moves \(communeName) from \(both) to \(both): not a move.", hint: "Copy the move from the proposal.")
            return nil
        }
        if let already = to.first(where: current.contains) {
            f.problems.add(.badDecision, f.location("to"), "\(already) already tracks \(communeName): this is not a move the plan proposed.", hint: "Copy the move from the proposal.")
            return nil
        }
        for id in to {
            if let why = roster.whyNotNew(Pair(officer: id, commune: commune)) {
                f.problems.add(.badDecision, f.location("to"), "The row gives \(communeName) to \(id), but \(why): not a move the plan could propose.",
                               hint: "Use the decisions file written for this scenario.")
                return nil
            }
        }
        if verdict == .keep {
            for id in from {
                if let why = roster.whyCannotStay(Pair(officer: id, commune: commune)) {
                    f.problems.add(.badDecision, f.location("decision"), "\(communeName) cannot stay with \(id): \(why).",
                                   hint: "Write reject (the commune then goes to someone else) or pending.")
                    return nil
                }
            }
        }
        return Decision(move: move, commune: commune, from: from, to: to, gain: gain, verdict: verdict, note: note, line: f.line, earlier: earlier)
    }

    /// Officer ids of a `from` or `to` field (several separated by `;`).
    private static func ids(_ f: CSVFields, _ column: String) -> [String] {
        Text.list(f.text(column) ?? "")
    }

    private static func list(_ ids: [String]) -> String { ids.isEmpty ? "nobody" : Text.and(ids) }
}
