import ArgumentParser
import Foundation
import Planning
import Workspace

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Opens the planner's workspace: a local web page for scenarios, what-ifs, solves, comparisons and decisions.",
        discussion: """
            Starts a web server and prints its address; open it in a browser. The page lists the \
            scenario files under --scenarios with what `diaban check` says about each, writes \
            what-ifs from a form (beside their base, never over a file unless you confirm), solves \
            with live progress and a Stop button that keeps the best plan so far, and shows the \
            report, the comparison of scenarios and the trade-off curve. A leader's decisions on a \
            proposal's moves re-plan it, are saved as decisions.csv beside the scenario and are \
            adopted into a register of the folder after a confirmation. It needs no network.

            It listens on 127.0.0.1 (this machine only) unless --host says otherwise; another \
            address needs an access token, generated and printed unless --token gives one. At most \
            --jobs solves run at once (default: the processors); the others wait in a queue the \
            page shows. A solve no page watches any more (its tab was closed) stops after \
            --stop-unwatched-after seconds (30), keeping its best plan.

            Ctrl-C or SIGTERM stops it: running solves stop first (keeping their best plans), then \
            the server. Exit codes: 0 stopped cleanly, 1 the server could not start (e.g. the port \
            is taken), 64 usage error.
            """)

    @Option(help: "The folder of scenario files.") var scenarios = "scenarios"
    @Option(help: "The port to listen on (0: any free port).") var port = 8080
    @Option(help: "The address to listen on; other than 127.0.0.1 or localhost needs a token.") var host = "127.0.0.1"
    @Option(help: "An access token every request must carry (at least 16 characters).") var token: String?
    @Option(help: "Solves at once, at most (default: the number of processors).") var jobs: Int?
    @Option(name: .customLong("max-time-limit"), help: "The longest time limit of one solve, seconds.") var maxTimeLimit = 600.0
    @Option(name: .customLong("stop-unwatched-after"), help: "Seconds a solve goes on once no page watches it (its tab was closed).")
    var stopUnwatchedAfter = 30.0

    var configurationValue: WorkspaceConfiguration {
        var token = self.token
        if token == nil && !WorkspaceConfiguration.isLoopback(host) { token = WorkspaceConfiguration.generateToken() }
        return WorkspaceConfiguration(scenarios: scenarios, host: host, port: port, token: token,
                                      jobs: jobs ?? PlanBatch.defaultJobs, maxSolveSeconds: maxTimeLimit, unwatchedGrace: stopUnwatchedAfter)
    }

    func validate() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: scenarios, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("No folder \(scenarios). Give --scenarios the folder that holds the scenario files, e.g. --scenarios scenarios.")
        }
        let c = configurationValue
        if let problem = c.problem { throw ValidationError(problem) }
    }

    /// Runs the server on Swift's concurrency runtime while this (main) thread waits: the
    /// other commands stay plain synchronous programs.
    func run() throws {
        let configuration = configurationValue
        let generated = token == nil && configuration.token != nil
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            outcome.set(await Self.serve(configuration, generatedToken: generated))
            done.signal()
        }
        done.wait()
        if let code = outcome.code { throw ExitCode(code) }
    }

    /// Serves until SIGINT or SIGTERM; returns the exit code of a failure, nil when it stopped cleanly.
    static func serve(_ configuration: WorkspaceConfiguration, generatedToken: Bool) async -> Int32? {
        let workspace: Workspace
        do {
            workspace = try Workspace(configuration)
        } catch {
            printError("diaban serve: \(error)")
            return ExitStatus.usage
        }
        let token = configuration.token
        do {
            try await workspace.run { address in
                var lines = ["DiaBan workspace: \(address)\(token.map { "?token=\($0)" } ?? "")"]
                if generatedToken { lines.append("The access token was generated for this run; anyone with the address above can use the workspace.") }
                lines.append("Scenarios: \(workspace.folder.root). Press Ctrl-C to stop.")
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch {
            printError("diaban serve: the server could not run: \(error)")
            return ExitStatus.internalFailure
        }
        let (running, queued) = workspace.stoppedAtShutdown
        printError("diaban serve: stopped; \(running) running solve\(running == 1 ? " was" : "s were") stopped (keeping \(running == 1 ? "its" : "their") best plan\(running == 1 ? "" : "s")) and \(queued) waiting cancelled.")
        return nil
    }
}

/// The exit code the serving task hands to the waiting main thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int32?
    func set(_ code: Int32?) { lock.withLock { value = code } }
    var code: Int32? { lock.withLock { value } }
}
