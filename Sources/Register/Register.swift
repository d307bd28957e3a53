#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DiaBanCore
import DurableFiles
import Foundation
import GRDB

/// The province's record of who tracked which commune, since when and under which decision:
/// one SQLite file, read and written through GRDB.
///
/// Every write is one transaction; the schema is created and upgraded by a `DatabaseMigrator`;
/// the file is in WAL mode with foreign keys on and `synchronous = FULL`, so a commit that
/// returned survives a power cut, and a process killed in the middle of a write leaves the
/// register as it was before. Periods are never deleted or rewritten (triggers refuse it): a
/// correction is a new decision.
public final class Register: @unchecked Sendable {
    /// The path as given.
    public let path: String
    let queue: DatabaseQueue

    /// SQLite's `application_id` of a DiaBan register ("DiBa").
    public static let applicationID: Int32 = 0x4469_4261

    /// What a register starts from: the scenario's officers, communes and current assignment.
    public struct Roster: Sendable {
        public var officers: [(id: String, name: String)]
        public var communes: [(code: String, name: String, staffing: Int)]
        public init(officers: [(id: String, name: String)], communes: [(code: String, name: String, staffing: Int)]) {
            self.officers = officers
            self.communes = communes
        }
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Creates a register at `path` (which must not exist) from a roster and its current
    /// assignment on `asOf`. A pair with a known earlier start (`since`) keeps it, so that
    /// tenure is right from the first day.
    public static func create(
        at path: String, roster: Roster, current: Assignment, since: [Pair: Day], asOf: Day, reference: String, note: String = ""
    ) throws(RegisterError) -> Register {
        if FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + "-wal") {
            throw RegisterError(.exists, "\(path) already exists. A register is created once; choose a new path, or use the register that is there.")
        }
        // Built under a temporary name and renamed into place when complete, so that a failed
        // init (a full disk, a kill) never leaves a half-made register at `path`.
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).\(getpid()).init"
        func cleanUp() { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        do {
            try check(roster: roster, current: current, since: since, asOf: asOf)
            var config = Configuration()
            config.journalMode = .default
            let build = try DatabaseQueue(path: temporary, configuration: config)
            try build.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(build)
            try build.inTransaction(.immediate) { db in
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                try db.execute(sql: "INSERT INTO decision (reference, effective, kind, note, plan) VALUES (?, ?, 'init', ?, '')",
                               arguments: [reference, asOf.description, note])
                let decision = db.lastInsertedRowID
                for o in roster.officers { try db.execute(sql: "INSERT INTO officer (id, name) VALUES (?, ?)", arguments: [o.id, o.name]) }
                for c in roster.communes {
                    try db.execute(sql: "INSERT INTO commune (code, name, staffing) VALUES (?, ?, ?)", arguments: [c.code, c.name, c.staffing])
                }
                for p in current.pairs {
                    try db.execute(sql: "INSERT INTO period (officer, commune, start_date, started_by) VALUES (?, ?, ?, ?)",
                                   arguments: [p.officer, p.commune, (since[p] ?? asOf).description, decision])
                }
                return .commit
            }
            try build.close()
            // The finished file, flushed, then its name.
            AtomicFile.flush(temporary)
            if link(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                throw RegisterError(errno == EEXIST ? .exists : .io, "Could not create \(path): \(reason).")
            }
            unlink(temporary)
            AtomicFile.flushFolder(of: path)
        } catch let e as RegisterError {
            cleanUp()
            throw e
        } catch {
            cleanUp()
            throw translate(error, path: path, doing: "create the register")
        }
        return try open(at: path)
    }

    /// Opens an existing register. Refuses a missing file, a file that is not a DiaBan
    /// register and a register from a newer DiaBan without changing a byte of it; upgrades an
    /// older one (unless `readOnly`).
    public static func open(at path: String, readOnly: Bool = false) throws(RegisterError) -> Register {
        try checkIdentity(path)
        do {
            // The schema is checked on a read-only connection first: a register this version
            // must not touch is left exactly as it is.
            var probe = Configuration()
            probe.readonly = true
            let reader = try DatabaseQueue(path: path, configuration: probe)
            try reader.read { db in
                if try Schema.migrator.hasBeenSuperseded(db) {
                    let known = try Schema.migrator.appliedIdentifiers(db).subtracting(Schema.identifiers).sorted()
                    throw RegisterError(.newerSchema, "\(path) was made or upgraded by a newer DiaBan (schema \(known.joined(separator: ", "))). This DiaBan knows schema up to \(Schema.identifiers.last!); use the newer DiaBan, which reads it.")
                }
            }
            try reader.close()
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.foreignKeysEnabled = true
            config.readonly = readOnly
            config.journalMode = readOnly ? .default : .wal
            let queue = try DatabaseQueue(path: path, configuration: config)
            if !readOnly {
                try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                try Schema.migrator.migrate(queue)
            } else if try queue.read({ db in
                // Read-only, an older register is read as it is when all it lacks are tables it
                // can do without (it then has none of their rows).
                let pending = Set(Schema.identifiers).subtracting(try Schema.migrator.appliedIdentifiers(db))
                return !pending.isSubset(of: Schema.optionalForReading)
            }) {
                throw RegisterError(.refused, "\(path) was made by an older DiaBan and must be upgraded first: run any register command that writes (register check does not), or register backup to a copy.")
            }
            return Register(path: path, queue: queue)
        } catch let e as RegisterError {
            throw e
        } catch {
            throw translate(error, path: path, doing: "open the register")
        }
    }

    /// Closes the connection (also done when the register is released).
    public func close() throws(RegisterError) {
        do { try queue.close() } catch { throw Self.translate(error, path: path, doing: "close the register") }
    }

    /// Reads the first bytes: a register is an SQLite file whose application id is DiaBan's.
    static func checkIdentity(_ path: String) throws(RegisterError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw RegisterError(.missing, "There is no register at \(path). Create one with: diaban register init \(path) --scenario SCENARIO --as-of DATE")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw RegisterError(.notARegister, "\(path) is not a file (it is a folder, a device or a pipe), so it is not a DiaBan register.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RegisterError(.readOnly, "\(path) cannot be read: check its permissions.")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 100)) ?? Data()
        let magic = Data("SQLite format 3\0".utf8)
        guard head.count == 100, head.prefix(16) == magic else {
            throw RegisterError(.notARegister, "\(path) is not a DiaBan register\(head.isEmpty ? " (the file is empty)" : " (it is not an SQLite database)"). Check the path; a register is made by diaban register init.")
        }
        // The application id is stored big-endian at byte 68 of the header.
        let id = head[68..<72].reduce(Int32(0)) { ($0 << 8) | Int32($1) }
        guard id == applicationID else {
            throw RegisterError(.notARegister, "\(path) is an SQLite database but not a DiaBan register. Check the path; a register is made by diaban register init.")
        }
    }

    private static func check(roster: Roster, current: Assignment, since: [Pair: Day], asOf: Day) throws(RegisterError) {
        let staffing = Dictionary(roster.communes.map { ($0.code, $0.staffing) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(roster.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let byCommune = current.officersByCommune
        var short: [String] = []
        for c in roster.communes where (byCommune[c.code]?.count ?? 0) != c.staffing {
            short.append("\(c.name) (\(c.code)) has \(byCommune[c.code]?.count ?? 0) officer(s) for a staffing of \(c.staffing)")
        }
        if !short.isEmpty {
            throw RegisterError(.refused, "A register starts from a complete assignment, but in the scenario's current assignment " + short.prefix(5).joined(separator: "; ")
                                + (short.count > 5 ? "; and \(short.count - 5) more" : "") + ". Complete the current table first (a plan of the scenario, adopted by hand, is one way).")
        }
        for p in current.pairs where staffing[p.commune] == nil {
            throw RegisterError(.refused, "The current assignment names commune \(p.commune), which is not in the roster.")
        }
        for (p, day) in since.sorted(by: { $0.key < $1.key }) where day > asOf {
            throw RegisterError(.refused, "The pair \(p.officer) – \(names[p.commune] ?? p.commune) began on \(day), after the register's date \(asOf). Give an --as-of date on or after every since date.")
        }
    }

    /// Whether the file system holding `path` has no free block left (SQLite reports a full
    /// disk met while opening its shared-memory file as a plain I/O error).
    static func diskIsFull(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return info.f_bavail == 0
    }

    /// A register error for an SQLite or file-system failure, in a sentence.
    static func translate(_ error: any Error, path: String, doing: String) -> RegisterError {
        if let e = error as? RegisterError { return e }
        guard let db = error as? DatabaseError else {
            return RegisterError(.io, "Could not \(doing) at \(path): \(error).")
        }
        let detail = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RegisterError(.busy, "Could not \(doing): \(path) is being written by another DiaBan process (an adopt running at the same time). Nothing was written; run the command again when the other one has finished.")
        case .SQLITE_FULL:
            return RegisterError(.diskFull, "Could not \(doing): the disk holding \(path) is full. Nothing was written; the register is as it was. Free some space and run the command again.")
        case .SQLITE_READONLY:
            return RegisterError(.readOnly, "Could not \(doing): \(path) or its folder may not be written (\(detail)). Nothing was written.")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return RegisterError(.readOnly, "Could not \(doing): \(path) cannot be opened (\(detail)). Check the file's and its folder's permissions.")
        case .SQLITE_NOTADB:
            return RegisterError(.notARegister, "\(path) is not a DiaBan register (SQLite says: \(detail)).")
        case .SQLITE_CORRUPT:
            return RegisterError(.corrupt, "\(path) is damaged (SQLite says: \(detail)). Restore it from a backup (diaban register backup).")
        case .SQLITE_IOERR:
            if errno == ENOSPC || errno == EFBIG || errno == EDQUOT || diskIsFull(path) {
                return RegisterError(.diskFull, "Could not \(doing): the disk holding \(path) is full (\(String(cString: strerror(errno)))). Nothing was written; the register is as it was. Free some space and run the command again.")
            }
            return RegisterError(.io, "Could not \(doing) at \(path): the disk refused a read or write (\(detail)). Nothing was written.")
        case .SQLITE_CONSTRAINT:
            return RegisterError(.refused, "Could not \(doing): the register refused the change (\(detail)). Nothing was written.")
        default:
            return RegisterError(.io, "Could not \(doing) at \(path): \(detail).")
        }
    }
}

extension Register {
    /// Folds the write-ahead log of the register at `path` back into it and removes the `-wal`
    /// and `-shm` files beside it, when no other process holds it open; what a server does
    /// when it stops, so that only the register is left. The schema is not touched (an older
    /// register stays as it is). Nothing happens when there is no log.
    public static func checkpoint(at path: String) throws(RegisterError) {
        guard FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path + "-shm") else { return }
        try checkIdentity(path)
        do {
            var config = Configuration()
            config.busyMode = .timeout(2)
            config.journalMode = .wal
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            // The last connection to close removes the log and the shared-memory file.
            try queue.close()
        } catch {
            throw translate(error, path: path, doing: "fold the register's log back into it")
        }
    }
}
