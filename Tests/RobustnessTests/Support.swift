import DiaBanTestSupport
import Foundation
import Testing

/// Runs the built `diaban` as a user would, with a time limit, and captures what it prints.
enum Diaban {
    static var packageRoot: String { BuiltBinary.packageRoot }
    static var binary: String? { BuiltBinary.path }

    static var isBuilt: Bool { binary != nil }

    typealias Run = BuiltBinary.Run

    /// Runs `diaban args…` in `folder`; kills it after `timeout` seconds. `interruptAfter`
    /// sends SIGINT (as Ctrl-C does) once that many seconds have passed.
    static func run(_ args: [String], in folder: String, timeout: Double = 60, interruptAfter: Double? = nil) throws -> Run {
        try BuiltBinary.run(args, in: folder, timeout: timeout, interruptAfter: interruptAfter)
    }
}

/// A scratch folder, removed by `remove()`.
struct Scratch {
    let dir: String

    init(copying source: String? = nil) throws {
        dir = NSTemporaryDirectory() + "diaban-robust-" + UUID().uuidString
        if let source {
            try FileManager.default.copyItem(atPath: source, toPath: dir)
        } else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    func path(_ name: String) -> String { dir + "/" + name }

    func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    func read(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// Every file under the folder (relative paths, sorted), hidden ones included.
    func files(under sub: String = "") -> [String] {
        let root = sub.isEmpty ? dir : path(sub)
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let f = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + f, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }

    /// The bytes of every file under `sub`, by relative path.
    func snapshot(_ sub: String = "") -> [String: Data] {
        var out: [String: Data] = [:]
        for f in files(under: sub) { out[f] = FileManager.default.contents(atPath: (sub.isEmpty ? dir : path(sub)) + "/" + f) }
        return out
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// The corpus folder of this test bundle.
enum Corpus {
    static let root: String = Bundle.module.url(forResource: "Corpus", withExtension: nil)!.path

    /// The tiny valid scenario (3 officers × 5 communes) the bad cases are derived from.
    static var tiny: String { root + "/_tiny" }

    /// Every case folder (the names not starting with `_`).
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix("_") && !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }()
}
