import DiaBanTestSupport
import Foundation
import GLPKSolver
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinearModel
import NIOCore
import Planning
import Testing
@testable import Workspace

/// A scratch folder holding `scenarios/` (a small province and what-ifs on it) and, beside
/// it, `outside/`, which the workspace must never read or write; inside the scenarios folder,
/// a file link and a folder link lead out, and a hidden file sits among the scenarios.
struct Fixture {
    let root: String
    var scenarios: String { root + "/scenarios" }
    var outside: String { root + "/outside" }

    init() throws {
        root = NSTemporaryDirectory() + "diaban-workspace-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/scenarios/small", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        for (name, text) in Self.files { try write("scenarios/small/" + name, text) }
        try write("outside/secret.yaml", Self.files["base.yaml"]!)
        try write("scenarios/small/.hidden.yaml", Self.files["base.yaml"]!)
        try fm.createSymbolicLink(atPath: scenarios + "/small/link-out.yaml", withDestinationPath: "../../outside/secret.yaml")
        try fm.createSymbolicLink(atPath: scenarios + "/dir-out", withDestinationPath: "../outside")
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file under the scratch folder (links not followed), relative, sorted.
    func allFiles() -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    static let files: [String: String] = [
        "communes.csv": """
            code,name,kind,former_district,terrain,lat,lon,workload
            30001,Xã Biên,xa,Huyện Kỳ Sơn,mountain,19.3,104.2,2
            30002,Xã Núi,xa,Huyện Kỳ Sơn,mountain,19.1,104.6,1.5
            30003,Xã Đồng,xa,Huyện Diễn Châu,lowland,18.9,105.5,1
            30004,Phường Phố,phuong,Thành phố Vinh,lowland,18.68,105.66,2
            30005,Xã Biển,xa,Huyện Diễn Châu,lowland,18.8,105.75,1.5

            """,
        "officers.csv": """
            id,name,capacity,specialties,base_lat,base_lon,base_label
            O1,Lương Văn Một,5,border-security,19.2,104.4,Nhà riêng
            O2,Trần Thị Hai,5,urban-management,,,
            O3,Lê Văn Ba,4,,,,

            """,
        "current.csv": "commune,officer\n30001,O2\n30002,O1\n30003,O1\n30004,O2\n30005,O3\n",
        "base.yaml": """
            # A small province for the workspace's tests.
            name: Thử
            description: Five communes, three officers.
            headquarters: {name: Tỉnh ủy, lat: 18.675, lon: 105.66}
            tables: {communes: communes.csv, officers: officers.csv, current: current.csv}
            requirements:
              - {specialty: border-security, select: {formerDistricts: [Kỳ Sơn]}}
              - {specialty: urban-management, select: {kinds: [phuong]}}
            solver: {timeLimit: 20}

            """,
        "what-if-leave.yaml": """
            # What if O2 goes on leave?
            name: Thử, O2 on leave
            base: base.yaml
            changes:
              - {op: setOfficerStatus, officer: O2, status: leave}

            """,
        "what-if-typo.yaml": """
            # An overlay naming an officer who does not exist.
            name: Thử, typo
            base: base.yaml
            changes:
              - {op: setCapacity, officer: O1, capacity: 6}
              - {op: setCapacity, officer: O9, capacity: 6}

            """,
    ]
}

/// A solver that never finishes on its own: it reports progress every 20 ms until the
/// progress closure answers `.stop` (or `seconds` pass), then hands back the start it was
/// given as its best plan, as a solver stopped by Ctrl-C does.
struct EndlessSolver: MIPSolver {
    var seconds = 60.0

    func solve(_ model: LinearModel, options: SolverOptions, start: [Double]?,
               progress: (@Sendable (SolveProgress) -> ProgressDecision)?) throws -> SolveResult {
        let began = Date()
        var nodes = 0
        let limit = min(seconds, options.timeLimit ?? seconds)
        while Date().timeIntervalSince(began) < limit {
            nodes += 1
            let p = SolveProgress(elapsedSeconds: Date().timeIntervalSince(began), incumbent: start == nil ? nil : 100, bestBound: 90,
                                  gap: start == nil ? nil : 0.1, nodes: nodes)
            if progress?(p) == .stop {
                return SolveResult(termination: .interrupted, primal: start == nil ? .none : .feasible, bestBound: 90, nodes: nodes,
                                   wallSeconds: Date().timeIntervalSince(began), values: start ?? [], startAccepted: start != nil)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return SolveResult(termination: .timeLimit, primal: start == nil ? .none : .feasible, bestBound: 90, nodes: nodes,
                           wallSeconds: Date().timeIntervalSince(began), values: start ?? [], startAccepted: start != nil)
    }
}

/// A workspace on the fixture, tested through Hummingbird's router test client.
func withWorkspace(
    _ fixture: Fixture, planner: Planner = Planner(solver: GLPKSolver()),
    configure: (inout WorkspaceConfiguration) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol, Workspace) async throws -> Void
) async throws {
    var c = WorkspaceConfiguration(scenarios: fixture.scenarios, jobs: 2, maxSolveSeconds: 30, unwatchedGrace: 30)
    configure(&c)
    let workspace = try Workspace(c, planner: planner)
    try await workspace.makeApplication().test(.router) { client in try await body(client, workspace) }
}

/// One browser: its session cookie and CSRF token, from the page.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookie: String
    var csrf: String

    /// Opens the page, as a browser does first.
    static func open(_ client: any TestClientProtocol) async throws -> Browser {
        let page = try await client.execute(uri: "/", method: .get)
        #expect(page.status == .ok)
        let setCookie = page.headers[.setCookie] ?? ""
        let cookie = String(setCookie.prefix { $0 != ";" })
        let html = String(buffer: page.body)
        let csrf = html.firstMatch(of: /name="csrf-token" content="([0-9a-f]+)"/).map { String($0.1) } ?? ""
        #expect(cookie.hasPrefix("diaban-session-") && !csrf.isEmpty, "the page sets a session cookie and carries a CSRF token")
        return Browser(client: client, cookie: cookie, csrf: csrf)
    }

    var headers: HTTPFields { [.cookie: cookie, .csrfToken: csrf] }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    func post(_ uri: String, json: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/json"
        h.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: json))
    }

    func post(_ uri: String, _ value: [String: Any]) async throws -> TestResponse {
        try await post(uri, json: String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self))
    }

    /// Starts a job; returns its id.
    func start(_ path: String, kind: String = "solve", extra: [String: Any] = [:]) async throws -> String {
        var body: [String: Any] = ["path": path, "kind": kind]
        body.merge(extra) { $1 }
        let r = try await post("/api/jobs", body)
        #expect(r.status == .accepted, "\(String(buffer: r.body))")
        return (try r.json()["id"] as? String) ?? ""
    }

    /// The job's snapshot, once it has ended (polled).
    func finished(_ id: String, timeout: Double = 120) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let s = try await get("/api/jobs/\(id)").json()
            if let state = s["state"] as? String, !["queued", "running"].contains(state) { return s }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("job \(id) did not end within \(timeout) s")
        return [:]
    }

    /// Polls until `condition` holds for the job's snapshot.
    func wait(_ id: String, timeout: Double = 30, until condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await get("/api/jobs/\(id)").json()
            if condition(last) { return last }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        Issue.record("job \(id): the condition did not hold within \(timeout) s; last \(last)")
        return last
    }
}

extension TestResponse {
    /// The body as a JSON object (empty when it is not one).
    func json() throws -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }

    /// The `error` sentence of a refusal.
    var error: String { (try? json()["error"] as? String) ?? "" }
}
