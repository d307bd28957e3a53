import DiaBanCore
import DurableFiles
import Foundation
import GRDB

extension Register {
    /// Every way the register breaks its own rules, in sentences; empty when it is sound.
    ///
    /// SQLite's integrity check and foreign-key check; no two periods of a pair overlap; each
    /// period begins and ends on its decisions' effective dates; no period of an officer who
    /// left runs past the departure; and on every date since the register began, each commune
    /// has exactly its staffing.
    public func check() throws(RegisterError) -> [String] {
        do {
            return try queue.read { db in
                var problems: [String] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] { problems += integrity.map { "SQLite integrity check: \($0)" } }
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    problems.append("Row \(row[1] as Int64? ?? 0) of table \(row[0] as String? ?? "?") names a missing \(row[2] as String? ?? "?").")
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT a.officer, a.commune, a.start_date AS a_start, a.end_date AS a_end, b.start_date AS b_start, b.end_date AS b_end
                    FROM period a JOIN period b ON a.officer = b.officer AND a.commune = b.commune AND a.id < b.id
                    WHERE (a.end_date IS NULL OR a.end_date > b.start_date) AND (b.end_date IS NULL OR b.end_date > a.start_date)
                    """) {
                    problems.append("Officer \(row["officer"] as String) has two overlapping periods on commune \(row["commune"] as String): from \(row["a_start"] as String) to \(row["a_end"] as String? ?? "now") and from \(row["b_start"] as String) to \(row["b_end"] as String? ?? "now").")
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT p.officer, p.commune, p.start_date, s.effective, s.kind, s.reference FROM period p JOIN decision s ON s.id = p.started_by
                    WHERE (s.kind = 'adopt' AND p.start_date <> s.effective) OR (s.kind = 'init' AND p.start_date > s.effective)
                    """) {
                    problems.append("The period of \(row["officer"] as String) on \(row["commune"] as String) starts on \(row["start_date"] as String), but the decision \"\(row["reference"] as String)\" that began it takes effect on \(row["effective"] as String).")
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT p.officer, p.commune, p.end_date, e.effective, e.reference FROM period p JOIN decision e ON e.id = p.ended_by
                    WHERE p.end_date <> e.effective
                    """) {
                    problems.append("The period of \(row["officer"] as String) on \(row["commune"] as String) ends on \(row["end_date"] as String), but the decision \"\(row["reference"] as String)\" that ended it takes effect on \(row["effective"] as String).")
                }
                if try db.tableExists("roster_event") {
                    // No period of an officer who left runs past the departure, or begins after it
                    // (unless they joined again).
                    for row in try Row.fetchAll(db, sql: """
                        SELECT p.officer, p.commune, p.start_date, p.end_date, l.day, d.reference FROM period p
                        JOIN roster_event l ON l.officer = p.officer AND l.kind = 'leaves' JOIN decision d ON d.id = l.decision
                        WHERE (p.start_date < l.day AND (p.end_date IS NULL OR p.end_date > l.day))
                           OR (p.start_date >= l.day AND NOT EXISTS (SELECT 1 FROM roster_event j WHERE j.officer = l.officer
                               AND j.kind = 'joins' AND j.day > l.day AND j.day <= p.start_date))
                        ORDER BY p.officer, p.commune, p.start_date
                        """) {
                        problems.append("Officer \(row["officer"] as String) left on \(row["day"] as String) (\"\(row["reference"] as String)\"), but their period on \(row["commune"] as String) from \(row["start_date"] as String) runs to \(row["end_date"] as String? ?? "now").")
                    }
                }
                guard let first = try String.fetchOne(db, sql: "SELECT MIN(effective) FROM decision") else {
                    problems.append("The register holds no decision, not even its creation.")
                    return problems
                }
                let communes = try communeRows(db)
                let periods = try Row.fetchAll(db, sql: "SELECT commune, start_date, end_date FROM period")
                    .map { (commune: $0["commune"] as String, start: $0["start_date"] as String, end: $0["end_date"] as String?) }
                let dates = Set(periods.flatMap { [$0.start] + ($0.end.map { [$0] } ?? []) } + [first]).filter { $0 >= first }.sorted()
                var reported = Set<String>()
                for date in dates {
                    var count: [String: Int] = [:]
                    for p in periods where p.start <= date && (p.end.map { $0 > date } ?? true) { count[p.commune, default: 0] += 1 }
                    for c in communes.values.sorted(by: { $0.code < $1.code }) where (count[c.code] ?? 0) != c.staffing && !reported.contains(c.code) {
                        reported.insert(c.code)
                        problems.append("\(c.name) (\(c.code)) has \(count[c.code] ?? 0) officer(s) on \(date) for a staffing of \(c.staffing).")
                    }
                }
                return problems
            }
        } catch {
            throw Self.translate(error, path: path, doing: "check the register")
        }
    }

    /// Copies the register to `file` with SQLite's online backup, which is safe while other
    /// processes read (and write) it; the copy appears at `file` only when complete.
    public func backup(to file: String) throws(RegisterError) {
        if AtomicFile.isSameFile(file, path) {
            throw RegisterError(.refused, "The backup would overwrite the register itself; give another file.")
        }
        do {
            try AtomicFile.replace(file) { (temporary: String) throws in
                let destination = try DatabaseQueue(path: temporary)
                try queue.backup(to: destination)
                try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                try destination.close()
            }
        } catch {
            throw RegisterError(error.errno == ENOSPC ? .diskFull : .io, "Could not write the backup: \(error.message)")
        }
    }
}
