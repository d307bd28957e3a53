import Dispatch
import Foundation
import LinearModel

/// Set once Ctrl-C is pressed; the solve then stops at GLPK's next callback and the best plan
/// so far is reported.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private var source: (any DispatchSourceSignal)?

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return set }

    static func install() -> InterruptFlag {
        let flag = InterruptFlag()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [flag] in
            flag.lock.lock(); flag.set = true; flag.lock.unlock()
            FileHandle.standardError.write(Data("\ninterrupted: stopping the search, keeping the best plan so far…\n".utf8))
        }
        source.resume()
        flag.source = source
        return flag
    }
}

/// Prints a progress line to stderr about once a second once a solve has run for a second.
final class ProgressPrinter: @unchecked Sendable {
    private let quiet: Bool
    private let interrupt: InterruptFlag
    private let lock = NSLock()
    private var lastPrinted = 0.0

    init(quiet: Bool, interrupt: InterruptFlag) {
        self.quiet = quiet
        self.interrupt = interrupt
    }

    var callback: @Sendable (SolveProgress) -> ProgressDecision {
        { [self] p in
            if !quiet && p.elapsedSeconds >= 1 {
                lock.lock()
                let due = p.elapsedSeconds - lastPrinted >= 1
                if due { lastPrinted = p.elapsedSeconds }
                lock.unlock()
                if due {
                    let inc = p.incumbent.map { String(format: "%.2f", $0) } ?? "—"
                    let bound = p.bestBound.map { String(format: "%.2f", $0) } ?? "—"
                    let gap = p.gap.map { String(format: "%.2f%%", 100 * $0) } ?? "—"
                    let line = String(format: "[%6.1f s] incumbent %@  bound %@  gap %@  nodes %d\n", p.elapsedSeconds, inc, bound, gap, p.nodes)
                    FileHandle.standardError.write(Data(line.utf8))
                }
            }
            return interrupt.isSet ? .stop : .proceed
        }
    }

}
