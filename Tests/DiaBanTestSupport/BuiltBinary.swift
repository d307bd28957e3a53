import Foundation

/// Where the tests find the package and the `diaban` this test run built.
public enum BuiltBinary {
    /// The package's root folder.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `diaban`: it sits beside the test bundle. `DIABAN_BINARY` names another one.
    public static let path: String? = {
        if let given = ProcessInfo.processInfo.environment["DIABAN_BINARY"] { return given }
        var folders: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for folder in folders {
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("diaban").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()
}
