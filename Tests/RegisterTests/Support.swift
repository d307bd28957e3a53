import DiaBanCore
import Foundation
@testable import Register

/// A scratch folder for one test, removed by `remove()`.
struct Scratch {
    let dir: String
    init() throws {
        dir = NSTemporaryDirectory() + "diaban-register-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { dir + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
