import DiaBanCore
import GRDB

extension Register {
    struct CommuneRow { var code: String; var name: String; var staffing: Int }

    func officerNames(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT id, name FROM officer").map { ($0["id"], $0["name"]) }, uniquingKeysWith: { a, _ in a })
    }

    func communeRows(_ db: Database) throws -> [String: CommuneRow] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT code, name, staffing FROM commune").map {
            ($0["code"], CommuneRow(code: $0["code"], name: $0["name"], staffing: $0["staffing"]))
        }, uniquingKeysWith: { a, _ in a })
    }

    private func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(RegisterError) -> T {
        do { return try queue.read(body) } catch { throw Self.translate(error, path: path, doing: doing) }
    }

    /// The roster the register knows: officers (id, name) and communes (code, name, staffing).
    public func roster() throws(RegisterError) -> Roster {
        try read("read the roster") { db in
            Roster(officers: try Row.fetchAll(db, sql: "SELECT id, name FROM officer ORDER BY id").map { ($0["id"], $0["name"]) },
                   communes: try Row.fetchAll(db, sql: "SELECT code, name, staffing FROM commune ORDER BY code").map { ($0["code"], $0["name"], $0["staffing"]) })
        }
    }

    /// Every decision, oldest first, with the pairs it began and ended.
    public func decisions() throws(RegisterError) -> [RecordedDecision] {
        try read("read the decisions") { db in
            try Row.fetchAll(db, sql: """
                SELECT d.reference, d.effective, d.kind, d.note,
                       (SELECT COUNT(*) FROM period p WHERE p.started_by = d.id) AS began,
                       (SELECT COUNT(*) FROM period p WHERE p.ended_by = d.id) AS ended
                FROM decision d ORDER BY d.effective, d.id
                """).map {
                RecordedDecision(reference: $0["reference"], effective: Day(iso: $0["effective"]) ?? Day(year: 1, month: 1, day: 1)!,
                                 kind: RecordedDecision.Kind(rawValue: $0["kind"]) ?? .adoption, note: $0["note"], began: $0["began"], ended: $0["ended"])
            }
        }
    }

    /// The day the register begins (its init decision) and the last decision's effective day.
    public func span() throws(RegisterError) -> (first: Day, last: Day) {
        let all = try decisions()
        guard let first = all.first?.effective, let last = all.last?.effective else {
            throw RegisterError(.corrupt, "\(path) holds no decision at all, not even its creation. Restore it from a backup.")
        }
        return (first, last)
    }

    /// Every period of a commune or of an officer, oldest first.
    public func history(commune: String? = nil, officer: String? = nil) throws(RegisterError) -> [Period] {
        let rows: [Period] = try read("read the history") { db in
            var sql = """
                SELECT p.officer, o.name AS officer_name, p.commune, c.name AS commune_name, p.start_date, p.end_date,
                       s.reference AS started_by, e.reference AS ended_by
                FROM period p JOIN officer o ON o.id = p.officer JOIN commune c ON c.code = p.commune
                JOIN decision s ON s.id = p.started_by LEFT JOIN decision e ON e.id = p.ended_by
                """
            var arguments: StatementArguments = []
            if let commune { sql += " WHERE p.commune = ?"; arguments += [commune] }
            else if let officer { sql += " WHERE p.officer = ?"; arguments += [officer] }
            sql += " ORDER BY p.start_date, p.commune, p.officer, p.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.period)
        }
        return rows
    }

    static func period(_ r: Row) -> Period {
        Period(officer: r["officer"], officerName: r["officer_name"], commune: r["commune"], communeName: r["commune_name"],
               start: Day(iso: r["start_date"]) ?? Day(year: 1, month: 1, day: 1)!, end: (r["end_date"] as String?).flatMap(Day.init(iso:)),
               startedBy: r["started_by"], endedBy: r["ended_by"])
    }

    /// The refusals of the last decision, which stand until the next one: the pairs it
    /// rejected and the pairs it kept, with its reference.
    public func standingRefusals() throws(RegisterError) -> (reference: String, rejected: [Pair], kept: [Pair])? {
        try read("read the standing decisions") { db in
            guard let last = try Row.fetchOne(db, sql: "SELECT id, reference FROM decision ORDER BY effective DESC, id DESC LIMIT 1") else { return nil }
            let rows = try Row.fetchAll(db, sql: "SELECT officer, commune, verdict FROM refusal WHERE decision = ? ORDER BY commune, officer",
                                        arguments: [last["id"] as Int64])
            let pairs = { (verdict: String) in rows.filter { $0["verdict"] == verdict }.map { Pair(officer: $0["officer"], commune: $0["commune"]) } }
            return (last["reference"], pairs("reject"), pairs("keep"))
        }
    }

    /// Whether the register knows commune `code` / officer `id`.
    public func knows(commune code: String? = nil, officer id: String? = nil) throws(RegisterError) -> Bool {
        try read("read the roster") { db in
            if let code { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM commune WHERE code = ?", arguments: [code]) == 1 }
            if let id { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM officer WHERE id = ?", arguments: [id]) == 1 }
            return false
        }
    }

    /// The pairs in force on `day` (default: the last decision's effective day), each with
    /// its tenure on that day. Refused before the register's first day.
    public func assignment(on day: Day? = nil) throws(RegisterError) -> (day: Day, pairs: [HeldPair]) {
        let span = try span()
        let on = day ?? span.last
        if on < span.first {
            throw RegisterError(.refused, "The register begins on \(span.first); it knows nothing about \(on).")
        }
        let all = try read("read the assignment") { db in
            try Row.fetchAll(db, sql: """
                SELECT p.officer, o.name AS officer_name, p.commune, c.name AS commune_name, p.start_date, p.end_date,
                       s.reference AS started_by, e.reference AS ended_by
                FROM period p JOIN officer o ON o.id = p.officer JOIN commune c ON c.code = p.commune
                JOIN decision s ON s.id = p.started_by LEFT JOIN decision e ON e.id = p.ended_by
                WHERE p.start_date <= ? ORDER BY p.commune, p.officer, p.start_date
                """, arguments: [on.description]).map(Self.period)
        }
        var held: [HeldPair] = []
        let byPair = Dictionary(grouping: all, by: { Pair(officer: $0.officer, commune: $0.commune) })
        for (_, periods) in byPair.sorted(by: { $0.key < $1.key }) {
            guard let current = periods.last(where: { $0.start <= on && ($0.end.map { $0 > on } ?? true) }) else { continue }
            // Adjoining periods of the same pair are one stretch of tenure.
            var since = current.start
            for p in periods.reversed() where p.end == since { since = p.start }
            held.append(HeldPair(commune: current.commune, communeName: current.communeName, officer: current.officer, officerName: current.officerName,
                                 since: since, years: since.wholeYears(to: on), days: since.days(to: on), decision: current.startedBy))
        }
        return (on, held)
    }
}

extension Register {
    /// The roster events recorded (an officer who left, joined, went on leave or returned),
    /// oldest first; of one officer when `officer` is given, up to `day` when it is given.
    public func rosterEvents(officer: String? = nil, through day: Day? = nil) throws(RegisterError) -> [RecordedRosterEvent] {
        do {
            return try queue.read { db in
                // A register opened read-only before its upgrade has no such table, and no event.
                guard try db.tableExists("roster_event") else { return [] }
                var sql = """
                    SELECT e.kind, e.officer, o.name AS officer_name, e.day, d.reference FROM roster_event e
                    JOIN officer o ON o.id = e.officer JOIN decision d ON d.id = e.decision WHERE 1
                    """
                var arguments: StatementArguments = []
                if let officer { sql += " AND e.officer = ?"; arguments += [officer] }
                if let day { sql += " AND e.day <= ?"; arguments += [day.description] }
                sql += " ORDER BY e.day, e.id"
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                return try rows.map { r in
                    let kind = RosterEvent.Kind(rawValue: r["kind"]) ?? .leaves
                    let day: String = r["day"], who: String = r["officer"]
                    // The communes one who left handed on: the periods of theirs that ended that day.
                    let communes = kind == .leaves
                        ? try String.fetchAll(db, sql: "SELECT commune FROM period WHERE officer = ? AND end_date = ? ORDER BY commune", arguments: [who, day])
                        : []
                    return RecordedRosterEvent(event: RosterEvent(kind: kind, officer: who, officerName: r["officer_name"], communes: communes),
                                               day: Day(iso: day) ?? Day(year: 1, month: 1, day: 1)!, decision: r["reference"])
                }
            }
        } catch {
            throw Self.translate(error, path: path, doing: "read the roster events")
        }
    }
}
