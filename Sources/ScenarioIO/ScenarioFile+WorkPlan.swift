import DiaBanCore
import Yams

/// The `workPlan:` section as written: each key optional and located, so that a what-if may
/// change one rule of its base (keys merge one by one) and every problem names its line.
struct WorkPlanPart {
    var at: SourceLocation
    var period: Located<DayRange>?
    var visits: [Located<(rule: VisitRule, criteria: [(String, Located<String>)])>]?
    var minSpacingDays: Located<Int>?
    var maxGapDays: Located<Int?>?
    var gapWeight: Located<Double>?
    var fieldDaysPerMonth: Located<Int>?
    var budgets: [Located<BudgetRule>]?
    var weekend: Located<Set<Weekday>>?
    var officeDays: [Located<OfficeDay>]?
    var blocked: [Located<BlockedDays>]?
    var holidays: Located<String>?
    var daysOff: Located<String>?
    var trips: [String: Located<Double?>] = [:]
    var timeLimit: Located<Double?>?

    static let keys = [
        "period", "visits", "minSpacingDays", "maxGapDays", "gapWeight", "fieldDaysPerMonth", "budgets", "weekend",
        "officeDays", "blocked", "holidays", "daysOff", "trips", "timeLimit",
    ]
    static let tripKeys = ["maxKmPerDay", "maxCommunesPerDay", "overnightBeyondKm"]

    /// `self` on top of `base`, key by key (lists replace).
    func merged(over base: WorkPlanPart) -> WorkPlanPart {
        var m = base
        m.at = at
        m.period = period ?? base.period
        m.visits = visits ?? base.visits
        m.minSpacingDays = minSpacingDays ?? base.minSpacingDays
        m.maxGapDays = maxGapDays ?? base.maxGapDays
        m.gapWeight = gapWeight ?? base.gapWeight
        m.fieldDaysPerMonth = fieldDaysPerMonth ?? base.fieldDaysPerMonth
        m.budgets = budgets ?? base.budgets
        m.weekend = weekend ?? base.weekend
        m.officeDays = officeDays ?? base.officeDays
        m.blocked = blocked ?? base.blocked
        m.holidays = holidays ?? base.holidays
        m.daysOff = daysOff ?? base.daysOff
        m.trips.merge(trips) { $1 }
        m.timeLimit = timeLimit ?? base.timeLimit
        return m
    }

    /// Every dated value of the section, with where it was written: each must lie inside the
    /// period the plan is made for.
    var dates: [WorkPlanDate] {
        var out: [WorkPlanDate] = []
        for b in blocked ?? [] { out.append(WorkPlanDate(days: b.value.days, at: b.at, what: "the blocked days of \(b.value.officer)")) }
        for o in officeDays ?? [] { if let d = o.value.days { out.append(WorkPlanDate(days: d, at: o.at, what: "the office day")) } }
        for b in budgets ?? [] {
            if let month = b.value.month, let first = Day(iso: month + "-01") {
                out.append(WorkPlanDate(days: DayRange(first: first, last: first.adding(days: first.daysInMonth - 1))!, at: b.at,
                                        what: "the budget of \(month)", wholeMonth: true))
            }
        }
        return out
    }
}

extension ScenarioFile {
    static func workPlan(_ node: Node, _ y: YAMLReader, _ dir: String) -> WorkPlanPart? {
        let path = "workPlan"
        guard let m = y.mapping(node, path, allowed: WorkPlanPart.keys) else { return nil }
        var w = WorkPlanPart(at: y.location(node, path))
        for (k, _, v) in m {
            let p = "\(path).\(k)"
            let at = y.location(v, p)
            switch k {
            case "period":
                guard let pm = y.mapping(v, p, allowed: ["from", "to"]) else { continue }
                var from: Day?, to: Day?
                for (pk, _, pv) in pm {
                    if pk == "from" { from = date(pv, "\(p).from", y) } else { to = date(pv, "\(p).to", y) }
                }
                for key in ["from", "to"] where !pm.contains(where: { $0.key == key }) {
                    y.problems.add(.missingValue, at, "\(p) needs both from and to.", hint: "Write period: {from: 2026-01-01, to: 2026-12-31}.")
                }
                if let from, let to {
                    if let r = DayRange(first: from, last: to) { w.period = Located(value: r, at: at) } else {
                        y.problems.add(.outOfRange, at, "\(p) ends (\(to)) before it begins (\(from)).", hint: "Swap the two dates.")
                    }
                }
            case "visits":
                w.visits = (y.list(v, p) ?? []).enumerated().compactMap { i, item in
                    visitRule(item, "\(p)[\(i + 1)]", y).map { Located(value: $0, at: y.location(item, "\(p)[\(i + 1)]")) }
                }
            case "minSpacingDays":
                w.minSpacingDays = y.integer(v, p, in: 1...366, hint: "Whole days between two visits of a commune, at least 1 (e.g. 21).").map { Located(value: $0, at: at) }
            case "maxGapDays":
                if y.isOff(v) { w.maxGapDays = Located(value: nil, at: at); continue }
                w.maxGapDays = y.integer(v, p, in: 1...3660, hint: "The longest gap allowed between two visits of a commune, in days; or none.").map { Located(value: $0, at: at) }
            case "gapWeight":
                w.gapWeight = y.number(v, p, in: 0...1e6, hint: "Points (km-equivalents) per day of a commune's longest gap between visits, 0 or more.").map { Located(value: $0, at: at) }
            case "fieldDaysPerMonth":
                w.fieldDaysPerMonth = fieldDays(v, p, y).map { Located(value: $0, at: at) }
            case "budgets":
                w.budgets = (y.list(v, p) ?? []).enumerated().compactMap { i, item in
                    budget(item, "\(p)[\(i + 1)]", y).map { Located(value: $0, at: y.location(item, "\(p)[\(i + 1)]")) }
                }
            case "weekend":
                if y.isOff(v) { w.weekend = Located(value: [], at: at); continue }
                var days = Set<Weekday>()
                for item in y.scalarList(v, p) ?? [] {
                    guard let d = Weekday(word: Text.wordKey(item.value)) else {
                        y.problems.add(.badValue, item.at.with(field: p), "\"\(item.value)\" is not a day of the week.",
                                       hint: "Write monday … sunday (or thứ hai … chủ nhật).")
                        continue
                    }
                    days.insert(d)
                }
                w.weekend = Located(value: days, at: at)
            case "officeDays":
                w.officeDays = (y.list(v, p) ?? []).enumerated().compactMap { i, item in
                    officeDay(item, "\(p)[\(i + 1)]", y).map { Located(value: $0, at: y.location(item, "\(p)[\(i + 1)]")) }
                }
            case "blocked":
                w.blocked = (y.list(v, p) ?? []).enumerated().compactMap { i, item in
                    blocked(item, "\(p)[\(i + 1)]", y).map { Located(value: $0, at: y.location(item, "\(p)[\(i + 1)]")) }
                }
            case "holidays":
                w.holidays = y.string(v, p).map { Located(value: PathText.join(dir, $0), at: at) }
            case "daysOff":
                w.daysOff = y.string(v, p).map { Located(value: PathText.join(dir, $0), at: at) }
            case "trips":
                for (tk, _, tv) in y.mapping(v, p, allowed: WorkPlanPart.tripKeys) ?? [] {
                    let tp = "\(p).\(tk)"
                    let tat = y.location(tv, tp)
                    switch tk {
                    case "maxKmPerDay":
                        if let x = y.number(tv, tp, in: 1...2000, hint: "Road km of driving one field day may cover, e.g. 250.") { w.trips[tk] = Located(value: x, at: tat) }
                    case "maxCommunesPerDay":
                        if let x = y.integer(tv, tp, in: 1...20, hint: "Communes one field day may visit, 1 or more (e.g. 2).") { w.trips[tk] = Located(value: Double(x), at: tat) }
                    default:
                        if y.isOff(tv) { w.trips[tk] = Located(value: nil, at: tat); continue }
                        if let x = y.number(tv, tp, in: 0...2000, hint: "One-way road km from the base beyond which a trip takes two days; or none for no overnight trips.") {
                            w.trips[tk] = Located(value: x, at: tat)
                        }
                    }
                }
            case "timeLimit":
                if y.isOff(v) { w.timeLimit = Located(value: nil, at: at); continue }
                w.timeLimit = y.number(v, p, in: 0.001...1e7, hint: "Seconds for the whole work plan; or none.").map { Located(value: $0, at: at) }
            default: break
            }
        }
        return w
    }

    /// A date written `YYYY-MM-DD`; anything else (`2026-02-30` too) is reported.
    static func date(_ node: Node, _ path: String, _ y: YAMLReader) -> Day? {
        guard let text = y.string(node, path) else { return nil }
        if let d = Day(iso: text) { return d }
        y.problems.add(.badValue, y.location(node, path), "\(path) is \"\(text)\", which is not a date written YYYY-MM-DD.",
                       hint: "Write a day of the calendar, e.g. 2026-03-09.")
        return nil
    }

    private static func fieldDays(_ node: Node, _ path: String, _ y: YAMLReader) -> Int? {
        if let s = node.scalar?.string, let x = CSVFields.parseNumber(s), x < 0 {
            y.problems.add(.outOfRange, y.location(node, path), "\(path) is \(s): a budget of field days cannot be negative.",
                           hint: "Write the field days allowed in a month, from 0 to 31.")
            return nil
        }
        return y.integer(node, path, in: 0...31, hint: "Write the field days allowed in a month, from 0 to 31.")
    }

    private static func visitRule(_ node: Node, _ path: String, _ y: YAMLReader) -> (VisitRule, [(String, Located<String>)])? {
        guard let m = y.mapping(node, path, allowed: ["select", "perYear", "count", "note"]) else { return nil }
        var sel: (CommuneSelection, [(String, Located<String>)])?, perYear: Double?, count: Int?
        for (k, _, v) in m {
            switch k {
            case "select": sel = selection(v, "\(path).select", y)
            case "perYear": perYear = y.number(v, "\(path).perYear", in: 0...365, hint: "Visits a year, 0 to 365.")
            case "count": count = y.integer(v, "\(path).count", in: 0...366, hint: "Visits in the period, 0 or more.")
            default: _ = y.string(v, "\(path).note")
            }
        }
        let hasPerYear = m.contains { $0.key == "perYear" }, hasCount = m.contains { $0.key == "count" }
        if hasPerYear == hasCount {
            y.problems.add(.missingValue, y.location(node, path), "\(path) needs exactly one of perYear and count.",
                           hint: "Write {select: {...}, perYear: 24} (pro rata over the period) or {select: {...}, count: 6} (visits in the period).")
            return nil
        }
        if !m.contains(where: { $0.key == "select" }) {
            y.problems.add(.missingValue, y.location(node, path), "\(path) has no select.", hint: "Say which communes the rule is for: select: {communes: [\"16681\"]}.")
        }
        guard let sel, perYear != nil || count != nil else { return nil }
        return (VisitRule(select: sel.0, perYear: perYear, count: count), sel.1)
    }

    private static func budget(_ node: Node, _ path: String, _ y: YAMLReader) -> BudgetRule? {
        guard let m = y.mapping(node, path, allowed: ["officer", "month", "fieldDays", "note"]) else { return nil }
        var officer: String?, month: String?, days: Int?
        var ok = true
        for (k, _, v) in m {
            switch k {
            case "officer": officer = y.string(v, "\(path).officer")
            case "month":
                guard let text = y.string(v, "\(path).month") else { ok = false; continue }
                if Day(iso: text + "-01") != nil && text.count == 7 { month = text } else {
                    y.problems.add(.badValue, y.location(v, "\(path).month"), "\(path).month is \"\(text)\", which is not a month written YYYY-MM.",
                                   hint: "Write the month, e.g. month: 2026-02.")
                    ok = false
                }
            case "fieldDays": days = fieldDays(v, "\(path).fieldDays", y); if days == nil { ok = false }
            default: _ = y.string(v, "\(path).note")
            }
        }
        if !m.contains(where: { $0.key == "fieldDays" }) {
            y.problems.add(.missingValue, y.location(node, path), "\(path) has no fieldDays.", hint: "Write {officer: CB05, fieldDays: 6} or {month: 2026-02, fieldDays: 4}.")
            return nil
        }
        if officer == nil && month == nil && ok {
            y.problems.add(.missingValue, y.location(node, path), "\(path) names neither an officer nor a month.",
                           hint: "A budget for everyone every month is fieldDaysPerMonth; here name an officer, a month, or both.")
            return nil
        }
        guard ok, let days else { return nil }
        return BudgetRule(officer: officer, month: month, fieldDays: days)
    }

    /// `{date}` or `{from, to}`, for office and blocked days.
    private static func days(_ m: [(key: String, keyNode: Node, value: Node)], _ node: Node, _ path: String, _ y: YAMLReader, required: Bool) -> (DayRange?, ok: Bool) {
        var date: Day?, from: Day?, to: Day?
        var ok = true
        for (k, _, v) in m {
            switch k {
            case "date": date = Self.date(v, "\(path).date", y); if date == nil { ok = false }
            case "from": from = Self.date(v, "\(path).from", y); if from == nil { ok = false }
            case "to": to = Self.date(v, "\(path).to", y); if to == nil { ok = false }
            default: break
            }
        }
        let has = { (key: String) in m.contains { $0.key == key } }
        if has("date") && (has("from") || has("to")) {
            y.problems.add(.badValue, y.location(node, path), "\(path) gives both a date and from/to.", hint: "Write {date: ...} for one day or {from: ..., to: ...} for several.")
            return (nil, false)
        }
        if has("from") != has("to") {
            y.problems.add(.missingValue, y.location(node, path), "\(path) needs both from and to.", hint: "Write {from: 2026-03-09, to: 2026-03-13}, or {date: ...} for one day.")
            return (nil, false)
        }
        guard ok else { return (nil, false) }
        if let date { return (DayRange(first: date, last: date), true) }
        if let from, let to {
            guard let r = DayRange(first: from, last: to) else {
                y.problems.add(.outOfRange, y.location(node, path), "\(path) ends (\(to)) before it begins (\(from)).", hint: "Swap the two dates.")
                return (nil, false)
            }
            return (r, true)
        }
        if required {
            y.problems.add(.missingValue, y.location(node, path), "\(path) gives no day.", hint: "Write {date: ...} or {from: ..., to: ...}.")
            return (nil, false)
        }
        return (nil, true)
    }

    private static func officeDay(_ node: Node, _ path: String, _ y: YAMLReader) -> OfficeDay? {
        guard let m = y.mapping(node, path, allowed: ["weekday", "date", "from", "to", "officers", "note"]) else { return nil }
        var o = OfficeDay()
        var ok = true
        for (k, _, v) in m {
            switch k {
            case "weekday":
                guard let s = y.string(v, "\(path).weekday") else { ok = false; continue }
                guard let d = Weekday(word: Text.wordKey(s)) else {
                    y.problems.add(.badValue, y.location(v, "\(path).weekday"), "\"\(s)\" is not a day of the week.",
                                   hint: "Write monday … sunday (or thứ hai … chủ nhật).")
                    ok = false
                    continue
                }
                o.weekday = d
            case "officers": o.officers = y.scalarList(v, "\(path).officers")?.map(\.value)
            case "note": o.note = y.string(v, "\(path).note") ?? ""
            default: break
            }
        }
        let (range, rangeOK) = days(m, node, path, y, required: false)
        o.days = range
        if o.weekday == nil && o.days == nil && rangeOK && ok {
            y.problems.add(.missingValue, y.location(node, path), "\(path) gives neither a weekday nor a date.",
                           hint: "Write {weekday: monday, note: ...} for every week, or {date: 2026-03-05, note: ...}.")
            return nil
        }
        return ok && rangeOK ? o : nil
    }

    private static func blocked(_ node: Node, _ path: String, _ y: YAMLReader) -> BlockedDays? {
        guard let m = y.mapping(node, path, allowed: ["officer", "date", "from", "to", "note"]) else { return nil }
        var officer: String?, note = ""
        for (k, _, v) in m {
            if k == "officer" { officer = y.string(v, "\(path).officer") }
            if k == "note" { note = y.string(v, "\(path).note") ?? "" }
        }
        if !m.contains(where: { $0.key == "officer" }) {
            y.problems.add(.missingValue, y.location(node, path), "\(path) names no officer.", hint: "Write {officer: CB07, from: ..., to: ..., note: ...}.")
        }
        let (range, ok) = days(m, node, path, y, required: true)
        guard ok, let officer, let range else { return nil }
        return BlockedDays(officer: officer, days: range, note: note)
    }
}
