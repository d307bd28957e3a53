import DiaBanCore
import Foundation
import WorkPlan

/// An officer's work plan as iCalendar (RFC 5545), for Outlook, Google Calendar and phones:
/// one all-day event per trip, with its communes, km and the officer as attendee.
///
/// - Every trip's UID is ``PlannedTrip/uid``: the period, the officer, the route's communes
///   and the visit's number. Importing an updated plan replaces each event instead of adding
///   a second one.
/// - DTSTAMP (and LAST-MODIFIED) is not the clock: it is the period's first day at midnight
///   UTC, so that the same plan gives the same bytes.
/// - Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text is
///   escaped (`\`, `;`, `,`, line breaks).
public enum WorkPlanCalendar {
    /// The DTSTAMP of a plan's calendars: its period's first day, 00:00:00 UTC.
    public static func stamp(for plan: WorkPlanOutcome) -> String {
        compact(plan.period.first) + "T000000Z"
    }

    static func compact(_ d: Day) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    public static func ics(_ o: OfficerWorkPlan, plan: WorkPlanOutcome, stamp: String) -> String {
        let name = Dictionary(o.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let perRoute = Dictionary(grouping: o.trips, by: \.route).mapValues(\.count)
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//DiaBan//Ke hoach cong tac dia ban//VI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text("Kế hoạch công tác địa bàn \(o.officer) \(o.name)"),
            "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        ]
        for trip in o.trips {
            let places = trip.communes.map { name[$0] ?? $0 }
            let description = [
                "Tuyến \(trip.route), lần \(trip.visit)/\(perRoute[trip.route] ?? trip.visit).",
                "Lộ trình: \(places.joined(separator: " → ")).",
                "\(decimal(trip.km, 1)) km đi và về\(trip.days == 2 ? ", 2 ngày (nghỉ đêm tại địa bàn)" : "").",
                "Cán bộ: \(o.officer) \(o.name).",
            ].joined(separator: "\n")
            lines += [
                "BEGIN:VEVENT",
                "UID:" + text(trip.uid),
                "DTSTAMP:" + stamp,
                "LAST-MODIFIED:" + stamp,
                "SEQUENCE:0",
                "DTSTART;VALUE=DATE:" + compact(trip.start),
                "DTEND;VALUE=DATE:" + compact(trip.start.adding(days: trip.days)),
                "SUMMARY:" + text("Công tác địa bàn: " + places.joined(separator: ", ")),
                "LOCATION:" + text(places.joined(separator: "; ")),
                "DESCRIPTION:" + text(description),
                "CATEGORIES:" + text("Công tác địa bàn"),
                "ATTENDEE;CN=\(parameter(o.name));CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:urn:diaban:officer:\(o.officer)",
                "STATUS:CONFIRMED",
                "TRANSP:OPAQUE",
                "X-DIABAN-KM:" + decimal(trip.km, 1),
                "X-DIABAN-COMMUNES:" + text(trip.communes.joined(separator: ",")),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A TEXT value escaped (RFC 5545 §3.3.11).
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A parameter value in double quotes (which it may not contain).
    static func parameter(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "'").filter { $0 != "\n" && $0 != "\r" } + "\""
    }

    /// A content line folded at 75 octets: continuation lines start with one space, and a
    /// UTF-8 character is never split.
    static func fold(_ line: String) -> String {
        var out: [String] = []
        var current = ""
        var octets = 0
        for ch in line {
            let n = String(ch).utf8.count
            let limit = out.isEmpty ? 75 : 74
            if octets + n > limit {
                out.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += n
        }
        out.append(current)
        return out.joined(separator: "\r\n ")
    }
}
