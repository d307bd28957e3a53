import DiaBanCore
import Foundation
import LinearModel

/// Independent plans of several scenarios, solved at the same time on separate threads.
///
/// Each ``Planner/plan(_:request:progress:)`` call is synchronous and keeps its solver objects
/// on its own thread, so a batch starts at most `jobs` threads, each taking the next scenario
/// until none is left. Results are placed by index: the outcome never depends on which thread
/// finished first.
public struct PlanBatch: Sendable {
    public struct Job: Sendable {
        public var scenario: Scenario
        public var request: PlanRequest
        public init(scenario: Scenario, request: PlanRequest) {
            self.scenario = scenario
            self.request = request
        }
    }

    /// One job's answer: the outcome, or the error the planner threw (an invalid model, the
    /// solver failing), and the job's wall-clock seconds.
    public struct Result: Sendable {
        public var outcome: Swift.Result<PlanOutcome, any Error>
        public var wallSeconds: Double
    }

    public let planner: Planner
    /// Threads at most; 1 solves in order on the calling thread.
    public let jobs: Int

    public init(planner: Planner, jobs: Int) {
        precondition(jobs >= 1, "a batch needs at least one job slot, got \(jobs)")
        self.planner = planner
        self.jobs = jobs
    }

    /// Solves every job and returns the results in the order of `work`.
    /// - Parameters:
    ///   - work: the jobs, each a scenario with its request.
    ///   - progress: handed to each solve (called on that solve's thread).
    ///   - finished: called once per job as it ends, from the thread that solved it.
    public func run(
        _ work: [Job],
        progress: (@Sendable (SolveProgress) -> ProgressDecision)? = nil,
        finished: (@Sendable (Int, Result) -> Void)? = nil
    ) -> [Result] {
        let store = ResultStore(count: work.count)
        let planner = planner
        let solveOne: @Sendable (Int) -> Void = { index in
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = Swift.Result { try planner.plan(work[index].scenario, request: work[index].request, progress: progress) }
            let result = Result(outcome: outcome, wallSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            store.set(index, result)
            finished?(index, result)
        }
        let threads = min(jobs, work.count)
        if threads <= 1 {
            for index in work.indices { solveOne(index) }
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    while let index = store.claim() { solveOne(index) }
                }
                thread.stackSize = 16 << 20
                thread.start()
            }
            group.wait()
        }
        return store.results()
    }

    /// The default number of jobs: the processors this process may use.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// The shared state of a batch: the next job to claim and the results so far, under a lock.
private final class ResultStore: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [PlanBatch.Result?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func set(_ index: Int, _ result: PlanBatch.Result) { lock.withLock { slots[index] = result } }

    func results() -> [PlanBatch.Result] {
        lock.withLock { slots.map { $0! } }
    }
}
