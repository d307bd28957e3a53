import DiaBanCore

/// The current assignment of a scenario read from a register (`tables: {current: {register:
/// FILE}}`): the pairs in force on the scenario's `asOf` (default: the register's last
/// decision), with the day each began, so that tenure and rotation need no hand step. The
/// register is read through `source`, which the caller composes (see `CurrentAssignmentSource` in DiaBanCore).
enum RegisterCurrent {
    static func read(
        _ file: Located<String>, asOf: Located<Day>?, communes: [String: Commune], officers: [Officer], source: (any CurrentAssignmentSource)?, problems: Problems
    ) -> (current: Assignment, since: [Pair: Day], asOf: Day, rejected: [Pair], kept: [Pair], reference: String?, left: [String])? {
        let at = file.at
        guard let source else {
            problems.add(.unreadableFile, at, "The scenario takes its current assignment from the register \(file.value), and this program reads no register.",
                         hint: "Read the scenario with diaban or the workspace, or give it a current: table.")
            return nil
        }
        let held: CurrentAssignmentRecord
        var standing: StandingRefusals?
        do {
            held = try source.currentAssignment(at: file.value, on: asOf?.value)
            // The last decision's refusals stand while the plan is for a date from it on.
            if let s = held.standing, held.last <= held.day { standing = s }
        } catch {
            problems.add(.unreadableFile, at, "The register \(file.value) cannot be read as the current assignment: \(error)",
                         hint: "Check the path after register:; it is relative to the scenario file's folder.")
            return nil
        }
        let roster = Dictionary(officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var pairs: [Pair] = [], since: [Pair: Day] = [:]
        let before = problems.count
        for h in held.pairs {
            let pair = Pair(officer: h.officer, commune: h.commune)
            guard let commune = communes[h.commune] else {
                problems.add(.unknownReference, at, "The register has \(h.officerName) (\(h.officer)) tracking commune \(h.commune) (\(h.communeName)), which is not in the communes table.",
                             hint: "Use the register made for this scenario's communes.")
                continue
            }
            if !Text.sameName(h.communeName, commune.name, commune: true) {
                problems.add(.nameMismatch, at, "Commune \(h.commune) is \"\(commune.name)\" in the communes table but \"\(h.communeName)\" in the register.",
                             hint: "Check that the register and the scenario are of the same province.")
            }
            guard let officer = roster[h.officer] else {
                problems.add(.unknownReference, at, "The register has officer \(h.officer) (\(h.officerName)) tracking \(commune.name), but the officers table has no \(h.officer).",
                             hint: "Add the officer to the officers table, or remove them with a removeOfficer change (their communes are then re-planned).")
                continue
            }
            if !Text.sameName(h.officerName, officer.name) {
                problems.add(.nameMismatch, at, "Officer \(h.officer) is \"\(officer.name)\" in the officers table but \"\(h.officerName)\" in the register.",
                             hint: "Check the officers table: the id and the name must be the same officer.")
            }
            pairs.append(pair)
            since[pair] = h.since
        }
        guard problems.count == before else { return nil }
        let known = Set(pairs)
        let officerIDs = Set(officers.map(\.id))
        let rejected = (standing?.rejected ?? []).filter { officerIDs.contains($0.officer) && communes[$0.commune] != nil }
        let kept = (standing?.kept ?? []).filter { known.contains($0) }
        return (Assignment(pairs), since, held.day, rejected, kept, standing?.reference, held.left)
    }
}
