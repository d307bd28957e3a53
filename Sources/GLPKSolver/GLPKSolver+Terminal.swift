#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGLPK

/// Receives GLPK's terminal output through `glp_term_hook`, so that none of it reaches stdout
/// (GLPK prints there even with its terminal output switched off, for instance before it
/// reports an error). The text goes to stderr when `echo` is set, and its tail is kept to
/// explain a caught GLPK error.
final class TerminalLog {
    let echo: Bool
    /// Set once a guarded call has caught a GLPK error: `glp_free_env` has released the
    /// thread's environment, hooks included, and every GLPK object of the thread.
    var environmentFreed = false
    private(set) var tail = ""
    private let tailLimit = 2_000

    init(echo: Bool) { self.echo = echo }

    /// Runs `body` with this log installed as the thread's terminal hook (`glp_term_hook`),
    /// and removes the hook afterwards.
    func installed<T>(_ body: () throws -> T) throws -> T {
        try withExtendedLifetime(self) {
            glp_term_hook({ info, text in
                guard let info, let text else { return 1 }
                Unmanaged<TerminalLog>.fromOpaque(info).takeUnretainedValue().receive(text)
                return 1  // non-zero: GLPK prints nothing itself
            }, Unmanaged.passUnretained(self).toOpaque())
            defer { if !environmentFreed { glp_term_hook(nil, nil) } }
            return try body()
        }
    }

    private func receive(_ text: UnsafePointer<CChar>) {
        let count = strlen(text)
        if echo { _ = write(STDERR_FILENO, text, count) }
        tail += String(cString: text)
        if tail.utf8.count > tailLimit { tail = String(tail.suffix(tailLimit / 2)) }
    }

    /// The last `lines` lines GLPK printed, joined on one line, for an error message.
    func lastWords(lines: Int = 4) -> String {
        tail.split(whereSeparator: \.isNewline).suffix(lines).map { $0.trimmingCharacters() }.joined(separator: " / ")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
