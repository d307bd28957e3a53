import CSV
import DiaBanCore
import Foundation

/// A CSV file as a spreadsheet writes it, read with every text field in NFC and trimmed.
///
/// Takes UTF-8 with or without a byte-order mark, CRLF or LF line ends, quoted fields with
/// commas, quotes and line breaks. Header names match case-insensitively, with spaces or
/// hyphens for underscores; columns may come in any order and extra columns are ignored.
/// Line numbers are the file's own (the header is line 1), also after multi-line fields.
struct CSVTable {
    struct Row {
        /// The line each field starts on.
        let fieldLines: [Int]
        let fields: [String]
        var line: Int { fieldLines.first ?? 0 }
    }

    /// The path shown in messages.
    let file: String
    /// Header keys as matched (`Area km2` → `area_km2`).
    let header: [String]
    let rows: [Row]
    private let index: [String: Int]

    func has(_ column: String) -> Bool { index[column] != nil }

    /// The cleaned field, or nil when the column is absent or the field empty.
    func value(_ row: Row, _ column: String) -> String? {
        guard let i = index[column], i < row.fields.count, !row.fields[i].isEmpty else { return nil }
        return row.fields[i]
    }

    func location(_ row: Row, _ column: String) -> SourceLocation {
        let line = index[column].flatMap { $0 < row.fieldLines.count ? row.fieldLines[$0] : nil } ?? row.line
        return SourceLocation(file: file, line: line, field: column)
    }

    /// Reads and checks the file's form. Returns nil (after adding the problems) when the file
    /// cannot be read as a table; missing `required` columns are reported and the table returned.
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - file: the path to show in messages.
    ///   - what: what the table holds, for messages ("communes table").
    ///   - reference: where the scenario names this file, for "file not found".
    static func read(
        path: String, file: String, what: String, required: [String], reference: SourceLocation?, problems: Problems,
        maxRows: Int = SourceFile.maxPairRows
    ) -> CSVTable? {
        let whole = SourceLocation(file: file)
        let data: Data
        switch SourceFile.read(path, limit: SourceFile.maxTableBytes) {
        case .success(let d): data = d
        case .failure(let failure):
            let checkPath = "Check the path; paths in a scenario file are relative to the scenario file's folder."
            switch failure {
            case .missing:
                problems.add(.unreadableFile, reference ?? whole, "The \(what) \(file) does not exist.", hint: checkPath)
            case .folder:
                problems.add(.unreadableFile, reference ?? whole, "The \(what) \(file) is a folder, not a CSV file.", hint: checkPath)
            case .notRegular:
                problems.add(.unreadableFile, reference ?? whole,
                             "The \(what) \(file) is not a regular file (it is a device, a pipe or a socket), so it cannot be read as a table.",
                             hint: checkPath)
            case .unreadable:
                problems.add(.unreadableFile, reference ?? whole, "The \(what) \(file) cannot be read.",
                             hint: "Check that the file may be read by you (its permissions).")
            case .tooLarge(let bytes):
                problems.add(.unreadableFile, reference ?? whole,
                             "The \(what) \(file) is \(SourceFile.megabytes(bytes)); DiaBan reads tables of at most \(SourceFile.megabytes(SourceFile.maxTableBytes)) (the whole country's communes table is 0.3 MB), so it is probably not the intended file.",
                             hint: "Check the path, or keep in the table only the rows the scenario needs.")
            }
            return nil
        }
        return parse(data, file: file, what: what, required: required, problems: problems, maxRows: maxRows)
    }

    /// Reads the bytes of a table (a file already read, or text made in memory) and checks its
    /// form, as ``read(path:file:what:required:reference:problems:maxRows:)`` does.
    static func parse(_ data: Data, file: String, what: String, required: [String], problems: Problems, maxRows: Int = SourceFile.maxPairRows) -> CSVTable? {
        guard data.count <= SourceFile.maxTableBytes else {
            problems.add(.unreadableFile, SourceLocation(file: file),
                         "The \(what) \(file) is \(SourceFile.megabytes(data.count)); DiaBan reads tables of at most \(SourceFile.megabytes(SourceFile.maxTableBytes)).",
                         hint: "Keep in the table only the rows it needs.")
            return nil
        }
        guard let text = decode(data, file: file, what: what, problems: problems) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            problems.add(.emptyFile, SourceLocation(file: file, line: 1), "The \(what) is empty.",
                         hint: "Write a header row with the column names, then one row per entry.")
            return nil
        }
        // Counted before parsing, so that a huge or garbled file is refused at once rather
        // than parsed into millions of rows or fields.
        var newlines = 0, commas = 0, lineStart = 0, offset = 0
        for u in text.utf8 {
            offset += 1
            if offset - lineStart > Self.maxLineBytes {
                problems.add(.malformedCSV, SourceLocation(file: file, line: newlines + 1),
                             "This line is longer than \(SourceFile.megabytes(Self.maxLineBytes)); a row of a DiaBan table is well under a kilobyte, so the file is probably not the intended one.",
                             hint: "Check the path; save the table from a spreadsheet as \"CSV UTF-8 (comma delimited)\".")
                return nil
            }
            if u == 0x0A {
                newlines += 1
                commas = 0
                lineStart = offset
                if newlines > maxRows + 1 {
                    problems.add(.outOfRange, SourceLocation(file: file, line: newlines),
                                 "The \(what) has more than \(Self.thousands(maxRows)) rows; DiaBan reads at most \(Self.thousands(maxRows)) (the whole country has 3,321 communes), so it is probably not the intended file.",
                                 hint: "Check the path, or keep in the table only the rows the scenario needs.")
                    return nil
                }
            } else if u == 0x2C {
                commas += 1
                if commas >= Self.maxFields {
                    problems.add(.malformedCSV, SourceLocation(file: file, line: newlines + 1),
                                 "This line has more than \(Self.thousands(Self.maxFields)) fields; a table of DiaBan has a few dozen columns, so the file is probably not the intended one.",
                                 hint: "Check the path; save the table from a spreadsheet as \"CSV UTF-8 (comma delimited)\".")
                    return nil
                }
            }
        }
        if let open = unclosedQuoteLine(text) {
            problems.add(.malformedCSV, SourceLocation(file: file, line: open),
                         "A quoted field starts on this line and is never closed, so the rest of the file would be read as one field.",
                         hint: "Add the closing double quote; a double quote inside a quoted field is written twice (\"\").")
            return nil
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            problems.add(.malformedCSV, SourceLocation(file: file, line: 1), "The \(what) cannot be read as CSV.", hint: "Save it from a spreadsheet as CSV UTF-8.")
            return nil
        }

        var records: [Row] = []
        var line = 1
        while let fields = reader.next() {
            var lines: [Int] = []
            for f in fields {
                lines.append(line)
                line += lineBreaks(in: f)
            }
            records.append(Row(fieldLines: lines, fields: fields.map(Text.clean)))
            line += 1
        }
        guard let headerRow = records.first else {
            problems.add(.emptyFile, SourceLocation(file: file, line: 1), "The \(what) is empty.", hint: "Write a header row with the column names, then one row per entry.")
            return nil
        }

        var header: [String] = []
        var index: [String: Int] = [:]
        for (i, name) in headerRow.fields.enumerated() {
            let key = Text.headerKey(name)
            header.append(key)
            if key.isEmpty { continue }
            if let first = index[key] {
                problems.add(.duplicateColumn, SourceLocation(file: file, line: headerRow.line, field: key),
                             "The column \(key) appears twice in the header (columns \(first + 1) and \(i + 1)).",
                             hint: "Delete or rename one of the two columns.")
            } else {
                index[key] = i
            }
        }
        let missing = required.filter { index[$0] == nil }
        let delimiter = headerRow.fields.count == 1 ? Self.otherDelimiter(in: headerRow.fields[0]) : nil
        for column in missing {
            if let delimiter {
                problems.add(.missingColumn, SourceLocation(file: file, line: headerRow.line, field: column),
                             "The \(what) has no column \(column): its header is one column separated by \(delimiter) instead of commas.",
                             hint: "Save the table as \"CSV UTF-8 (comma delimited)\"; DiaBan reads commas only.")
                continue
            }
            problems.add(.missingColumn, SourceLocation(file: file, line: headerRow.line, field: column),
                         "The \(what) has no column \(column)." + Text.didYouMean(column, header.filter { index[$0] != nil && !required.contains($0) }),
                         hint: "Add a column named \(column) to the header row (columns: \(Text.and(required)) are required).")
        }

        var rows: [Row] = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy(\.isEmpty) { continue }
            if record.fields.count > header.count {
                let extra = record.fields[header.count...]
                if !extra.allSatisfy(\.isEmpty) {
                    problems.add(.malformedCSV, SourceLocation(file: file, line: record.line),
                                 "This row has \(record.fields.count) fields but the header has \(header.count) columns.",
                                 hint: "A text that contains a comma must be in double quotes; otherwise remove the extra fields.")
                    continue
                }
            }
            rows.append(record)
        }
        return CSVTable(file: file, header: header, rows: rows, index: index)
    }

    /// The most fields a line may have.
    static let maxFields = 1000
    /// The longest line, in bytes (a quoted field over several lines counts line by line).
    static let maxLineBytes = 1 << 20

    /// `semicolons (;)` when a one-column header holds semicolons, tabs or pipes.
    private static func otherDelimiter(in header: String) -> String? {
        for (c, name) in [(";", "semicolons (;)"), ("\t", "tabs"), ("|", "vertical bars (|)")] where header.contains(c) { return name }
        return nil
    }

    static func thousands(_ n: Int) -> String {
        var s = String(n)
        var i = s.count - 3
        while i > 0 { s.insert(",", at: s.index(s.startIndex, offsetBy: i)); i -= 3 }
        return s
    }

    /// UTF-8 text without its byte-order mark, or nil after reporting why the bytes are not.
    private static func decode(_ data: Data, file: String, what: String, problems: Problems) -> String? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            problems.add(.notText, SourceLocation(file: file, line: 1),
                         "The \(what) is saved as UTF-16, which DiaBan does not read.",
                         hint: "Save it again as \"CSV UTF-8 (comma delimited)\".")
            return nil
        }
        // The whole file at once (the common case); the line of a problem only when there is one.
        let text = String(validating: bytes, as: UTF8.self)
        let zero = bytes.firstIndex(of: 0)
        if let text, zero == nil { return text }
        let zeroLine = zero.map { SourceFile.line(ofOffset: $0, in: bytes) }
        let invalidLine = text == nil ? SourceFile.firstInvalidUTF8Line(bytes) : nil
        if let zeroLine, zeroLine <= (invalidLine ?? .max) {
            problems.add(.notText, SourceLocation(file: file, line: zeroLine),
                         "The \(what) contains binary data (a zero byte), so it is not a CSV text file.",
                         hint: "Export the table from the spreadsheet as \"CSV UTF-8 (comma delimited)\" instead of its own format.")
        } else {
            problems.add(.notText, SourceLocation(file: file, line: invalidLine ?? 1),
                         "The \(what) is not valid UTF-8 text from this line on (perhaps another encoding, such as Windows-1258 or TCVN3).",
                         hint: "Save the table again as \"CSV UTF-8 (comma delimited)\".")
        }
        return nil
    }

    /// Line breaks inside a field: CRLF, CR or LF each count once.
    private static func lineBreaks(in field: String) -> Int {
        var n = 0
        var lastCR = false
        for u in field.unicodeScalars {
            if u == "\r" { n += 1; lastCR = true } else {
                if u == "\n" && !lastCR { n += 1 }
                lastCR = false
            }
        }
        return n
    }

    /// The line of a quote that opens a field and is never closed, if any.
    private static func unclosedQuoteLine(_ text: String) -> Int? {
        var inQuote = false
        var atFieldStart = true
        var line = 1
        var openedAt = 1
        var lastCR = false
        var previousWasQuote = false
        for u in text.unicodeScalars {
            let isBreak = u == "\r" || (u == "\n" && !lastCR)
            defer { lastCR = u == "\r" }
            if inQuote {
                if u == "\"" {
                    if previousWasQuote { previousWasQuote = false } else { previousWasQuote = true }
                    continue
                }
                if previousWasQuote {
                    inQuote = false
                    previousWasQuote = false
                    atFieldStart = u == "," || u == "\r" || u == "\n"
                    if isBreak { line += 1 }
                    continue
                }
                if isBreak { line += 1 }
                continue
            }
            if u == "\"" && atFieldStart {
                inQuote = true
                openedAt = line
                previousWasQuote = false
                atFieldStart = false
                continue
            }
            atFieldStart = u == "," || u == "\r" || u == "\n"
            if isBreak { line += 1 }
        }
        if inQuote && !previousWasQuote { return openedAt }
        return nil
    }
}
