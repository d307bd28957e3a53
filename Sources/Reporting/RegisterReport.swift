import DiaBanCore
import Foundation

/// Text, CSV and JSON of what a register holds: the periods of a commune or an officer, and
/// the assignment on a date with each pair's tenure.
public enum RegisterReport {
    public enum Format: String, Sendable, CaseIterable { case text, csv, json }

    /// The JSON document of `register history`.
    public struct HistoryDocument: Codable, Sendable {
        public static let schema = "diaban.register-history/1"
        public var schema = Self.schema
        /// `commune` or `officer`, and its code or id.
        public var subject: String
        public var id: String
        public var name: String
        public var periods: [Period]
        /// The officer's roster events (leaves, joins, on leave, returns); absent when none.
        public var events: [RecordedRosterEvent]?
    }

    /// The JSON document of `register show`.
    public struct AssignmentDocument: Codable, Sendable {
        public static let schema = "diaban.register-assignment/1"
        public var schema = Self.schema
        public var asOf: Day
        public var pairs: [HeldPair]
        /// The roster events up to that date; absent when none.
        public var events: [RecordedRosterEvent]?
    }

    /// `events`: an officer's roster events (CSV, a table of periods, leaves them out);
    /// `communeNames` names the communes one who left handed on.
    public static func history(_ periods: [Period], subject: String, id: String, name: String, format: Format,
                               events: [RecordedRosterEvent] = [], communeNames: [String: String] = [:]) throws -> String {
        switch format {
        case .json:
            return try json(HistoryDocument(subject: subject, id: id, name: name, periods: periods, events: events.isEmpty ? nil : events))
        case .csv:
            var out = csvLine(["commune", "commune_name", "officer", "officer_name", "from", "to", "began_by", "ended_by"])
            for p in periods {
                out += csvLine([p.commune, p.communeName, p.officer, p.officerName, p.start.description, p.end?.description ?? "",
                                p.startedBy, p.endedBy ?? ""])
            }
            return out
        case .text:
            var out = "History of \(subject) \(id) \(name): \(periods.count) period\(periods.count == 1 ? "" : "s")\n\n"
            var t = TextTable(header: [subject == "commune" ? "Officer" : "Commune", "Name", "From", "To", "Began by", "Ended by"])
            for p in periods {
                t.rows.append([subject == "commune" ? p.officer : p.commune, subject == "commune" ? p.officerName : p.communeName,
                               p.start.description, p.end?.description ?? "(in force)", p.startedBy, p.endedBy ?? ""])
            }
            out += t.render()
            guard !events.isEmpty else { return out }
            out += "\nRoster events: \(events.count)\n\n"
            var e = TextTable(header: ["Date", "Event", "Decision", "Communes handed on"])
            for r in events {
                e.rows.append([r.day.description, r.event.kind.rawValue, r.decision, r.event.communes.map { communeNames[$0] ?? $0 }.joined(separator: ", ")])
            }
            return out + e.render()
        }
    }

    /// `events`: the roster events up to `day` (CSV, the current table, leaves them out).
    public static func assignment(_ pairs: [HeldPair], on day: Day, format: Format, events: [RecordedRosterEvent] = []) throws -> String {
        switch format {
        case .json: return try json(AssignmentDocument(asOf: day, pairs: pairs, events: events.isEmpty ? nil : events))
        case .csv: return currentCSV(pairs, bom: false)
        case .text:
            var out = "Assignment on \(day): \(pairs.count) pair\(pairs.count == 1 ? "" : "s") in \(Set(pairs.map(\.commune)).count) communes\n\n"
            var t = TextTable(header: ["Code", "Commune", "Officer", "Name", "Since", "Tenure", "Began by"])
            for p in pairs {
                t.rows.append([p.commune, p.communeName, p.officer, p.officerName, p.since.description, tenure(p), p.decision])
            }
            out += t.render()
            guard !events.isEmpty else { return out }
            out += "\nRoster events to \(day):\n"
            for r in events {
                let verb = ["leaves": "leaves", "joins": "joins", "on-leave": "goes on leave", "returns": "returns from leave"][r.event.kind.rawValue] ?? r.event.kind.rawValue
                out += "  \(r.event.officer) \(r.event.officerName) \(verb) on \(r.day) (\(r.decision))\n"
            }
            return out
        }
    }

    /// "5 y 3 d", the tenure on the date asked about.
    static func tenure(_ p: HeldPair) -> String {
        p.years > 0 ? "\(p.years) y (\(p.days) d)" : "\(p.days) d"
    }

    /// The current table a scenario reads (`commune, commune_name, officer, officer_name,
    /// since`); with `bom`, UTF-8 with a byte-order mark and CRLF line ends, as a spreadsheet
    /// writes it.
    public static func currentCSV(_ pairs: [HeldPair], bom: Bool) -> String {
        let end = bom ? "\r\n" : "\n"
        func row(_ f: [String]) -> String { var l = csvLine(f); l.removeLast(); return l + end }
        var out = (bom ? "\u{FEFF}" : "") + row(["commune", "commune_name", "officer", "officer_name", "since"])
        for p in pairs { out += row([p.commune, p.communeName, p.officer, p.officerName, p.since.description]) }
        return out
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
