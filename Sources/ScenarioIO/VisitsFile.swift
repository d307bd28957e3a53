import DiaBanCore
import Foundation

/// Reads a table of visits done (`date`, `officer`, `commune`, and optionally `note`), as
/// `diaban register visit import` takes it: every problem with its line and column.
public enum VisitsFile {
    /// The visits of the file, each with its line; `officers` and `communes` are the ids and
    /// codes the register knows (an unknown one is an error with its line).
    public static func read(path: String, officers: Set<String>, communes: Set<String>) throws(ScenarioErrors) -> [(visit: VisitRecord, line: Int)] {
        let problems = Problems()
        var out: [(VisitRecord, Int)] = []
        if let table = CSVTable.read(path: path, file: path, what: "visits table", required: ["date", "officer", "commune"], reference: nil, problems: problems),
           ["date", "officer", "commune"].allSatisfy(table.has) {
            table.warnNearMissColumns(known: ["date", "officer", "commune", "note", "officer_name", "commune_name"], problems: problems)
            var firstLine = FirstLines<String>()
            for row in table.rows {
                let f = CSVFields(table: table, row: row, problems: problems)
                let raw = f.required("date", "date", hint: "Write the day of the visit, e.g. 2026-03-10.")
                let day = raw.flatMap(Day.init(iso:))
                if let raw, day == nil {
                    problems.add(.badValue, f.location("date"), "\"\(raw)\" is not a date of the calendar written YYYY-MM-DD.",
                                 hint: "Write the day of the visit, e.g. 2026-03-10.")
                }
                let officer = f.required("officer", "officer id", hint: "Give the officer's id, e.g. CB07.")
                let commune = f.required("commune", "commune code", hint: "Give the commune's code from the communes table.")
                if let officer, !officers.contains(officer) {
                    problems.add(.unknownReference, f.location("officer"), "The register has no officer \(officer)." + Text.didYouMean(officer, officers.sorted()),
                                 hint: "Use an id the register knows (diaban register show).")
                }
                if let commune, !communes.contains(commune) {
                    problems.add(.unknownReference, f.location("commune"), "The register has no commune \(commune).",
                                 hint: "Use a commune code the register knows (diaban register show).")
                }
                guard let day, let officer, let commune, officers.contains(officer), communes.contains(commune) else { continue }
                let key = "\(day)|\(officer)|\(commune)"
                guard firstLine.claim(key, f, field: "date", { "The visit of \(officer) to \(commune) on \(day) is listed twice (first on line \($0))." },
                                      hint: "Delete the duplicate row.") else { continue }
                out.append((VisitRecord(day: day, officer: officer, commune: commune, note: f.text("note") ?? ""), f.line))
            }
        }
        guard problems.isEmpty else { throw ScenarioErrors(problems.errors) }
        return out
    }
}
