import DiaBanCore

/// Reads a calendar table: `date`, `name` and optionally `name_en` and `kind` (`holiday`,
/// `day-off` or `working-day`), one row per day. The public holidays table and the table of
/// extra days off the user keeps have the same form.
enum CalendarTable {
    static let required = ["date", "name"]
    static let optional = ["name_en", "kind"]

    /// The entries of a table, each problem reported with its line and column. `defaultKind`
    /// is the kind of a row whose `kind` is empty.
    static func read(path: Located<String>, what: String, defaultKind: CalendarEntry.Kind, problems: Problems) -> [CalendarEntry] {
        guard let table = CSVTable.read(path: path.value, file: path.value, what: what, required: required, reference: path.at, problems: problems),
              required.allSatisfy(table.has) else { return [] }
        table.warnNearMissColumns(known: required + optional, problems: problems)
        var out: [CalendarEntry] = []
        var firstLine = FirstLines<Day>()
        for row in table.rows {
            let f = CSVFields(table: table, row: row, problems: problems)
            guard let raw = f.required("date", "date", hint: "Write the day, e.g. 2026-09-02.") else { continue }
            guard let day = Day(iso: raw) else {
                problems.add(.badValue, f.location("date"), "\"\(raw)\" is not a date of the calendar written YYYY-MM-DD.",
                             hint: "Write the day, e.g. 2026-09-02; check the month's length (2026-02-29 does not exist).")
                continue
            }
            let name = f.required("name", "name of the day", hint: "Say what the day is, e.g. Quốc khánh.") ?? ""
            var kind = defaultKind
            if let k = f.text("kind") {
                guard let parsed = CalendarEntry.Kind(rawValue: Text.wordKey(k)) else {
                    problems.add(.badValue, f.location("kind"), "\"\(k)\" is not a kind of day." + Text.didYouMean(k, CalendarEntry.Kind.allCases.map(\.rawValue)),
                                 hint: "Write holiday, day-off (an extra day off) or working-day (a weekend day that is a working day).")
                    continue
                }
                kind = parsed
            }
            guard firstLine.claim(day, f, field: "date", { "The day \(day) is listed twice (first on line \($0))." },
                                  hint: "Keep one row per day; give the day one name.") else { continue }
            out.append(CalendarEntry(day: day, name: name, kind: kind))
        }
        return out
    }
}
