import DiaBanCore
import Foundation
import GRDB

/// A decision to record: the pairs that end and begin on its effective date.
public struct Adoption: Sendable {
    /// One commune's change: its officers `from` hand it to `to`.
    public struct Change: Sendable, Equatable {
        public var commune: String
        public var from: [String]
        public var to: [String]
        /// Why it is adopted, for the summary: "accepted move 3", "forced: leave".
        public var why: String
        public init(commune: String, from: [String], to: [String], why: String) {
            self.commune = commune
            self.from = from
            self.to = to
            self.why = why
        }
    }

    public var reference: String
    public var effective: Day
    public var note: String
    /// A fingerprint of the plan adopted; the same plan is never adopted twice.
    public var plan: String
    /// The assignment the plan started from: it must be the register's state.
    public var base: Assignment
    public var changes: [Change]
    /// Pairs the decision refuses: the new pairs of rejected moves (`reject`) and the pairs kept
    /// as they were (`keep`). They stand until the next decision, so that a plan made from the
    /// register does not propose them again.
    public var refusals: [(pair: Pair, verdict: String)] = []
    /// Names of the officers the changes name; an officer the register does not know yet is
    /// added with this name (a roster grows).
    public var officerNames: [String: String]
    /// The roster changes the decision records, dated on its effective day: an officer who
    /// leaves (every period of theirs ends), joins, goes on leave or returns. `base` is the
    /// assignment after them: an officer who leaves has no pair in it.
    public var roster: [RosterEvent] = []

    public init(reference: String, effective: Day, note: String, plan: String, base: Assignment, changes: [Change], officerNames: [String: String]) {
        self.reference = reference
        self.effective = effective
        self.note = note
        self.plan = plan
        self.base = base
        self.changes = changes
        self.officerNames = officerNames
    }
}

/// What an adoption recorded.
public struct AdoptionResult: Sendable {
    public var decision: RecordedDecision
    public var ended: [Pair]
    public var began: [Pair]
    /// Pairs in force before that continue.
    public var continuing: Int
    public var newOfficers: [String]
    /// The roster events recorded with the decision.
    public var roster: [RosterEvent] = []
}

extension Register {
    /// Records a decision in one transaction: every check is made inside it, so two adoptions
    /// at once cannot both pass them, and any refusal leaves the register untouched.
    ///
    /// Refused (``RegisterError/Code/refused``): a reference already recorded, the same plan
    /// adopted before, an effective date on or before the last decision's, a plan made from a
    /// different state of the register, a change that does not fit that state, or a result that
    /// leaves a commune with other than its staffing.
    public func adopt(_ adoption: Adoption) throws(RegisterError) -> AdoptionResult {
        do {
            var result: AdoptionResult?
            try queue.inTransaction(.immediate) { db in
                result = try record(adoption, db)
                Self.pauseForTests()
                return .commit
            }
            return result!
        } catch let e as RegisterError {
            throw e
        } catch {
            throw Self.translate(error, path: path, doing: "record the decision")
        }
    }

    private func record(_ a: Adoption, _ db: Database) throws -> AdoptionResult {
        func refuse(_ message: String, _ refusal: RegisterError.Refusal? = nil) -> RegisterError {
            RegisterError(.refused, message + " Nothing was written.", refusal: refusal)
        }
        if let row = try Row.fetchOne(db, sql: "SELECT effective FROM decision WHERE reference = ?", arguments: [a.reference]) {
            let effective: String = row["effective"]
            throw refuse("The decision \"\(a.reference)\" is already in the register (effective \(effective)). A decision is adopted once; a correction is a new decision with its own reference.",
                         .referenceRecorded(reference: a.reference, effective: effective))
        }
        if !a.plan.isEmpty, let row = try Row.fetchOne(db, sql: "SELECT reference, effective FROM decision WHERE plan = ?", arguments: [a.plan]) {
            let reference: String = row["reference"], effective: String = row["effective"]
            throw refuse("This plan was already adopted by \"\(reference)\" (effective \(effective)). Make a new plan from the register's present state to change it again.",
                         .planAdopted(reference: reference, effective: effective))
        }
        if let last = try Row.fetchOne(db, sql: "SELECT reference, effective FROM decision ORDER BY effective DESC, id DESC LIMIT 1"),
           let lastDay = Day(iso: last["effective"]), a.effective <= lastDay {
            let reference: String = last["reference"]
            throw refuse("The effective date \(a.effective) is not after the last decision in the register, \"\(reference)\" effective \(lastDay). Decisions are recorded in the order they take effect; give a later --effective date.",
                         .notAfter(effective: a.effective.description, lastReference: reference, lastEffective: lastDay.description))
        }
        let names = try officerNames(db)
        let communes = try communeRows(db)

        // The plan must start from what the register holds now, less the pairs of the officers
        // who leave with this decision (a what-if that removes an officer starts without them).
        let open = try Row.fetchAll(db, sql: "SELECT officer, commune FROM period WHERE end_date IS NULL")
        let held = Assignment(open.map { Pair(officer: $0["officer"], commune: $0["commune"]) })
        try checkRoster(a, held: held, names: names, refuse: { refuse($0) })
        let leaving = Set(a.roster.filter { $0.kind == .leaves }.map(\.officer))
        let departing = held.pairs.filter { leaving.contains($0.officer) }.sorted()
        let state = Assignment(held.pairs.filter { !leaving.contains($0.officer) })
        if state != a.base {
            let now = state.officersByCommune, then = a.base.officersByCommune
            let differing = Set(now.keys).union(then.keys).sorted().filter { now[$0] != then[$0] }
            let shown = differing.prefix(5).map { code in
                "\(communes[code]?.name ?? code): the plan starts from \(Self.list(then[code])), the register has \(Self.list(now[code]))"
            }
            let parts = differing.map { code in
                let ids = (then[code] ?? []) + (now[code] ?? [])
                return RegisterError.StateDifference(
                    commune: code, communeName: communes[code]?.name ?? code, plan: then[code] ?? [], register: now[code] ?? [],
                    officerNames: Dictionary(ids.map { ($0, names[$0] ?? a.officerNames[$0] ?? $0) }, uniquingKeysWith: { x, _ in x }))
            }
            throw refuse("The plan was made from a different state of the register (\(differing.count) commune\(differing.count == 1 ? "" : "s") differ: \(shown.joined(separator: "; "))\(differing.count > 5 ? "; …" : "")). Make the plan again from the register (a scenario whose current table is the register, or diaban register export).",
                         .stateDiffers(parts))
        }
        for e in a.roster where e.kind == .leaves {
            let there = departing.filter { $0.officer == e.officer }.map(\.commune).sorted()
            if there != e.communes.sorted() {
                let name = { (codes: [String]) in codes.isEmpty ? "none" : codes.map { communes[$0]?.name ?? $0 }.joined(separator: ", ") }
                throw refuse("The plan has \(e.officerName) (\(e.officer)) leave \(name(e.communes.sorted())), but in the register they track \(name(there)). Make the plan again from the register.")
            }
        }

        // New officers join the roster; a known officer keeps their name.
        var added: [String] = []
        for e in a.roster where e.kind == .joins && names[e.officer] == nil {
            try db.execute(sql: "INSERT INTO officer (id, name) VALUES (?, ?)", arguments: [e.officer, e.officerName])
            added.append(e.officer)
        }
        for id in Set(a.changes.flatMap(\.to)).sorted() where names[id] == nil && !added.contains(id) {
            guard let name = a.officerNames[id], !name.isEmpty else {
                throw refuse("The decision gives commune(s) to officer \(id), whom the register does not know, without a name.")
            }
            try db.execute(sql: "INSERT INTO officer (id, name) VALUES (?, ?)", arguments: [id, name])
            added.append(id)
        }
        for (id, name) in a.officerNames.sorted(by: { $0.key < $1.key }) {
            if let known = names[id], !Self.sameName(known, name) {
                throw refuse("Officer \(id) is \"\(known)\" in the register but \"\(name)\" in the plan. Check the plan's roster (a renamed officer is a new decision with its own record).")
            }
        }

        try db.execute(sql: "INSERT INTO decision (reference, effective, kind, note, plan) VALUES (?, ?, 'adopt', ?, ?)",
                       arguments: [a.reference, a.effective.description, a.note, a.plan])
        let decision = db.lastInsertedRowID
        var ended: [Pair] = [], began: [Pair] = []
        var after = state.pairSet
        // Who leaves: every period of theirs ends on the effective date.
        for p in departing {
            try db.execute(sql: "UPDATE period SET end_date = ?, ended_by = ? WHERE officer = ? AND commune = ? AND end_date IS NULL",
                           arguments: [a.effective.description, decision, p.officer, p.commune])
            ended.append(p)
        }
        for e in a.roster {
            try db.execute(sql: "INSERT INTO roster_event (decision, day, officer, kind) VALUES (?, ?, ?, ?)",
                           arguments: [decision, a.effective.description, e.officer, e.kind.rawValue])
        }
        var seen = Set<String>()
        for change in a.changes {
            guard let commune = communes[change.commune] else {
                throw refuse("The decision changes commune \(change.commune), which the register does not have.")
            }
            guard seen.insert(change.commune).inserted else {
                throw refuse("The decision changes \(commune.name) (\(change.commune)) twice.")
            }
            for id in change.from {
                let pair = Pair(officer: id, commune: change.commune)
                guard after.contains(pair) else {
                    throw refuse("\(change.why.capitalizedFirst): \(names[id] ?? id) (\(id)) does not track \(commune.name) (\(change.commune)) in the register, so that pair cannot end.")
                }
                try db.execute(sql: "UPDATE period SET end_date = ?, ended_by = ? WHERE officer = ? AND commune = ? AND end_date IS NULL",
                               arguments: [a.effective.description, decision, id, change.commune])
                after.remove(pair)
                ended.append(pair)
            }
            for id in change.to {
                let pair = Pair(officer: id, commune: change.commune)
                if leaving.contains(id) {
                    throw refuse("\(change.why.capitalizedFirst): \(names[id] ?? id) (\(id)) leaves with this decision and cannot be given \(commune.name) (\(change.commune)).")
                }
                guard after.insert(pair).inserted else {
                    throw refuse("\(change.why.capitalizedFirst): \(id) already tracks \(commune.name) (\(change.commune)).")
                }
                try db.execute(sql: "INSERT INTO period (officer, commune, start_date, started_by) VALUES (?, ?, ?, ?)",
                               arguments: [id, change.commune, a.effective.description, decision])
                began.append(pair)
            }
        }
        for r in a.refusals {
            guard r.verdict == "reject" || r.verdict == "keep" else { throw refuse("A refusal is reject or keep, not \(r.verdict).") }
            guard communes[r.pair.commune] != nil else { throw refuse("The decision refuses a pair on commune \(r.pair.commune), which the register does not have.") }
            if names[r.pair.officer] == nil && !added.contains(r.pair.officer) {
                guard let name = a.officerNames[r.pair.officer], !name.isEmpty else {
                    throw refuse("The decision refuses a pair of officer \(r.pair.officer), whom the register does not know, without a name.")
                }
                try db.execute(sql: "INSERT INTO officer (id, name) VALUES (?, ?)", arguments: [r.pair.officer, name])
                added.append(r.pair.officer)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO refusal (decision, officer, commune, verdict) VALUES (?, ?, ?, ?)",
                           arguments: [decision, r.pair.officer, r.pair.commune, r.verdict])
        }
        let counts = Dictionary(grouping: after, by: \.commune).mapValues(\.count)
        let unstaffed = communes.values.filter { (counts[$0.code] ?? 0) != $0.staffing }.sorted { $0.code < $1.code }
        if !unstaffed.isEmpty {
            let shown = unstaffed.prefix(5).map { "\($0.name) (\($0.code)) would have \(counts[$0.code] ?? 0) officer(s) for a staffing of \($0.staffing)" }
            throw refuse("Adopting these changes alone would leave communes wrongly staffed: \(shown.joined(separator: "; "))\(unstaffed.count > 5 ? "; …" : ""). Accept the moves that go together, or re-plan with the decisions and adopt that plan.")
        }
        let record = RecordedDecision(reference: a.reference, effective: a.effective, kind: .adoption, note: a.note, began: began.count, ended: ended.count)
        var result = AdoptionResult(decision: record, ended: ended.sorted(), began: began.sorted(), continuing: held.pairs.count - ended.count, newOfficers: added)
        result.roster = a.roster
        return result
    }

    /// Refuses roster events that do not fit the register: an officer who leaves, goes on
    /// leave or returns must be in it (and one who leaves must still track a commune or be
    /// there); one who joins must not be tracking a commune already; an officer has one event.
    private func checkRoster(_ a: Adoption, held: Assignment, names: [String: String], refuse: (String) -> RegisterError) throws(RegisterError) {
        guard !a.roster.isEmpty else { return }
        var seen = Set<String>()
        let tracking = Set(held.pairs.map(\.officer))
        for e in a.roster {
            guard seen.insert(e.officer).inserted else {
                throw refuse("The plan changes the roster of \(e.officerName) (\(e.officer)) twice; a decision records one event per officer.")
            }
            switch e.kind {
            case .leaves, .onLeave, .returns:
                guard names[e.officer] != nil else {
                    throw refuse("The plan has \(e.officerName) (\(e.officer)) \(Self.phrase(e.kind)), but the register does not know \(e.officer). Make the plan again from the register.")
                }
            case .joins:
                if tracking.contains(e.officer) {
                    throw refuse("The plan has \(e.officerName) (\(e.officer)) join the roster, but the register already has \(e.officer) tracking communes. Give the new officer an id the register does not use.")
                }
            }
        }
    }

    static func phrase(_ kind: RosterEvent.Kind) -> String {
        switch kind {
        case .leaves: "leave"
        case .joins: "join"
        case .onLeave: "go on leave"
        case .returns: "return from leave"
        }
    }

    /// For the crash tests: `DIABAN_TEST_PAUSE_BEFORE_COMMIT=SECONDS` holds the adopt's
    /// transaction open, written but not committed, and says so on stderr.
    static func pauseForTests() {
        guard let text = ProcessInfo.processInfo.environment["DIABAN_TEST_PAUSE_BEFORE_COMMIT"], let seconds = Double(text), seconds > 0 else { return }
        FileHandle.standardError.write(Data("register: transaction written, not committed; pausing \(text) s\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }

    static func list(_ ids: [String]?) -> String { (ids ?? []).isEmpty ? "nobody" : ids!.joined(separator: ", ") }

    /// Names compared as people write them: NFC, case and spacing aside.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> String {
            s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return key(a) == key(b)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
