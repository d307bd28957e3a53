/// The targets of the benchmark issue, evaluated on a results file. They are reported, never
/// asserted by unit tests: a target not met is information, a wrong optimum is a bug.
public enum Targets {
    /// "4 GB" read as 4·10⁹ bytes.
    static let countryMemoryLimit = 4e9
    /// CBC 2.10's total on OR-Library gap1–gap12, single-threaded, when this run did not time CBC.
    static let cbcReferenceSeconds = 11.0

    public static func evaluate(_ file: ResultsFile) -> [Target] {
        var out: [Target] = []
        let ngheAn = file.ladder.first { $0.name == "nghe-an" }
        out.append(Target(
            name: "Nghệ An: proven optimal", goal: "every run optimal",
            value: ngheAn.map { "\($0.statuses.filter { $0 == "optimal" }.count)/\($0.runs) optimal" } ?? "not run",
            met: ngheAn.map { $0.status == "optimal" }))
        out.append(Target(
            name: "Nghệ An: end-to-end time", goal: "median < 1 s",
            value: ngheAn.map { "median \(Text.seconds($0.wall.median))" } ?? "not run",
            met: ngheAn.map { $0.wall.median < 1 }))
        out.append(Target(
            name: "Nghệ An: reading + building + reporting", goal: "< 10 % of end-to-end",
            value: ngheAn.map { "\(Text.percent($0.overheadShare.median)) (\(Text.seconds($0.read.median + $0.build.median + $0.report.median)))" } ?? "not run",
            met: ngheAn.map { $0.overheadShare.median < 0.10 }))

        let orlib = file.gap.first { $0.set == .orlib }
        let orlibFull = orlib.map { $0.diaban.count == 60 } ?? false
        out.append(Target(
            name: "OR-Library gap1–gap12: proven optimal", goal: "60/60",
            value: orlib.map { "\($0.diaban.provenOptimal)/\($0.diaban.count)" + (orlibFull ? "" : " (subset)") } ?? "not run",
            met: orlibFull ? orlib.map { $0.diaban.provenOptimal == 60 } : nil))
        out.append(Target(
            name: "OR-Library gap1–gap12: values equal the published optima", goal: "60/60 equal, none wrong",
            value: orlib.map { "\($0.diaban.instances.filter { $0.verdict == .match }.count) equal, \($0.diaban.wrong) wrong" } ?? "not run",
            met: orlibFull ? orlib.map { $0.diaban.wrong == 0 && $0.diaban.instances.allSatisfy { $0.verdict == .match } } : nil))
        if let orlib {
            let mine = orlib.diaban.totalSeconds
            if let cbc = orlib.cbc {
                out.append(Target(
                    name: "OR-Library gap1–gap12: total time", goal: "≤ CBC's (same files, this run)",
                    value: "\(Text.seconds(mine)) vs CBC \(Text.seconds(cbc.totalSeconds)) (\(Text.ratio(mine / max(1e-9, cbc.totalSeconds))))" + (orlibFull ? "" : " (subset)"),
                    met: orlibFull ? mine <= cbc.totalSeconds : nil))
            } else {
                out.append(Target(
                    name: "OR-Library gap1–gap12: total time", goal: "≤ CBC's (reference ~\(Int(cbcReferenceSeconds)) s)",
                    value: "\(Text.seconds(mine))" + (orlibFull ? "" : " (subset)"),
                    met: orlibFull ? mine <= cbcReferenceSeconds : nil))
            }
        } else {
            out.append(Target(name: "OR-Library gap1–gap12: total time", goal: "≤ CBC's", value: "not run", met: nil))
        }

        let country = file.ladder.first { $0.name == "country" }
        out.append(Target(
            name: "Whole country: first feasible plan", goal: "within 60 s",
            value: country.map { c in c.firstFeasible.map { "after \(Text.seconds($0.max))" } ?? "none" } ?? "not run",
            met: country.map { c in c.firstFeasible.map { $0.max <= 60 } ?? false }))
        out.append(Target(
            name: "Whole country: gap reported", goal: "a gap at the time limit",
            value: country.map { c in c.gap.map { "gap \(Text.percent($0.median)) (\(c.status), limit \(Text.seconds(c.timeLimit)))" } ?? "no gap (\(c.status))" } ?? "not run",
            met: country.map { $0.gap != nil }))
        out.append(Target(
            name: "Whole country: peak memory", goal: "< 4 GB",
            value: country.map { "process \(Text.bytes($0.peakRSSBytes.max)), GLPK \(Text.bytes($0.peakGLPKBytes.max))" } ?? "not run",
            met: country.map { $0.peakRSSBytes.max < countryMemoryLimit && $0.runs > 0 }))
        out.append(Target(
            name: "No bug", goal: "no wrong optimum, no plan breaking a hard rule, no peer disagreeing on a proven optimum",
            value: file.bugs.isEmpty ? "none" : "\(file.bugs.count) found", met: file.bugs.isEmpty))
        return out
    }
}
