import Advice
import DiaBanCore
import Foundation
import HTTPTypes
import LinearModel
import Planning
import Reporting
import ScenarioIO
import WorkPlan
import GLPKSolver
import Register

/// The solves of the workspace: at most `limit` run at once, each on a thread of its own (the
/// planner is synchronous and keeps the solver's objects on its thread); the others wait in a
/// queue, first come first served, that every page can see.
///
/// A solve stops — keeping its best plan so far, as Ctrl-C does on the command line — when
/// its Stop button is pressed, when no page has watched it for ``unwatchedGrace`` seconds
/// (its tab was closed), when it reaches its time limit (never more than ``maxSeconds``), or
/// when the server shuts down. A queued job that is stopped is cancelled.
final class JobPool: @unchecked Sendable {
    let planner: Planner
    /// Where the scenarios are (to name the files of a problem).
    let folder: ScenarioFolder
    /// Jobs running at once, at most.
    let limit: Int
    /// Seconds a job may go unwatched before it is stopped.
    let unwatchedGrace: Double
    /// The longest time limit of one solve (each point of a sweep).
    let maxSeconds: Double
    /// Finished jobs kept for their reports; the oldest are forgotten first.
    let keepFinished: Int
    /// Jobs waiting, at most; more are refused (429).
    let maxQueued: Int

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private var queue: [Job] = []
    private var running = 0
    private var serial = 0
    private var closed = false
    private var timer: (any DispatchSourceTimer)?
    private var ticks = 0

    init(planner: Planner, folder: ScenarioFolder, limit: Int, unwatchedGrace: Double, maxSeconds: Double, keepFinished: Int = 100, maxQueued: Int = 64) {
        precondition(limit >= 1, "a pool needs at least one place, got \(limit)")
        self.planner = planner
        self.folder = folder
        self.limit = limit
        self.unwatchedGrace = unwatchedGrace
        self.maxSeconds = maxSeconds
        self.keepFinished = keepFinished
        self.maxQueued = maxQueued
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    // MARK: Submitting and reading

    /// Queues a job and starts it when there is room; returns its id.
    func submit(_ spec: JobSpec, owner: String) throws(APIError) -> String {
        let job = try locked { () throws(APIError) -> Job in
            if closed { throw APIError(.serviceUnavailable, "The workspace is shutting down; no new solve starts.") }
            if queue.count >= maxQueued {
                throw APIError(.tooManyRequests, "\(queue.count) solves are already waiting; stop some or wait for them to finish.")
            }
            serial += 1
            let job = Job(id: ScenarioFolder.randomHex(8), spec: spec, owner: owner, serial: serial, now: Date())
            jobs[job.id] = job
            queue.append(job)
            return job
        }
        startWaiting()
        publishQueue()
        return job.id
    }

    func snapshot(_ id: String, viewer: String?, detail: Bool = false) -> JobSnapshot? {
        lock.withLock { jobs[id].map { snapshotLocked($0, viewer: viewer, detail: detail) } }
    }

    /// Every job, the newest first.
    func list(viewer: String?) -> [JobSnapshot] {
        lock.withLock { jobs.values.sorted { $0.serial > $1.serial }.map { snapshotLocked($0, viewer: viewer, detail: false) } }
    }

    func counts() -> (running: Int, queued: Int) { lock.withLock { (running, queue.count) } }

    func output(_ id: String) -> (JobState, JobOutput?)? { lock.withLock { jobs[id].map { ($0.state, $0.output) } } }

    func spec(_ id: String) -> JobSpec? { lock.withLock { jobs[id]?.spec } }

    // MARK: Stopping

    /// Stops a job at the request of `session`, which must be the one that started it.
    func stop(_ id: String, by session: String) throws(APIError) {
        try locked { () throws(APIError) in
            guard let job = jobs[id] else { throw APIError.notFound("There is no solve \(id); it may have been forgotten after many others.") }
            guard constantTimeEqual(job.owner, session) else {
                throw APIError.forbidden("This solve was started from another browser session; only that session can stop it.")
            }
            stopLocked(job, reason: .user)
        }
        publishQueue()
    }

    private func stopLocked(_ job: Job, reason: StopReason) {
        switch job.state {
        case .queued:
            queue.removeAll { $0 === job }
            job.state = .cancelled
            job.stopReason = reason
            job.ended = Date()
            doneLocked(job)
        case .running where job.stopReason == nil:
            job.stopReason = reason
            emitLocked(job, .state)
        default: break
        }
    }

    /// Jobs the shutdown stopped while they ran, and cancelled while they waited.
    var stoppedAtShutdown: (running: Int, queued: Int) { lock.withLock { stoppedByShutdown } }
    private var stoppedByShutdown = (running: 0, queued: 0)

    /// Stops every job and waits (at most `timeout` seconds) for the running ones to end with
    /// their best plans; no job starts after this.
    func shutdown(timeout: Double = 30) async {
        lock.withLock {
            guard !closed else { return }
            closed = true
            let running = jobs.values.filter { $0.state == .running }
            stoppedByShutdown = (running.count, queue.count)
            for job in queue { stopLocked(job, reason: .shutdown) }
            for job in running { stopLocked(job, reason: .shutdown) }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while counts().running > 0 && Date() < deadline {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        lock.withLock {
            timer?.cancel()
            for job in jobs.values {
                for c in job.subscribers.values { c.finish() }
                job.subscribers = [:]
            }
        }
    }

    var isClosed: Bool { lock.withLock { closed } }

    // MARK: Events

    /// The job's events: its snapshot now, then every change, until it ends. Watching a job
    /// keeps it alive; when its last stream closes, the grace period starts.
    func subscribe(_ id: String, viewer: String?) -> AsyncStream<JobEvent>? {
        lock.withLock {
            guard let job = jobs[id] else { return nil }
            let (stream, continuation) = AsyncStream.makeStream(of: JobEvent.self, bufferingPolicy: .bufferingNewest(64))
            let snapshot = snapshotLocked(job, viewer: viewer, detail: true)
            guard job.state.isActive, !closed else {
                continuation.yield(.done(snapshot))
                continuation.finish()
                return stream
            }
            continuation.yield(.state(snapshot))
            let key = UUID()
            job.subscribers[key] = continuation
            job.lastWatched = Date()
            continuation.onTermination = { [weak self] _ in
                guard let pool = self else { return }
                // Not under the lock: finish() may call this from inside it.
                DispatchQueue.global().async { pool.unsubscribe(id, key) }
            }
            return stream
        }
    }

    private func unsubscribe(_ id: String, _ key: UUID) {
        lock.withLock {
            guard let job = jobs[id] else { return }
            job.subscribers[key] = nil
            job.lastWatched = Date()
        }
    }

    private enum Kind { case state, progress }

    private func emitLocked(_ job: Job, _ kind: Kind) {
        guard !job.subscribers.isEmpty else { return }
        // Each viewer gets the snapshot without `mine` (streams do not know their session).
        let s = snapshotLocked(job, viewer: nil, detail: false)
        for c in job.subscribers.values { c.yield(kind == .state ? .state(s) : .progress(s)) }
    }

    private func doneLocked(_ job: Job) {
        let s = snapshotLocked(job, viewer: nil, detail: true)
        for c in job.subscribers.values {
            c.yield(.done(s))
            c.finish()
        }
        job.subscribers = [:]
    }

    /// Queue positions changed: tell the queued jobs' watchers.
    private func publishQueue() {
        lock.withLock { for job in queue { emitLocked(job, .state) } }
    }

    // MARK: Running

    private func startWaiting() {
        var starting: [Job] = []
        lock.withLock {
            while !closed && running < limit && !queue.isEmpty {
                let job = queue.removeFirst()
                job.state = .running
                job.started = Date()
                running += 1
                emitLocked(job, .state)
                starting.append(job)
            }
        }
        for job in starting {
            let thread = Thread { [self] in self.run(job) }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    /// The time limit of one solve (each point of a sweep): the request's, else the scenario's,
    /// never more than the pool's most.
    func timeLimit(requested: Double?, scenario: Scenario) -> Double {
        min(maxSeconds, requested ?? scenario.solver.timeLimit ?? maxSeconds)
    }

    private func run(_ job: Job) {
        let spec = job.spec
        let output: JobOutput
        do {
            let loaded = try ScenarioLoader.loadDetailed(path: spec.scenario.path, current: RegisterCurrentSource())
            let request = PlanRequest(scenario: loaded.scenario, timeLimit: timeLimit(requested: spec.timeLimit, scenario: loaded.scenario), gap: spec.gap)
            let progress: @Sendable (SolveProgress) -> ProgressDecision = { [weak self] p in
                self?.record(job, ProgressPoint(p)) ?? .stop
            }
            switch spec.kind {
            case .solve:
                // A re-plan reads its decisions against the scenario as it is now, as
                // `diaban solve --decisions` does, and solves the scenario with them applied.
                var planned = loaded.scenario
                var decisions: [Decision]?
                if let input = spec.decisions {
                    do {
                        decisions = try DecisionsFile.read(data: Data(input.text.utf8), file: input.file, roster: DecisionRoster.of(loaded.scenario)).decisions
                    } catch {
                        finish(job, .failure(message: "The decisions have \(error.count) problem\(error.count == 1 ? "" : "s"); nothing was solved.", problems: error.errors))
                        return
                    }
                    planned = loaded.scenario.applying(decisions ?? [])
                }
                let result = PlanBatch(planner: planner, jobs: 1).run([PlanBatch.Job(scenario: planned, request: request)], progress: progress)[0]
                let outcome = try? result.outcome.get()
                var report = outcome.map { SolveReport($0, scenario: planned) }
                if let decisions, let outcome, let input = spec.decisions {
                    // Both plans measured by the scenario without the decisions' locks, as the command line measures them.
                    report?.decisions = PlanContext(scenario: loaded.scenario).review(decisions, file: input.file, plan: outcome.plan, proposal: outcome.proposal)
                }
                output = .solve(SolveOutput(loaded: loaded, result: result, report: report, decisions: decisions))
            case .workplan:
                output = .workplan(WorkPlanOutput(loaded: loaded, outcome: try workplan(job, loaded)))
            case .advice:
                output = try advise(job, loaded, request: request)
            case .tradeoff:
                let sweep = TradeoffSweep(scenario: loaded.scenario, parameter: spec.parameter, values: spec.values)
                let start = Date()
                let points = try sweep.run(planner: planner, request: request, progress: progress) { [weak self] n, _ in self?.pointDone(job, n + 1) }
                let report = TradeoffReport(sweep, points: points, file: spec.scenario.relative, wallSeconds: Date().timeIntervalSince(start))
                output = .tradeoff(TradeoffOutput(report: report, chart: report.svg()))
            }
        } catch WorkPlanJobError.message(let message) {
            output = .failure(message: message, problems: [])
        } catch let errors as ScenarioErrors {
            output = .failure(message: "The scenario has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nothing was solved.", problems: errors.errors)
        } catch {
            output = .failure(message: "The solver failed: \(error)", problems: [])
        }
        finish(job, output)
    }

    /// A work plan job: the scenario's rules (the officer's blocked days replaced when the
    /// panel changed them), one officer at a time, each finished officer shown as it comes.
    private func workplan(_ job: Job, _ loaded: LoadedScenario) throws -> WorkPlanOutcome {
        let input = job.spec.workplan!
        var scenario = loaded.scenario
        guard var rules = scenario.workPlan, let period = rules.period else {
            throw WorkPlanJobError.message("\(job.spec.scenario.relative) has no workPlan: section with a period; the work plan needs both (scenarios/README.md).")
        }
        let problems = loaded.workPlanProblems(period: period)
        guard problems.isEmpty else { throw ScenarioErrors(problems) }
        if let officer = input.officer, let blocked = input.blocked {
            rules.blocked = rules.blocked.filter { $0.officer != officer } + blocked
            scenario.workPlan = rules
        }
        let total = input.officer == nil ? Set(input.plan.pairs.map(\.officer)).count : 1
        lock.withLock { job.pointsTotal = total }
        // The pool's limit, not the scenario's short one: the page waits with its progress.
        let limit = min(maxSeconds, job.spec.timeLimit ?? max(60, rules.timeLimit ?? 60))
        return WorkPlanner(solver: GLPKSolver()).plan(
            scenario, assignment: input.plan, period: period, officers: input.officer.map { [$0] }, timeLimit: limit,
            shouldStop: { [weak self] in self?.lock.withLock { job.stopReason != nil } ?? true },
            progress: { [weak self] _ in
                guard let self else { return }
                self.lock.withLock {
                    job.pointsDone += 1
                    self.emitLocked(job, .state)
                }
            })
    }

    /// An advice job: as `diaban advise`, one candidate at a time so that Stop ends it between
    /// candidates (and stops the joint program's search), each solve counted as it ends; then,
    /// when asked, each officer's departure.
    private func advise(_ job: Job, _ loaded: LoadedScenario, request: PlanRequest) throws -> JobOutput {
        let input = job.spec.advice!
        let scenario = loaded.scenario
        let stop: @Sendable () -> Bool = { [weak self] in self?.lock.withLock { job.stopReason != nil } ?? true }
        let advisor = Advisor(planner: planner, solver: StoppableSolver(GLPKSolver(), shouldStop: stop))
        var request = request
        request.solverOptions.verbosity = .off
        var options = AdviceOptions(budgets: input.budgets)
        options.capacityUnits = input.capacityUnits
        options.training = scenario.training
        options.hires = scenario.hires
        options.jobs = 1
        // The first ten of each kind proven, the others left out by their bounds, as the
        // command line does by default.
        options.screenTop = 10
        var out = AdviceOutput(loaded: loaded, run: nil, combination: nil, resilience: nil, stopped: false)
        var baseline: (PlanOutcome, SolvedPoint)?
        if input.budgets.values.contains(where: { $0 > 0 }) {
            let control = AdviceControl(shouldStop: stop) { [weak self] done, total in
                guard let self else { return }
                self.lock.withLock {
                    job.pointsDone = done
                    job.pointsTotal = total + (input.resilience ? scenario.officers.filter(\.isActive).count : 0)
                    self.emitLocked(job, .state)
                }
            }
            var run = try advisor.advise(scenario, options: options, request: request, control: control)
            guard let advice = run.advice else { return Self.noPlan(run.baseline, scenario) }
            baseline = (run.baseline, advice.baseline)
            if !run.stopped, !stop() {
                out.combination = try advisor.combination(scenario, advice: advice, request: request)
                    .map { AdviceHTML.Combination(scenario: $0.scenario, outcome: $0.outcome) }
            }
            // A stop during the combination's solve (or just after the advice) still stops it.
            if !run.stopped, stop() {
                run.markStopped()
                out.combination = nil
            }
            out.run = run
            out.stopped = run.stopped
        }
        if input.resilience && !out.stopped && !stop() {
            if baseline == nil {
                let b = try advisor.baseline(scenario, request: request)
                guard b.0.plan != nil, b.0.status == .optimal || b.0.status == .feasible else { return Self.noPlan(b.0, scenario) }
                baseline = b
                lock.withLock {
                    job.pointsTotal = scenario.officers.filter(\.isActive).count
                    emitLocked(job, .state)
                }
            }
            let (outcome, point) = baseline!
            out.resilience = try advisor.resilience(scenario, baseline: outcome, point: point, request: request, training: options.training, jobs: 1)
            lock.withLock {
                job.pointsDone = job.pointsTotal
                emitLocked(job, .state)
            }
        } else if input.resilience {
            out.stopped = true
        }
        return .advice(out)
    }

    /// The scenario has no valid plan to improve: the reasons, as a solve gives them.
    private static func noPlan(_ outcome: PlanOutcome, _ scenario: Scenario) -> JobOutput {
        let reasons = outcome.findings.filter { $0.severity == .error }.map(\.message) + (outcome.explanation?.relaxations.map(\.message) ?? [])
        return .failure(message: "\(scenario.name) has no valid plan (\(outcome.status.rawValue)); there is nothing to advise on. " + reasons.joined(separator: " "), problems: [])
    }

    /// Records the search's numbers; answers whether the search goes on.
    private func record(_ job: Job, _ p: ProgressPoint) -> ProgressDecision {
        lock.withLock {
            job.record(p)
            emitLocked(job, .progress)
            return job.stopReason == nil ? .proceed : .stop
        }
    }

    private func pointDone(_ job: Job, _ n: Int) {
        lock.withLock {
            job.pointsDone = n
            job.history = []
            emitLocked(job, .state)
        }
    }

    private func finish(_ job: Job, _ output: JobOutput) {
        lock.withLock {
            job.output = output
            job.ended = Date()
            if case .failure = output { job.state = .failed } else { job.state = .finished }
            if case .solve(let s) = output, case .failure = s.result.outcome { job.state = .failed }
            running -= 1
            doneLocked(job)
            forgetOldLocked()
        }
        startWaiting()
        publishQueue()
    }

    private func forgetOldLocked() {
        let ended = jobs.values.filter { !$0.state.isActive }.sorted { $0.serial < $1.serial }
        for job in ended.prefix(max(0, ended.count - keepFinished)) { jobs[job.id] = nil }
    }

    /// Four times a second: stop jobs nobody watches; every two seconds a heartbeat on each
    /// open stream (a closed connection shows when it fails).
    private func tick() {
        lock.withLock {
            ticks += 1
            let now = Date()
            for job in jobs.values where job.state.isActive {
                if !job.subscribers.isEmpty {
                    job.lastWatched = now
                    if ticks % 8 == 0 { for c in job.subscribers.values { c.yield(.heartbeat) } }
                } else if now.timeIntervalSince(job.lastWatched) > unwatchedGrace {
                    stopLocked(job, reason: .unwatched)
                }
            }
        }
    }

    /// `body` under the lock, keeping its error type.
    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Snapshots

    private func snapshotLocked(_ job: Job, viewer: String?, detail: Bool) -> JobSnapshot {
        let now = Date()
        var s = JobSnapshot(
            id: job.id, kind: job.spec.kind, path: job.spec.scenario.relative, state: job.state,
            position: queue.firstIndex { $0 === job }.map { $0 + 1 },
            mine: viewer.map { constantTimeEqual($0, job.owner) } ?? false,
            elapsedSeconds: job.started.map { (job.ended ?? now).timeIntervalSince($0) } ?? 0,
            timeLimit: min(maxSeconds, job.spec.timeLimit ?? maxSeconds), stopReason: job.stopReason, progress: job.progress,
            history: detail ? job.history : nil,
            points: job.spec.kind == .tradeoff ? .init(done: job.pointsDone, total: job.spec.values.count)
                : job.spec.kind == .workplan || job.spec.kind == .advice ? .init(done: job.pointsDone, total: job.pointsTotal) : nil,
            replanOf: job.spec.decisions?.parent, result: nil, error: nil, problems: nil)
        switch job.output {
        case .solve(let o)?:
            if let report = o.report {
                s.result = .init(report)
            } else if case .failure(let error) = o.result.outcome {
                s.error = "The solver failed: \(error)"
            }
        case .tradeoff(let t)?:
            s.points = .init(done: t.report.points.count, total: job.spec.values.count)
        case .workplan(let w)?:
            let p = w.outcome.province
            s.workplan = WorkPlanSummary(status: w.outcome.status.rawValue, officers: w.outcome.officers.count, proven: p.provenOfficers, trips: p.trips,
                                         fieldDays: p.fieldDays, km: p.km, modelKm: p.modelKm, kmSaved: p.kmSaved, officer: job.spec.workplan?.officer)
        case .advice(let a)?:
            s.advice = AdviceSummary(a)
        case .failure(let message, let problems)?:
            s.error = message
            s.problems = problems.isEmpty ? nil : problems.map { Problem($0, folder: folder) }
        case nil: break
        }
        return s
    }
}

enum WorkPlanJobError: Error { case message(String) }
