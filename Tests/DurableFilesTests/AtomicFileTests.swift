#if canImport(Glibc)
import Glibc
#endif
import DurableFiles
import Foundation
import Testing

/// The one writer's two modes: `write` replaces whatever is there, `create` makes a new file
/// and never replaces anything — not a file, not a link, not a name taken while it wrote.
@Suite("AtomicFile")
struct AtomicFileTests {
    /// A scratch folder, removed at the end.
    struct Scratch {
        let dir = NSTemporaryDirectory() + "diaban-atomic-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        func path(_ name: String) -> String { dir + "/" + name }
        func read(_ name: String) -> String? { FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) } }
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
        func remove() { try? FileManager.default.removeItem(atPath: dir) }
    }

    @Test("create makes a new file with the bytes given, and leaves no temporary file")
    func createsNew() throws {
        let s = try Scratch()
        defer { s.remove() }
        let text = "\u{FEFF}move,commune\r\n1,40101\r\n"
        try AtomicFile.create(Data(text.utf8), at: s.path("decisions.csv"))
        #expect(FileManager.default.contents(atPath: s.path("decisions.csv")) == Data(text.utf8))
        #expect(s.names == ["decisions.csv"], "temporary files were left: \(s.names)")
        var info = stat()
        #expect(stat(s.path("decisions.csv"), &info) == 0 && info.st_nlink == 1, "the temporary name still links to the file")
    }

    @Test("create never replaces a file, a link or a dangling link; the failure says it exists")
    func neverReplaces() throws {
        let s = try Scratch()
        defer { s.remove() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: s.path("kept.csv")))
        try FileManager.default.createSymbolicLink(atPath: s.path("link.csv"), withDestinationPath: s.path("kept.csv"))
        try FileManager.default.createSymbolicLink(atPath: s.path("dangling.csv"), withDestinationPath: s.path("nowhere.csv"))
        for name in ["kept.csv", "link.csv", "dangling.csv"] {
            #expect {
                try AtomicFile.create(Data("new".utf8), at: s.path(name))
            } throws: { error in
                let failure = error as? AtomicFile.Failure
                return failure?.code == .exists && failure?.message.contains("already exists") == true
            }
        }
        #expect(s.read("kept.csv") == "old")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: s.path("dangling.csv")) == s.path("nowhere.csv"))
        #expect(!FileManager.default.fileExists(atPath: s.path("nowhere.csv")), "create wrote through a dangling link")
        #expect(s.names == ["dangling.csv", "kept.csv", "link.csv"], "temporary files were left: \(s.names)")
    }

    @Test("create and write without creating folders refuse a missing folder and make nothing")
    func missingFolder() throws {
        let s = try Scratch()
        defer { s.remove() }
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.create(Data("x".utf8), at: s.path("no/such.csv")) }
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write(Data("x".utf8), to: s.path("no/such.csv"), createFolders: false) }
        #expect(s.names.isEmpty, "\(s.names)")
        // The default still creates the folders it needs.
        try AtomicFile.write(Data("x".utf8), to: s.path("made/here.csv"))
        #expect(s.read("made/here.csv") == "x")
    }

    @Test("write replaces a file whole, and over a link replaces the link, not its target")
    func writeReplaces() throws {
        let s = try Scratch()
        defer { s.remove() }
        try Data("target".utf8).write(to: URL(fileURLWithPath: s.path("target.csv")))
        try FileManager.default.createSymbolicLink(atPath: s.path("link.csv"), withDestinationPath: s.path("target.csv"))
        try AtomicFile.write(Data("new".utf8), to: s.path("link.csv"), createFolders: false)
        #expect(s.read("link.csv") == "new")
        #expect(s.read("target.csv") == "target", "the write followed the link")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: s.path("link.csv"))) == nil, "link.csv is still a link")
        #expect(s.names == ["link.csv", "target.csv"])
    }
}
