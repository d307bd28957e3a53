import Foundation

/// One browser's session: a random id in an HttpOnly cookie and the CSRF token the page
/// sends back on every request that changes something.
public struct Session: Sendable, Equatable {
    public var id: String
    public var csrf: String
}

/// The sessions the server knows, in memory, at most `capacity` (the least recently seen is
/// forgotten first).
final class SessionStore: @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: [String: (session: Session, seen: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func find(_ id: String) -> Session? {
        lock.withLock {
            guard var entry = sessions[id] else { return nil }
            clock += 1
            entry.seen = clock
            sessions[id] = entry
            return entry.session
        }
    }

    func create() -> Session {
        let session = Session(id: ScenarioFolder.randomHex(24), csrf: ScenarioFolder.randomHex(24))
        lock.withLock {
            if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.seen < $1.value.seen })?.key {
                sessions[oldest] = nil
            }
            clock += 1
            sessions[session.id] = (session, clock)
        }
        return session
    }

    var count: Int { lock.withLock { sessions.count } }
}

/// Compares two secrets in time that does not depend on where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
    return diff == 0
}
