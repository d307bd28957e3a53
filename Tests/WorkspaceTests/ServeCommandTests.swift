#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// `diaban serve` as a user runs it: the address it prints, the token it generates, refusals
/// at the door, and a clean stop on SIGTERM or SIGINT while a solve runs.
@Suite("diaban serve")
struct ServeCommandTests {
    @Test("on SIGTERM and SIGINT the solves stop first (running ones keep their plans, waiting ones are cancelled), then the server; it exits 0",
          arguments: [SIGTERM, SIGINT])
    func stop(signal: Int32) throws {
        let server = try ServeProcess(["--scenarios", BuiltBinary.packageRoot + "/scenarios", "--port", "0", "--jobs", "1"])
        defer { server.forceStop() }
        #expect(server.address.hasPrefix("http://127.0.0.1:"))
        #expect(try server.request("GET", "/api/health").status == 200)
        // A browser's session, then four solves of the bundled scenario, one at a time: however
        // fast the solver, some are still running or waiting when the signal comes.
        let page = try server.request("GET", "/")
        let cookie = page.header("set-cookie").prefix { $0 != ";" }
        let csrf = page.body.firstMatch(of: /name="csrf-token" content="([0-9a-f]+)"/).map { String($0.1) } ?? ""
        for _ in 0..<4 {
            let started = try server.request("POST", "/api/jobs", headers: ["Cookie": String(cookie), "X-CSRF-Token": csrf, "Content-Type": "application/json"],
                                             body: #"{"path": "nghe-an/baseline.yaml", "timeLimit": 300}"#)
            #expect(started.status == 202, "\(started.body)")
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try !server.request("GET", "/api/jobs").body.contains("\"state\":\"running\"") { Thread.sleep(forTimeInterval: 0.05) }
        let clock = Date()
        server.signal(signal)
        let status = server.wait(timeout: 60)
        #expect(status == 0, "\(server.output)")
        #expect(Date().timeIntervalSince(clock) < 30, "the server took \(Date().timeIntervalSince(clock)) s to stop")
        let summary = server.output.firstMatch(of: /(\d+) running solves? (?:was|were) stopped \(keeping (?:its|their) best plans?\) and (\d+) waiting cancelled/)
        #expect(summary != nil, "\(server.output)")
        let stopped = (Int(summary?.1 ?? "") ?? 0) + (Int(summary?.2 ?? "") ?? 0)
        #expect(stopped >= 1 && stopped <= 4, "\(server.output)")
    }

    @Test("another host than loopback gets a generated token; requests without it get 401, with it 200")
    func token() throws {
        let server = try ServeProcess(["--scenarios", BuiltBinary.packageRoot + "/scenarios", "--port", "0", "--host", "0.0.0.0"])
        defer { server.forceStop() }
        let token = server.address.firstMatch(of: /\?token=([0-9a-f]{32})$/).map { String($0.1) }
        #expect(token != nil, "the address carries a generated token: \(server.address)")
        #expect(server.output.contains("generated"))
        #expect(try server.request("GET", "/api/health").status == 401)
        #expect(try server.request("GET", "/api/health?token=0123456789abcdef0123456789abcdef").status == 401)
        #expect(try server.request("GET", "/api/health?token=\(token ?? "")").status == 200)
        #expect(try server.request("GET", "/api/scenarios", headers: ["Authorization": "Bearer \(token ?? "")"]).status == 200)
        server.signal(SIGTERM)
        #expect(server.wait(timeout: 30) == 0)
    }

    @Test("without a token, a request addressed to another name than loopback is refused (DNS rebinding)")
    func host() throws {
        let server = try ServeProcess(["--scenarios", BuiltBinary.packageRoot + "/scenarios", "--port", "0"])
        defer { server.forceStop() }
        let rebound = try server.request("GET", "/api/scenarios", headers: ["Host": "attacker.example:\(server.port)"])
        #expect(rebound.status == 403)
        #expect(rebound.body.contains("127.0.0.1"))
        #expect(try server.request("GET", "/api/health", headers: ["Host": "localhost:\(server.port)"]).status == 200)
        server.signal(SIGTERM)
        #expect(server.wait(timeout: 30) == 0)
    }

    @Test("usage errors exit 64 with a sentence; a port in use exits 1")
    func usage() throws {
        let scenarios = BuiltBinary.packageRoot + "/scenarios"
        for (args, words) in [(["--scenarios", "no/such/folder"], "No folder"), (["--host", "0.0.0.0", "--token", "short"], "at least 16"),
                              (["--port", "70000"], "between 0 and 65535"), (["--jobs", "0"], "--jobs"), (["--host", "bad host"], "--host")] {
            let run = try BuiltBinary.run(["serve"] + (args.contains("--scenarios") ? [] : ["--scenarios", scenarios]) + args, in: BuiltBinary.packageRoot, timeout: 30)
            #expect(run.status == 64, "\(args): \(run)")
            #expect(run.stderr.contains(words), "\(args): \(run.stderr)")
        }
        let first = try ServeProcess(["--scenarios", scenarios, "--port", "0"])
        defer { first.forceStop() }
        let second = try BuiltBinary.run(["serve", "--scenarios", scenarios, "--port", String(first.port)], in: BuiltBinary.packageRoot, timeout: 30)
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("could not run"))
        first.signal(SIGTERM)
        #expect(first.wait(timeout: 30) == 0)
    }
}

/// `diaban serve …` running in the background, with its address, and plain HTTP/1.1 requests
/// to it over a socket (so that any Host header can be sent).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let address: String
    let port: Int
    private let out = DataBox(), err = DataBox()
    private let lock = NSLock()
    private var stdoutText = ""

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: BuiltBinary.path!)
        process.arguments = ["serve"] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errBox = err
        Thread { errBox.set(stderr.fileHandleForReading.readDataToEndOfFile()) }.start()
        // The first line is the address.
        var line = Data()
        let handle = stdout.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !line.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self)
        stdoutText = first
        let outBox = out
        Thread { outBox.set(handle.readDataToEndOfFile()) }.start()
        guard let found = first.firstMatch(of: /http:\/\/[^\s]+/) else {
            process.terminate()
            throw ServeError(description: "diaban serve printed no address: \(first)")
        }
        address = String(found.0)
        port = Int(address.firstMatch(of: /:(\d+)\//).map { String($0.1) } ?? "") ?? 0
    }

    struct ServeError: Error, CustomStringConvertible { let description: String }

    var output: String {
        lock.withLock { stdoutText } + String(decoding: out.get(), as: UTF8.self) + String(decoding: err.get(), as: UTF8.self)
    }

    func signal(_ s: Int32) { kill(process.processIdentifier, s) }

    /// The exit status, or nil when the process had not ended within `timeout`.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { return nil }
        // Let the readers finish.
        let readers = Date().addingTimeInterval(5)
        while !(out.isSet && err.isSet) && Date() < readers { Thread.sleep(forTimeInterval: 0.01) }
        return process.terminationStatus
    }

    /// Ends the process at once (after a failed test).
    func forceStop() { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    struct Answer {
        var status: Int
        var head: String
        var body: String
        func header(_ name: String) -> String {
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") throws -> Answer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError(description: "no socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { throw ServeError(description: "cannot connect to port \(port)") }
        var head = "\(method) \(path) HTTP/1.1\r\n"
        var all = ["Host": "127.0.0.1:\(port)", "Connection": "close", "Content-Length": String(body.utf8.count)]
        all.merge(headers) { $1 }
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
        let bytes = Array((head + "\r\n" + body).utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Answer(status: status, head: parts.first ?? "", body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}

/// Bytes read by one thread and looked at by another.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.withLock { data = d } }
    var isSet: Bool { lock.withLock { data != nil } }
    func get() -> Data { lock.withLock { data ?? Data() } }
}
