import DiaBanCore
import WorkPlan

/// An officer's printable work plan: a first page with the routes and communes, then one A4
/// page per month (the month as a calendar, its trips, the field days against the budget and
/// room for the signatures). Vietnamese by default; one self-contained file, no network, the
/// report's style.
public enum WorkPlanHTML {
    struct Labels {
        var htmlLang, title, officer, period, status, routes, route, communes, commune, code, required, planned, longestGap, evenGap, kmFromBase: String
        var month: @Sendable (Int, Int) -> String
        var weekdays: [String]
        var date, trip, km, days, dayTrip, overnight, fieldDays, budget, totalKm, modelKm, noTrips, visits: String
        var prepared, approved, signHint, holiday, office, blocked, weekend: String
        var statusWords: [WorkPlanStatus: String]
        var footer: String
    }

    static func labels(_ lang: ReportLanguage) -> Labels {
        switch lang {
        case .vi:
            return Labels(
                htmlLang: "vi", title: "Kế hoạch công tác địa bàn", officer: "Cán bộ", period: "Thời gian", status: "Trạng thái",
                routes: "Các tuyến công tác", route: "Tuyến", communes: "Các xã, phường theo dõi", commune: "Xã, phường", code: "Mã",
                required: "Số lần cần đến", planned: "Số lần theo kế hoạch", longestGap: "Khoảng cách dài nhất (ngày)",
                evenGap: "Nếu đều nhau (ngày)", kmFromBase: "Km từ nơi xuất phát",
                month: { m, y in "Tháng \(m)/\(y)" }, weekdays: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
                date: "Ngày", trip: "Chuyến công tác", km: "Km", days: "Số ngày", dayTrip: "trong ngày", overnight: "2 ngày, nghỉ đêm",
                fieldDays: "Ngày đi cơ sở", budget: "định mức", totalKm: "Tổng km", modelKm: "nếu đi riêng từng xã", noTrips: "Không có chuyến công tác trong tháng.",
                visits: "lượt đến xã", prepared: "NGƯỜI LẬP KẾ HOẠCH", approved: "LÃNH ĐẠO PHÊ DUYỆT", signHint: "(Ký, ghi rõ họ tên)",
                holiday: "Nghỉ lễ", office: "Làm việc tại cơ quan", blocked: "Bận", weekend: "Nghỉ",
                statusWords: [.optimal: "tối ưu (đã chứng minh)", .feasible: "khả thi, chưa chứng minh tối ưu", .infeasible: "không xếp được", .noSolution: "chưa tìm được trong thời gian cho phép"],
                footer: "Lập bằng DiaBan từ kế hoạch")
        case .en:
            return Labels(
                htmlLang: "en", title: "Area work plan", officer: "Officer", period: "Period", status: "Status",
                routes: "Routes", route: "Route", communes: "Communes tracked", commune: "Commune", code: "Code",
                required: "Visits required", planned: "Visits planned", longestGap: "Longest gap (days)",
                evenGap: "If even (days)", kmFromBase: "Km from base",
                month: { m, y in ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1] + " \(y)" },
                weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                date: "Date", trip: "Trip", km: "Km", days: "Days", dayTrip: "day trip", overnight: "2 days, overnight",
                fieldDays: "Field days", budget: "budget", totalKm: "Total km", modelKm: "as separate trips", noTrips: "No trip this month.",
                visits: "commune visits", prepared: "PREPARED BY", approved: "APPROVED BY", signHint: "(Signature and full name)",
                holiday: "Holiday", office: "In the office", blocked: "Unavailable", weekend: "Weekend",
                statusWords: [.optimal: "optimal (proven)", .feasible: "feasible, not proven optimal", .infeasible: "cannot be planned", .noSolution: "none within the time limit"],
                footer: "Made with DiaBan from plan")
        }
    }

    static let css = """
        @page { size: A4; margin: 12mm 12mm 14mm; }
        .page { break-after: page; page-break-after: always; }
        .page:last-of-type { break-after: auto; page-break-after: auto; }
        .cal { table-layout: fixed; margin-bottom: 10px; }
        .cal th { text-align: center; }
        .cal td { height: 74px; font-size: 11.5px; line-height: 1.25; border: 1px solid var(--line); padding: 3px 4px; overflow: hidden; }
        .cal td .n { display: block; font-weight: 700; font-size: 13px; }
        .cal td.out { background: #fafbfc; color: #b0b7bf; }
        .cal td.rest { background: var(--soft); color: var(--muted); }
        .cal td.hol { background: #fdecea; }
        .cal td.off { background: #eef3fb; }
        .cal td.blk { background: #f1eefb; }
        .cal td.trip { background: #eaf5ec; border-color: #b7dfc0; }
        .cal td .r { display: inline-block; min-width: 18px; padding: 0 4px; border-radius: 8px; background: var(--good); color: #fff; font-weight: 700; font-size: 10.5px; }
        .totals { margin: 4px 0 10px; }
        .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 18px; text-align: center; break-inside: avoid; }
        .sign p { margin: 0; }
        .sign .space { height: 80px; }
        @media print { main { max-width: none; padding: 0; } body { font-size: 12.5px; } .cal td { height: 64px; } }
        """

    public static func render(_ o: OfficerWorkPlan, plan: WorkPlanOutcome, lang: ReportLanguage = .vi) -> String {
        let t = labels(lang)
        let name = Dictionary(o.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func esc(_ s: String) -> String { HTML.escape(s) }
        func places(_ trip: PlannedTrip) -> String { trip.communes.map { name[$0] ?? $0 }.joined(separator: ", ") }
        let dateText = { (d: Day) in lang == .vi ? "\(d.day)/\(d.month)/\(d.year)" : d.description }
        var body = "<section class=\"page\">\n<header class=\"top\"><p class=\"kicker\">\(esc(t.title))</p>\n"
        body += "<h1>\(esc(o.name)) <span class=\"id\">\(esc(o.officer))</span></h1>\n"
        body += "<p class=\"lede\">\(esc(plan.scenario)) · \(esc(t.period)): \(esc(dateText(plan.period.first))) – \(esc(dateText(plan.period.last)))</p>\n"
        body += "<p class=\"status\(o.status == .optimal || o.status == .feasible ? "" : " bad")\"><b>\(esc(t.status)):</b> \(esc(t.statusWords[o.status] ?? o.status.rawValue))"
        body += " · \(esc(t.fieldDays)) \(o.fieldDays) (\(esc(t.budget)) \(o.months.reduce(0) { $0 + $1.budget }))"
        body += " · \(esc(t.totalKm)) \(lang.number(o.km)) (\(esc(t.modelKm)): \(lang.number(o.modelKm)))</p>\n</header>\n"
        if !o.reasons.isEmpty {
            body += "<div class=\"alert\"><ul>" + o.reasons.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
            if let r = o.relaxation { body += "<p>\(esc(r))</p>" }
            body += "</div>\n"
        }
        // Routes and communes.
        var routes: [Int: PlannedTrip] = [:]
        for trip in o.trips where routes[trip.route] == nil { routes[trip.route] = trip }
        body += "<h2>\(esc(t.routes))</h2>\n<table><thead><tr><th>\(esc(t.route))</th><th>\(esc(t.trip))</th><th class=\"r\">\(esc(t.days))</th><th class=\"r\">\(esc(t.km))</th><th class=\"r\">\(esc(t.planned))</th></tr></thead><tbody>\n"
        for (n, trip) in routes.sorted(by: { $0.key < $1.key }) {
            body += "<tr><th>\(n)</th><td>\(esc(trip.communes.map { name[$0] ?? $0 }.joined(separator: " → ")))</td><td class=\"r\">\(esc(trip.days == 1 ? t.dayTrip : t.overnight))</td><td class=\"r\">\(lang.number(trip.km))</td><td class=\"r\">\(o.trips.filter { $0.route == n }.count)</td></tr>\n"
        }
        body += "</tbody></table>\n"
        body += "<h2>\(esc(t.communes))</h2>\n<table class=\"num\"><thead><tr><th>\(esc(t.code))</th><th>\(esc(t.commune))</th><th class=\"r\">\(esc(t.route))</th><th class=\"r\">\(esc(t.required))</th><th class=\"r\">\(esc(t.planned))</th><th class=\"r\">\(esc(t.longestGap))</th><th class=\"r\">\(esc(t.evenGap))</th><th class=\"r\">\(esc(t.kmFromBase))</th></tr></thead><tbody>\n"
        for c in o.communes {
            body += "<tr><td>\(esc(c.code))</td><th>\(esc(c.name))</th><td class=\"r\">\(c.route.map(String.init) ?? "–")</td><td class=\"r\">\(c.required)</td><td class=\"r\">\(c.planned)</td><td class=\"r\">\(c.longestGap.map(String.init) ?? "–")</td><td class=\"r\">\(c.evenGap.map(String.init) ?? "–")</td><td class=\"r\">\(lang.number(c.baseKm))</td></tr>\n"
        }
        body += "</tbody></table>\n</section>\n"

        // One page per month.
        let notes = Dictionary(o.calendar.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        for m in o.months {
            let first = Day(iso: m.month + "-01")!
            body += "<section class=\"page month\" data-month=\"\(m.month)\">\n"
            body += "<p class=\"kicker\">\(esc(t.title)) · \(esc(o.officer)) \(esc(o.name))</p>\n<h2>\(esc(t.month(first.month, first.year)))</h2>\n"
            body += "<table class=\"cal\"><thead><tr>" + t.weekdays.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n<tr>"
            let lead = first.weekday.rawValue - 1
            for _ in 0..<lead { body += "<td class=\"out\"></td>" }
            var column = lead
            for i in 0..<first.daysInMonth {
                let day = first.adding(days: i)
                if column == 7 { body += "</tr>\n<tr>"; column = 0 }
                var cls = "", content = ""
                if !plan.period.contains(day) {
                    cls = "out"
                } else if let trip = o.trips.first(where: { $0.start <= day && day <= $0.end }) {
                    cls = "trip"
                    content = "<span class=\"r\">\(trip.route)</span> \(esc(places(trip)))" + (trip.days == 2 ? " <small>(\(trip.start == day ? "1" : "2")/2)</small>" : "")
                } else if let n = notes[day] {
                    switch n.kind {
                    case .holiday: cls = "hol"; content = esc(n.note.isEmpty ? t.holiday : n.note)
                    case .office: cls = "off"; content = esc(n.note.isEmpty ? t.office : n.note)
                    case .blocked: cls = "blk"; content = esc(t.blocked + (n.note.isEmpty ? "" : ": " + n.note))
                    case .weekend: cls = "rest"
                    }
                }
                body += "<td\(cls.isEmpty ? "" : " class=\"\(cls)\"")><span class=\"n\">\(day.day)</span>\(content)</td>"
                column += 1
            }
            for _ in column..<7 { body += "<td class=\"out\"></td>" }
            body += "</tr>\n</tbody></table>\n"
            let trips = o.trips.filter { $0.start.monthKey == m.month }
            body += "<p class=\"totals\"><b>\(esc(t.fieldDays)):</b> \(m.fieldDays) / \(m.budget) (\(esc(t.budget))) · \(m.visits) \(esc(t.visits)) · \(esc(t.totalKm)) \(lang.number(trips.reduce(0) { $0 + $1.km }))</p>\n"
            if trips.isEmpty {
                body += "<p class=\"caption\">\(esc(t.noTrips))</p>\n"
            } else {
                body += "<table><thead><tr><th>\(esc(t.date))</th><th>\(esc(t.route))</th><th>\(esc(t.trip))</th><th class=\"r\">\(esc(t.days))</th><th class=\"r\">\(esc(t.km))</th></tr></thead><tbody>\n"
                for trip in trips {
                    body += "<tr><td>\(esc(dateText(trip.start)))</td><td>\(trip.route)</td><td>\(esc(trip.communes.map { name[$0] ?? $0 }.joined(separator: " → ")))</td><td class=\"r\">\(trip.days)</td><td class=\"r\">\(lang.number(trip.km))</td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
            body += "<div class=\"sign\"><div><p><b>\(esc(t.prepared))</b></p><p><small>\(esc(t.signHint))</small></p><div class=\"space\"></div><p>\(esc(o.name))</p></div>"
            body += "<div><p><b>\(esc(t.approved))</b></p><p><small>\(esc(t.signHint))</small></p><div class=\"space\"></div></div></div>\n"
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(t.htmlLang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="DiaBan">
            <title>\(esc(t.title + " — " + o.officer + " " + o.name))</title>
            <style>
            \(HTMLStyle.css)\(css)
            </style>
            </head>
            <body>
            <main>
            \(body)<footer>\(esc(t.footer)) <code>\(esc(plan.schema))</code>.</footer>
            </main>
            </body>
            </html>

            """
    }
}
