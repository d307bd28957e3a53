import Foundation
import GLPKSolver
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Planning
import Register
import ServiceLifecycle
import UnixSignals

/// The planner's workspace: a local web server that lists the scenarios of a folder, writes
/// what-ifs from a form, runs solves on a bounded pool with live progress, and shows the
/// reports, comparisons and trade-off curves of the command line in the browser.
///
/// Routes, one file per part of the page: ``addPageRoutes(to:)`` (the page itself),
/// ``addScenarioRoutes(to:)``, ``addWhatIfRoutes(to:)``, ``addJobRoutes(to:)`` (solves and
/// sweeps), ``addAdviceRoutes(to:)`` (staffing advice on the pool), ``addCompareRoutes(to:)``, ``addDecisionRoutes(to:)`` (a proposal's moves decided,
/// re-planned and saved as `decisions.csv`) and ``addRegisterRoutes(to:)`` (adopting them into
/// a register, and reading it). A part added later brings its own `Routes+….swift`, is
/// registered in ``makeRouter()`` and gets its panel in the page's panel list
/// (`WorkspacePage+Script.swift`).
public final class Workspace: Sendable {
    public let configuration: WorkspaceConfiguration
    public let folder: ScenarioFolder
    let pool: JobPool
    let sessions = SessionStore()
    /// Names the cookies of this run, so that two workspaces on one machine (cookies do not
    /// tell ports apart) keep their sessions apart.
    let instance = ScenarioFolder.randomHex(4)

    /// The largest request body accepted, bytes.
    public static let maxBodyBytes = 256 * 1024

    /// - Parameter planner: the planner of every solve (GLPK unless a test gives another solver).
    public init(_ configuration: WorkspaceConfiguration, planner: Planner = Planner(solver: GLPKSolver())) throws {
        if let problem = configuration.problem { throw APIError.badRequest(problem) }
        self.configuration = configuration
        self.folder = try ScenarioFolder(root: configuration.scenarios)
        self.pool = JobPool(planner: planner, folder: folder, limit: configuration.jobs, unwatchedGrace: configuration.unwatchedGrace,
                            maxSeconds: configuration.maxSolveSeconds)
    }

    var sessionCookie: String { "diaban-session-" + instance }
    var tokenCookie: String { "diaban-token-" + instance }

    func cookie(_ name: String, _ value: String) -> String { "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict" }

    /// Every route of the workspace behind ``SecurityMiddleware``.
    public func makeRouter() -> Router<WorkspaceContext> {
        let router = Router(context: WorkspaceContext.self)
        router.middlewares.add(SecurityMiddleware(workspace: self))
        addPageRoutes(to: router)
        addScenarioRoutes(to: router)
        addWhatIfRoutes(to: router)
        addJobRoutes(to: router)
        addAdviceRoutes(to: router)
        addWorkPlanRoutes(to: router)
        addCompareRoutes(to: router)
        addDecisionRoutes(to: router)
        addRegisterRoutes(to: router)
        return router
    }

    /// The application, with the pool among its services (for tests: a test's end shuts the pool down).
    public func makeApplication(logger: Logger? = nil) -> some ApplicationProtocol {
        Application(router: makeRouter(), configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                    services: [PoolService(pool: pool)], logger: logger ?? Self.quietLogger)
    }

    /// Runs the server until SIGINT or SIGTERM. `running` gets the address once it listens.
    /// On a signal the running solves stop first (keeping their best plans) and their pages
    /// get their last event, then the server stops.
    public func run(running: @escaping @Sendable (String) -> Void) async throws {
        let host = configuration.host
        let app = Application(
            router: makeRouter(), configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                running("http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)/")
            },
            logger: Self.quietLogger)
        // Shut down in reverse order: the pool first, then the server.
        let group = ServiceGroup(configuration: .init(services: [app, PoolService(pool: pool)], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: Self.quietLogger))
        try await group.run()
        // The registers' logs are folded back into them, so that no -wal or -shm file is left
        // beside a register once the server has stopped.
        for file in folder.registerFiles() { try? Register.checkpoint(at: folder.path(of: file)) }
    }

    /// Solves running and waiting.
    public var activity: (running: Int, queued: Int) { pool.counts() }

    /// After ``run(running:)``: the solves its shutdown stopped (they kept their best plans)
    /// and the waiting ones it cancelled.
    public var stoppedAtShutdown: (running: Int, queued: Int) { pool.stoppedAtShutdown }

    static let quietLogger: Logger = {
        var l = Logger(label: "diaban.workspace")
        l.logLevel = .error
        return l
    }()
}

/// Stops the pool's jobs when the service group shuts down.
struct PoolService: Service {
    let pool: JobPool
    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
    }
}
