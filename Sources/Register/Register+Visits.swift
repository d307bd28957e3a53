import DiaBanCore
import GRDB

extension Register {
    /// Records visits officers made, in one transaction: every visit is checked inside it
    /// (the officer and the commune known, the day on or after the register's first, not
    /// recorded before, not twice in the list), and any refusal leaves the register untouched.
    /// `source` names where the visits come from in messages ("visits.csv line 4").
    @discardableResult
    public func record(visits: [(visit: VisitRecord, source: String)]) throws(RegisterError) -> Int {
        do {
            try queue.inTransaction(.immediate) { db in
                func refuse(_ message: String) -> RegisterError { RegisterError(.refused, message + " Nothing was written.") }
                let names = try officerNames(db)
                let communes = try communeRows(db)
                guard let first = try String.fetchOne(db, sql: "SELECT MIN(effective) FROM decision").flatMap(Day.init(iso:)) else {
                    throw RegisterError(.corrupt, "\(path) holds no decision at all, not even its creation. Restore it from a backup.")
                }
                var seen: [String: String] = [:]
                for (v, source) in visits {
                    guard names[v.officer] != nil else { throw refuse("\(source): the register has no officer \(v.officer).") }
                    guard let c = communes[v.commune] else { throw refuse("\(source): the register has no commune \(v.commune).") }
                    guard v.day >= first else { throw refuse("\(source): the register begins on \(first); a visit on \(v.day) is before it.") }
                    let key = "\(v.day)|\(v.officer)|\(v.commune)"
                    if let earlier = seen[key] { throw refuse("\(source): the visit of \(v.officer) to \(c.name) on \(v.day) is listed twice (also \(earlier)).") }
                    seen[key] = source
                    if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM visit WHERE day = ? AND officer = ? AND commune = ?",
                                        arguments: [v.day.description, v.officer, v.commune]) ?? 0 > 0 {
                        throw refuse("\(source): the visit of \(v.officer) to \(c.name) on \(v.day) is already in the register.")
                    }
                    try db.execute(sql: "INSERT INTO visit (day, officer, commune, note) VALUES (?, ?, ?, ?)",
                                   arguments: [v.day.description, v.officer, v.commune, v.note])
                }
                Self.pauseForTests()
                return .commit
            }
            return visits.count
        } catch let e as RegisterError {
            throw e
        } catch {
            throw Self.translate(error, path: path, doing: "record the visits")
        }
    }

    /// The visits recorded, oldest first, of a commune or an officer when given, between two
    /// days (both included) when given.
    public func visits(from: Day? = nil, to: Day? = nil, commune: String? = nil, officer: String? = nil) throws(RegisterError) -> [VisitRecord] {
        do {
            return try queue.read { db in
                var sql = "SELECT day, officer, commune, note FROM visit WHERE 1 = 1"
                var arguments: StatementArguments = []
                if let from { sql += " AND day >= ?"; arguments += [from.description] }
                if let to { sql += " AND day <= ?"; arguments += [to.description] }
                if let commune { sql += " AND commune = ?"; arguments += [commune] }
                if let officer { sql += " AND officer = ?"; arguments += [officer] }
                sql += " ORDER BY day, commune, officer, id"
                return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { r -> VisitRecord? in
                    guard let day = Day(iso: r["day"]) else { return nil }
                    return VisitRecord(day: day, officer: r["officer"], commune: r["commune"], note: r["note"])
                }
            }
        } catch {
            throw Self.translate(error, path: path, doing: "read the visits")
        }
    }
}
