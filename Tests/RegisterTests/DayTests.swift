import DiaBanCore
import Foundation
import Testing

/// `Day` against Foundation's Gregorian calendar, an independent implementation, over every
/// day of several years (leap years, month ends, 29 February).
@Suite("Calendar days")
struct DayTests {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func date(_ d: Day) -> Date { calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))! }

    @Test("every valid date parses and prints back; invalid ones are refused")
    func parsing() {
        var start = Self.calendar.date(from: DateComponents(year: 2023, month: 12, day: 25))!
        for _ in 0..<(366 * 2 + 40) {
            let c = Self.calendar.dateComponents([.year, .month, .day], from: start)
            let text = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            #expect(Day(iso: text)?.description == text)
            start = Self.calendar.date(byAdding: .day, value: 1, to: start)!
        }
        for bad in ["2025-02-29", "2024-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "25-01-01", "2025-1-01", "2025/01/01", "", "2025-01-01x", "٢٠٢٥-٠١-٠١"] {
            #expect(Day(iso: bad) == nil, "\(bad) was read as a date")
        }
        #expect(Day(iso: "2024-02-29") != nil)
    }

    @Test("days between and whole years agree with the Gregorian calendar")
    func arithmetic() {
        let starts = ["2020-02-29", "2021-07-01", "2023-12-31", "2019-03-01", "2024-01-31"].map { Day(iso: $0)! }
        var end = Self.calendar.date(from: DateComponents(year: 2024, month: 2, day: 20))!
        for _ in 0..<800 {
            let c = Self.calendar.dateComponents([.year, .month, .day], from: end)
            let later = Day(year: c.year!, month: c.month!, day: c.day!)!
            for start in starts where start < later {
                let expectDays = Self.calendar.dateComponents([.day], from: Self.date(start), to: end).day!
                #expect(start.days(to: later) == expectDays, "\(start) → \(later)")
                // Whole years as a birthday count (29 February counts on 28 February in common years,
                // as Foundation does for the year component).
                let years = Self.calendar.dateComponents([.year], from: Self.date(start), to: end).year!
                if !(start.month == 2 && start.day == 29) { #expect(start.wholeYears(to: later) == years, "\(start) → \(later)") }
            }
            end = Self.calendar.date(byAdding: .day, value: 3, to: end)!
        }
    }
}
