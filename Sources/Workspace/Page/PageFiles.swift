import Foundation

/// The page's scripts (ES modules) and style sheet: real files under `Resources/page`, shipped
/// as this module's resources and read once. Only the files found there are served, by name.
struct PageFiles: Sendable {
    struct File: Sendable {
        var type: String
        var text: String
    }

    /// name → file, e.g. `app.mjs`, `workspace.css`.
    let files: [String: File]

    static let shared = PageFiles(folder: Bundle.module.resourceURL?.appendingPathComponent("page"))

    static let types = ["mjs": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"]

    init(folder: URL?) {
        var files: [String: File] = [:]
        let names = folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        for name in names {
            let ext = (name as NSString).pathExtension
            guard let type = Self.types[ext], let folder,
                  let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            files[name] = File(type: type, text: text)
        }
        self.files = files
    }
}
