import DiaBanCore

/// The register as a scenario's current assignment: what the command line and the workspace
/// hand the scenario reader, so that reading YAML and CSV never depends on the store.
public struct RegisterCurrentSource: CurrentAssignmentSource {
    public init() {}

    /// The pairs in force on `day` (default: the last decision's day), the last decision's
    /// refusals, and the officers who have left by that day. Opens the register read-only.
    public func currentAssignment(at path: String, on day: Day?) throws -> CurrentAssignmentRecord {
        let register = try Register.open(at: path, readOnly: true)
        defer { try? register.close() }
        let held = try register.assignment(on: day)
        let span = try register.span()
        let standing = try register.standingRefusals().map { StandingRefusals(reference: $0.reference, rejected: $0.rejected, kept: $0.kept) }
        var record = CurrentAssignmentRecord(day: held.day, pairs: held.pairs, standing: standing, first: span.first, last: span.last)
        var last: [String: RosterEvent.Kind] = [:]
        for e in try register.rosterEvents(through: held.day) { last[e.event.officer] = e.event.kind }
        record.left = last.filter { $0.value == .leaves }.keys.sorted()
        return record
    }
}
