#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one way DiaBan writes a file: a reader sees the old contents or the new, never half of
/// either, and a power cut after the write cannot leave an empty file.
///
/// The data goes to a temporary file in the target's folder (a rename is atomic only within
/// one file system), which is flushed to disk (`fsync`) before it is renamed over the target;
/// the folder is flushed after the rename, so that the new name itself survives a power cut.
/// On any failure the temporary file is removed and the target is left as it was.
///
/// ``write(_:to:protecting:createFolders:)`` replaces whatever is at the target;
/// ``create(_:at:)`` makes a new file the same way but never replaces one (the flushed file is
/// linked to its name, which fails when the name is taken).
public enum AtomicFile {
    /// Why a file was not written, in sentences a planner can act on.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The kind of failure; an open set.
        public struct Code: RawRepresentable, Sendable, Hashable {
            public let rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            /// The target is one of the run's own input files.
            public static let protectedInput = Code(rawValue: "protected-input")
            /// The target exists with other contents and overwriting was not asked for.
            public static let exists = Code(rawValue: "exists")
            /// The operating system refused a step (no space, no permission, …).
            public static let system = Code(rawValue: "system")
        }
        public var code: Code
        public var message: String
        /// The C `errno` of a system failure (`ENOSPC` for a full disk).
        public var errno: Int32?
        public var description: String { message }
        public init(_ code: Code, _ message: String, errno: Int32? = nil) {
            self.code = code
            self.message = message
            self.errno = errno
        }
    }

    /// Writes `data` to `path`. Refuses to write over any path in `protected` (a run's own
    /// inputs), comparing resolved absolute paths. Creates missing folders unless
    /// `createFolders` is false.
    public static func write(_ data: Data, to path: String, protecting protected: [String] = [], createFolders: Bool = true) throws(Failure) {
        try refuseProtected(path, protected)
        try replace(path, createFolders: createFolders) { (temporary: String) throws(Failure) in try writeBytes(data, to: temporary, for: path) }
    }

    /// Creates `path` with `data`, never replacing anything: when a file (or a link, or any
    /// other entry) already has that name — even one that appeared while the data was being
    /// written — nothing is changed and the failure's code is ``Failure/Code/exists``.
    ///
    /// The data goes to a temporary file beside the target and is flushed to disk, then given
    /// the target's name with `link(2)`, which fails rather than replace; the temporary name is
    /// removed and the folder flushed. The folder must exist.
    public static func create(_ data: Data, at path: String) throws(Failure) {
        let temporary = temporaryPath(beside: path)
        defer { unlink(temporary) }
        try writeBytes(data, to: temporary, for: path)
        try flushTemporary(temporary, for: path)
        if link(temporary, path) != 0 {
            if errno == EEXIST {
                throw Failure(.exists, "\(path) already exists; it was left as it was.", errno: EEXIST)
            }
            throw systemFailure("give the new file its name \(path)", path: path)
        }
        flushFolder(of: path)
    }

    /// Writes `data` into the new file `temporary` (which must not exist), for `path`'s messages.
    private static func writeBytes(_ data: Data, to temporary: String, for path: String) throws(Failure) {
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw systemFailure("create a temporary file beside \(path)", path: path) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written else { throw systemFailure("write \(path)", path: path) }
    }

    /// Flushes the finished temporary file to disk; on failure it is removed.
    private static func flushTemporary(_ temporary: String, for path: String) throws(Failure) {
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { let f = systemFailure("reopen the new \(path)", path: path); unlink(temporary); throw f }
        if fsync(fd) != 0 { let f = systemFailure("flush \(path) to disk", path: path); close(fd); unlink(temporary); throw f }
        close(fd)
    }

    public static func write(_ text: String, to path: String, protecting protected: [String] = []) throws(Failure) {
        try write(Data(text.utf8), to: path, protecting: protected)
    }

    /// Puts a file another writer produces into place: `body` writes the complete file at the
    /// temporary path it is given (which does not exist yet); then the file is flushed,
    /// renamed over `path` and the folder flushed. When `body` throws, nothing is changed.
    /// Missing folders are created unless `createFolders` is false (then a missing folder is a
    /// failure, as for an export to a mistyped path).
    public static func replace<E: Error>(
        _ path: String, protecting protected: [String] = [], createFolders: Bool = true, with body: (String) throws(E) -> Void
    ) throws(Failure) {
        try refuseProtected(path, protected)
        let folder = directory(of: path)
        if createFolders && !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw Failure(.system, "Could not create the folder \(folder) for \(path): \(error.localizedDescription)")
            }
        }
        let temporary = temporaryPath(beside: path)
        do {
            try body(temporary)
        } catch let failure as Failure {
            unlink(temporary)
            throw failure
        } catch {
            unlink(temporary)
            throw Failure(.system, "Could not write \(path): \(error). Nothing was changed.")
        }
        // The data on disk before the name points to it.
        try flushTemporary(temporary, for: path)
        if rename(temporary, path) != 0 { let f = systemFailure("move the new \(path) into place", path: path); unlink(temporary); throw f }
        // The new name on disk: flush the folder that holds it.
        flushFolder(of: path)
    }

    /// Writes several files; without `force`, refuses before writing anything when one of them
    /// exists with different contents. Returns, per path, whether it changed.
    @discardableResult
    public static func writeAll(_ files: [(path: String, contents: String)], force: Bool) throws(Failure) -> [(path: String, changed: Bool)] {
        var plan: [(path: String, data: Data, changed: Bool)] = []
        var clashes: [String] = []
        for (path, contents) in files {
            let data = Data(contents.utf8)
            if let old = FileManager.default.contents(atPath: path) {
                if old != data && !force { clashes.append(path) }
                plan.append((path, data, old != data))
            } else {
                plan.append((path, data, true))
            }
        }
        guard clashes.isEmpty else {
            let list = clashes.count == 1 ? clashes[0] : clashes.dropLast().joined(separator: ", ") + " and " + clashes.last!
            throw Failure(.exists, "Not written: \(list) already exist\(clashes.count == 1 ? "s" : "") with other contents. Use --force to overwrite them.")
        }
        for file in plan where file.changed { try write(file.data, to: file.path) }
        return plan.map { ($0.path, $0.changed) }
    }

    /// Flushes the file at `path` to disk (`fsync`); false when it cannot be opened or flushed.
    @discardableResult
    public static func flush(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// Flushes the folder holding `path`, so that a name just created or renamed there survives
    /// a power cut.
    @discardableResult
    public static func flushFolder(of path: String) -> Bool {
        let folder = directory(of: path)
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// The same file, compared by resolved absolute path.
    public static func isSameFile(_ a: String, _ b: String) -> Bool { identity(a) == identity(b) }

    private static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func refuseProtected(_ path: String, _ protected: [String]) throws(Failure) {
        let target = identity(path)
        if protected.contains(where: { identity($0) == target }) {
            throw Failure(.protectedInput, "Refusing to write \(path): it is one of this run's input files. Choose another path.")
        }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A fresh name in the folder of `path`.
    static func temporaryPath(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
    }

    private static func systemFailure(_ doing: String, path: String) -> Failure {
        let code = errno
        let reason = String(cString: strerror(code))
        let extra: String
        switch code {
        case ENOSPC, EDQUOT: extra = " The disk is full: free some space and run the command again."
        case EFBIG: extra = " The file is larger than this process may write."
        case EACCES, EPERM, EROFS: extra = " Check that the folder may be written to."
        default: extra = ""
        }
        return Failure(.system, "Could not \(doing): \(reason).\(extra) Nothing was changed: \(path) is as it was.", errno: code)
    }
}

/// `write(2)`, under a name the type's own `write` does not hide.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
