import Foundation

/// Writes files so that a reader sees the old content or the new, never half of either:
/// the data goes to a temporary file in the same folder, which is then renamed over the target.
public enum AtomicFile {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `data` to `path`. Refuses to write over any path in `protected` (a run's own
    /// inputs), comparing resolved absolute paths.
    public static func write(_ data: Data, to path: String, protecting protected: [String] = []) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for p in protected where URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw Refusal(description: "refusing to write \(path): it is one of this run's input files")
        }
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, target.path) != 0 {
                throw Refusal(description: "could not move the new \(target.lastPathComponent) into place (errno \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    public static func write(_ text: String, to path: String, protecting protected: [String] = []) throws {
        try write(Data(text.utf8), to: path, protecting: protected)
    }
}
