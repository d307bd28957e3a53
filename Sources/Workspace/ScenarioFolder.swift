#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DurableFiles
import Foundation
import HTTPTypes

/// The folder whose scenario files the workspace lists, reads and writes, and nothing outside
/// it. A path from a request is relative to this folder; it is refused when it holds a NUL
/// byte or is over-long (400), or when it is absolute, climbs out with `..`, names a hidden
/// file, or leads out of the folder through a symbolic link (403).
public struct ScenarioFolder: Sendable {
    /// The folder as given (normalised): scenario paths handed to the reader start with it, so
    /// that messages name files as `diaban check` run from the same place would.
    public let root: String
    /// The folder with every symbolic link resolved: what "inside" means.
    let realRoot: String

    /// The longest path accepted, in bytes, and the longest file or folder name.
    static let maxPathBytes = 1024
    static let maxNameBytes = 255
    /// How deep and how many files the listing goes, so that a huge folder cannot stall it.
    static let maxDepth = 6
    static let maxEntries = 20_000

    /// A path of the folder that passed the checks.
    public struct Resolved: Sendable, Equatable {
        /// Relative to the folder, with single slashes: `nghe-an/baseline.yaml`.
        public var relative: String
        /// The folder as given joined with `relative`: what the scenario reader is given.
        public var path: String
        /// The file's folder with its links resolved (inside the folder), and the file's name.
        var realFolder: String
        var name: String
        var realPath: String { realFolder + "/" + name }
    }

    /// Fails when `root` is not a folder.
    public init(root: String) throws {
        let r = Self.normalize(root)
        guard let real = Self.realPath(r), Self.isFolder(real) else {
            throw APIError(.notFound, "No folder \(root): give --scenarios the folder that holds the scenario files.")
        }
        self.root = r
        self.realRoot = real
    }

    // MARK: Resolving

    /// Checks a relative path from a request. With `mustExist`, the file must exist and be a
    /// regular file inside the folder; without, its folder must exist inside the folder and
    /// the name must not be a symbolic link.
    public func resolve(_ relative: String, mustExist: Bool = true) throws(APIError) -> Resolved {
        if relative.utf8.contains(0) {
            throw APIError.badRequest("The path contains a NUL byte; give a file of the scenarios folder, e.g. nghe-an/baseline.yaml.")
        }
        if relative.isEmpty { throw APIError.badRequest("The path is empty; give a file of the scenarios folder, e.g. nghe-an/baseline.yaml.").problem("empty") }
        if relative.utf8.count > Self.maxPathBytes {
            throw APIError.badRequest("The path is \(relative.utf8.count) bytes long; at most \(Self.maxPathBytes) are accepted.")
        }
        if relative.hasPrefix("/") {
            throw APIError.forbidden("Absolute paths are refused: give a path relative to the scenarios folder, e.g. nghe-an/baseline.yaml.")
        }
        var parts: [String] = []
        for part in relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            if part.utf8.count > Self.maxNameBytes {
                throw APIError.badRequest("The name \"\(part.prefix(40))…\" is \(part.utf8.count) bytes long; a file or folder name is at most \(Self.maxNameBytes).")
            }
            if part == "." { continue }
            if part == ".." { throw APIError.forbidden("Paths with .. are refused: only files inside the scenarios folder can be read or written.") }
            if part.hasPrefix(".") { throw APIError.forbidden("Hidden files (names starting with a dot) are not scenario files.") }
            parts.append(part)
        }
        guard let name = parts.popLast() else {
            throw APIError.badRequest("The path names no file; give a file of the scenarios folder, e.g. nghe-an/baseline.yaml.")
        }
        let folder = ([realRoot] + parts).joined(separator: "/")
        guard let realFolder = Self.realPath(folder), Self.isFolder(realFolder) else {
            let missing = parts.isEmpty ? "." : parts.joined(separator: "/")
            throw APIError.notFound("There is no folder \(missing) in the scenarios folder.").problem("no-folder", ["folder": .string(missing)])
        }
        guard realFolder == realRoot || realFolder.hasPrefix(realRoot + "/") else {
            throw APIError.forbidden("\(parts.joined(separator: "/")) leads out of the scenarios folder through a symbolic link; only files inside it can be read or written.")
        }
        let relativePath = (parts + [name]).joined(separator: "/")
        let resolved = Resolved(relative: relativePath, path: path(of: relativePath), realFolder: realFolder, name: name)
        let kind = Self.kind(resolved.realPath)
        let exists = kind != nil
        if mustExist {
            guard exists, let real = Self.realPath(resolved.realPath) else {
                throw APIError.notFound("There is no file \(resolved.relative) in the scenarios folder.")
            }
            guard real.hasPrefix(realRoot + "/") else {
                throw APIError.forbidden("\(resolved.relative) is a symbolic link that leads out of the scenarios folder; only files inside it can be read.")
            }
            guard Self.isRegularFile(real) else { throw APIError.badRequest("\(resolved.relative) is not a regular file.") }
        } else if kind == .typeSymbolicLink {
            throw APIError.forbidden("\(resolved.relative) is a symbolic link; the workspace never writes through one.")
        } else if exists && kind != .typeRegular {
            throw APIError.badRequest("\(resolved.relative) exists and is not a regular file.")
        }
        return resolved
    }

    /// A scenario file: as ``resolve(_:mustExist:)``, and the name ends in `.yaml` or `.yml`.
    public func scenario(_ relative: String) throws(APIError) -> Resolved {
        let r = try resolve(relative)
        guard Self.isScenarioName(r.name) else {
            throw APIError.badRequest("\(r.relative) is not a scenario file: scenario files end in .yaml.")
        }
        return r
    }

    static func isScenarioName(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// A register file: as ``resolve(_:mustExist:)``, the name ends in `.sqlite`, and it is
    /// never a symbolic link (a register is written in place).
    public func register(_ relative: String, mustExist: Bool = true) throws(APIError) -> Resolved {
        let r = try resolve(relative, mustExist: false)
        guard Self.isRegisterName(r.name) else {
            throw APIError.badRequest("\(r.relative) is not a register file: a register's name ends in .sqlite, e.g. nghe-an/register.sqlite.")
                .problem("suffix", ["suffix": .string(".sqlite"), "example": .string("nghe-an/register.sqlite")])
        }
        return mustExist ? try resolve(relative, mustExist: true) : r
    }

    static func isRegisterName(_ name: String) -> Bool { name.hasSuffix(".sqlite") && name.count > 7 }

    /// Where a new file goes beside `base` (a what-if beside its base, decisions beside their
    /// scenario): `name` is a plain file name ending in `suffix`, neither hidden nor with a
    /// folder; `rule` says where such a file goes ("a what-if is saved beside its base").
    func file(_ name: String, beside base: Resolved, suffix: String, rule: String, example: String) throws(APIError) -> Resolved {
        if name.utf8.contains(0) { throw APIError.badRequest("The file name contains a NUL byte.") }
        if name.utf8.count > Self.maxNameBytes {
            throw APIError.badRequest("The file name is \(name.utf8.count) bytes long; at most \(Self.maxNameBytes) are accepted.")
                .problem("name-too-long", ["max": .number(Double(Self.maxNameBytes))])
        }
        let folders = APIError.badRequest("\(rule.prefix(1).uppercased() + rule.dropFirst()): give a file name without folders, e.g. \(example).")
            .problem("folders", ["example": .string(example)])
        if name.hasPrefix("/") { throw APIError.forbidden("Absolute paths are refused: \(rule); give a file name.").problem("folders", ["example": .string(example)]) }
        if name.split(separator: "/").contains("..") { throw APIError.forbidden("Paths with .. are refused: \(rule); give a file name.").problem("folders", ["example": .string(example)]) }
        if name.contains("/") { throw folders }
        if name.hasPrefix(".") {
            throw APIError.forbidden("Hidden files (names starting with a dot) are never written: give a name without a leading dot.").problem("hidden")
        }
        guard name.hasSuffix(suffix), name.count > suffix.count else {
            throw APIError.badRequest("The file name must end in \(suffix), e.g. \(example).").problem("suffix", ["suffix": .string(suffix), "example": .string(example)])
        }
        let folderPart = base.relative.contains("/") ? String(base.relative[..<base.relative.lastIndex(of: "/")!]) + "/" : ""
        return try resolve(folderPart + name, mustExist: false)
    }

    /// The folder part of a file of the folder, with its slash (`nghe-an/`), or empty.
    static func folderPart(of relative: String) -> String {
        relative.contains("/") ? String(relative[...relative.lastIndex(of: "/")!]) : ""
    }

    // MARK: Listing

    /// The scenario files of the folder and its subfolders (hidden ones and links leading out
    /// left aside), relative and sorted.
    public func scenarioFiles() -> [String] { files(where: Self.isScenarioName) }

    /// The register files of the folder and its subfolders, as ``scenarioFiles()``.
    public func registerFiles() -> [String] { files(where: Self.isRegisterName) }

    /// The regular files of the folder and its subfolders whose name passes `wanted` (hidden
    /// ones and links leading out left aside), relative and sorted.
    func files(where wanted: (String) -> Bool) -> [String] {
        var found: [String] = []
        var entries = 0
        func walk(_ real: String, _ relative: [String], depth: Int) {
            guard depth <= Self.maxDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: real) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                entries += 1
                if entries > Self.maxEntries { return }
                let path = real + "/" + name
                guard let target = Self.realPath(path), target.hasPrefix(realRoot + "/") else { continue }
                if Self.isFolder(target) {
                    // A link to a folder already inside is listed where it really is.
                    if Self.kind(path) == .typeSymbolicLink { continue }
                    walk(target, relative + [name], depth: depth + 1)
                } else if wanted(name), Self.isRegularFile(target) {
                    found.append((relative + [name]).joined(separator: "/"))
                }
            }
        }
        walk(realRoot, [], depth: 0)
        return found
    }

    // MARK: Writing

    /// Writes `data` to a new file of the folder, or over an existing one when `overwrite`,
    /// through the one atomic writer (`DurableFiles`): the bytes go to a hidden temporary file
    /// beside the target and are flushed to disk, then linked (a new file: refused with 409 if
    /// the name was taken meanwhile) or renamed (overwrite) into place, and the folder is
    /// flushed; so a reader never sees half a file, a power cut leaves the old file or the new
    /// one, and an existing file is never replaced unasked.
    public func write(_ data: Data, to target: Resolved, overwrite: Bool) throws(APIError) {
        do {
            if overwrite {
                try AtomicFile.write(data, to: target.realPath, createFolders: false)
            } else {
                try AtomicFile.create(data, at: target.realPath)
            }
        } catch {
            if error.code == .exists {
                throw APIError(.conflict, "\(target.relative) already exists. Confirm to replace it, or choose another name.",
                               details: ["exists": .bool(true), "path": .string(target.relative)])
            }
            // The writer's sentence names the real path; the page is told the folder's own name.
            let reason = error.errno.map { String(cString: strerror($0)) } ?? "the system refused"
            let full = error.errno == ENOSPC || error.errno == EDQUOT ? " The disk is full: free some space and try again." : ""
            throw APIError(.internalServerError, "Could not write \(target.relative) (\(reason)).\(full) Nothing was changed.")
        }
    }

    /// Whether a regular file is at `target` (links are not followed).
    func exists(_ target: Resolved) -> Bool {
        Self.kind(target.realPath) != nil
    }

    // MARK: Helpers

    /// The path the scenario reader is given for a file of the folder.
    public func path(of relative: String) -> String { root == "." ? relative : root + "/" + relative }

    /// A path with `.` and `..` collapsed as the scenario reader collapses them, so that its
    /// messages start with the folder as written here.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [String] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if p == "..", absolute { continue }
            parts.append(String(p))
        }
        let s = parts.joined(separator: "/")
        return absolute ? "/" + s : (s.isEmpty ? "." : s)
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// What is at `path` itself, a link not followed (`lstat`); nil when nothing is.
    /// Read through Foundation: the C `stat` struct is declared by more than one system module,
    /// and which one a build sees is not fixed.
    static func kind(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    /// What `path` leads to, links followed.
    static func targetKind(_ path: String) -> FileAttributeType? {
        realPath(path).flatMap { kind($0) }
    }

    static func isFolder(_ path: String) -> Bool { targetKind(path) == .typeDirectory }

    static func isRegularFile(_ path: String) -> Bool { targetKind(path) == .typeRegular }

    /// `bytes` random bytes as lower-case hex (the system's cryptographic generator).
    static func randomHex(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
