#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DiaBanCore
import Foundation

/// Reads the files a scenario names, within limits: a path that names a folder, a device or a
/// pipe, or a file far larger than any scenario's, is refused with a sentence instead of
/// hanging (`/dev/stdin`, a FIFO) or filling memory (`/dev/zero`, a 2 GB export).
enum SourceFile {
    /// The largest CSV table read, in bytes. The whole country's communes table is 0.26 MB and
    /// a distances table of a million pairs about 25 MB.
    static let maxTableBytes = 32 << 20
    /// The largest scenario YAML file read, in bytes (a scenario file is a few kilobytes).
    static let maxScenarioBytes = 1 << 20
    /// The most rows of the communes and officers tables (the whole country has 3,321 communes).
    static let maxEntityRows = 100_000
    /// The most rows of any other table (current assignment, distances).
    static let maxPairRows = 2_000_000

    enum Failure: Error {
        case missing, folder, notRegular, unreadable
        case tooLarge(bytes: Int)
    }

    /// The bytes of the regular file at `path`, if it holds at most `limit` bytes.
    static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.folder)
        default: return .failure(.notRegular)
        }
        if Int(info.st_size) > limit { return .failure(.tooLarge(bytes: Int(info.st_size))) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        // A file that grew since stat: read one byte past the limit to notice.
        guard let data = try? handle.read(upToCount: limit + 1) else { return .success(Data()) }
        return data.count > limit ? .failure(.tooLarge(bytes: data.count)) : .success(data)
    }

    /// `12.3 MB`.
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }

    /// The 1-based line of byte offset `offset` in `bytes` (LF, CRLF and lone CR each end a line).
    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < min(offset, bytes.count) {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// The 1-based line of the first byte sequence that is not UTF-8 (lines as in
    /// ``line(ofOffset:in:)``; a line break is never inside a UTF-8 sequence).
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let isBreak = b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A))
            if isBreak || i == bytes.count - 1 {
                let end = isBreak ? i : i + 1
                if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
                line += 1
                start = i + 1
            }
            i += 1
        }
        return line
    }
}
