#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// A small file system of its own (tmpfs), so that a test can fill it or make it read-only.
/// Mounting needs root (as CI runs); elsewhere the tests that need it say so and stop.
final class TinyDisk {
    let path: String
    private(set) var mounted = false

    init(kilobytes: Int) {
        path = NSTemporaryDirectory() + "diaban-disk-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        mounted = Self.shell("mount -t tmpfs -o size=\(kilobytes)k diaban-test '\(path)'") == 0
    }

    /// Fills what is left of the disk; returns the filler's path.
    @discardableResult
    func fill() -> String {
        let filler = path + "/filler"
        _ = Self.shell("dd if=/dev/zero of='\(filler)' bs=4k >/dev/null 2>&1; sync")
        return filler
    }

    /// Whether this machine lets the tests mount one (root, as CI runs; not in every container).
    static let available: Bool = {
        let probe = TinyDisk(kilobytes: 64)
        defer { probe.unmount() }
        return probe.mounted
    }()

    func setReadOnly(_ readOnly: Bool) -> Bool { Self.shell("mount -o remount,\(readOnly ? "ro" : "rw") '\(path)'") == 0 }

    func unmount() {
        if mounted { _ = Self.shell("umount '\(path)'") }
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

@Suite("A full or read-only disk", .enabled(if: CLI.binary != nil, "diaban is not built beside the tests"),
       .enabled(if: TinyDisk.available, "a tmpfs cannot be mounted here (it needs root, as CI has)"), .serialized)
struct FullDiskTests {
    /// The small scenario's register and plan, copied onto a tiny disk.
    static func prepare(_ disk: TinyDisk) throws -> RegisterLoop {
        let l = try RegisterLoop()
        for name in ["r.db", "accepted.csv"] { try FileManager.default.copyItem(atPath: l.dir + "/" + name, toPath: disk.path + "/" + name) }
        try FileManager.default.createDirectory(atPath: disk.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: l.dir + "/out/plan.json", toPath: disk.path + "/out/plan.json")
        return l
    }

    static func show(_ folder: String) throws -> BuiltBinary.Run {
        try CLI.run(["register", "show", "r.db", "--format", "csv"], in: folder)
    }

    @Test("adopt on a full disk fails with a clear message and leaves the register as it was")
    func adoptOnFullDisk() throws {
        let disk = TinyDisk(kilobytes: 768)
        defer { disk.unmount() }
        try #require(disk.mounted, "tmpfs cannot be mounted here (needs root)")
        let l = try Self.prepare(disk)
        defer { l.s.remove() }
        let before = try Self.show(disk.path).stdout
        let filler = disk.fill()
        let adopt = try CLI.run(RegisterLoop.adopt, in: disk.path)
        #expect(adopt.status == 1, "\(adopt)")
        #expect(adopt.stderr.contains("is full") && adopt.stderr.contains("Nothing was written"), "\(adopt)")
        #expect(adopt.crashWordsFound.isEmpty, "\(adopt)")
        try FileManager.default.removeItem(atPath: filler)
        #expect(try Self.show(disk.path).stdout == before)
        #expect(try CLI.run(["register", "check", "r.db"], in: disk.path).status == 0)
        let again = try CLI.run(RegisterLoop.adopt, in: disk.path)
        #expect(again.status == 0, "\(again)")
        #expect(try Self.show(disk.path).stdout != before)
    }

    @Test("solve --out and register init on a full disk: exit 1, earlier files intact, nothing half-written")
    func outputsOnFullDisk() throws {
        let disk = TinyDisk(kilobytes: 256)
        defer { disk.unmount() }
        try #require(disk.mounted, "tmpfs cannot be mounted here (needs root)")
        let s = try Scenarios()
        defer { s.remove() }
        let out = disk.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("an earlier report\n".utf8).write(to: URL(fileURLWithPath: out + "/report.txt"))
        disk.fill()
        let solve = try CLI.run(["solve", "base.yaml", "--out", out, "--quiet"], in: s.dir)
        #expect(solve.status == 1, "\(solve)")
        #expect(solve.stderr.contains("The disk is full"), "\(solve)")
        #expect(try String(contentsOfFile: out + "/report.txt", encoding: .utf8) == "an earlier report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty, "a temporary file was left behind")
        let initRun = try CLI.run(["register", "init", disk.path + "/new.db", "--scenario", "base.yaml", "--as-of", "2025-07-01"], in: s.dir)
        #expect(initRun.status == 1, "\(initRun)")
        #expect(!FileManager.default.fileExists(atPath: disk.path + "/new.db"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.hasPrefix(".") }.isEmpty, "a half-made register was left behind")
    }

    @Test("a register on a read-only disk: reading works, adopt fails cleanly")
    func readOnlyDisk() throws {
        let disk = TinyDisk(kilobytes: 1024)
        defer { disk.unmount() }
        try #require(disk.mounted, "tmpfs cannot be mounted here (needs root)")
        let l = try Self.prepare(disk)
        defer { l.s.remove() }
        let before = try Self.show(disk.path)
        #expect(before.status == 0, "\(before)")
        try #require(disk.setReadOnly(true))
        defer { _ = disk.setReadOnly(false) }
        let adopt = try CLI.run(RegisterLoop.adopt, in: disk.path)
        #expect(adopt.status == 1, "\(adopt)")
        #expect(adopt.stderr.contains("may not be written") || adopt.stderr.contains("cannot be opened") || adopt.stderr.contains("read-only"), "\(adopt)")
        #expect(adopt.crashWordsFound.isEmpty)
        #expect(try Self.show(disk.path).stdout == before.stdout)
    }
}
