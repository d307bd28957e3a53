/// A day of the week, ISO 8601 numbering (Monday 1 … Sunday 7).
public enum Weekday: Int, Sendable, Hashable, Comparable, Codable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The English word (`monday`), as scenario files write it.
    public var word: String {
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][rawValue - 1]
    }

    /// Reads `monday`, `mon`, or the Vietnamese `thứ hai` … `chủ nhật` (any case and diacritics, as
    /// the caller's word key gives them: `thu-hai`, `chu-nhat`).
    public init?(word: String) {
        let w = word.lowercased()
        let english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let vietnamese = ["thu-hai", "thu-ba", "thu-tu", "thu-nam", "thu-sau", "thu-bay", "chu-nhat"]
        if let i = english.firstIndex(of: w) ?? english.firstIndex(where: { $0.prefix(3) == w && w.count == 3 }) ?? vietnamese.firstIndex(of: w) {
            self.init(rawValue: i + 1)
        } else {
            return nil
        }
    }
}

extension Day {
    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// The day of the week (2026-01-01 is a Thursday).
    public var weekday: Weekday {
        // 0001-01-01 (ordinal 0) is a Monday in the proleptic Gregorian calendar.
        Weekday(rawValue: ((ordinal % 7) + 7) % 7 + 1)!
    }

    /// `YYYY-MM`, the month's key.
    public var monthKey: String { String(description.prefix(7)) }

    /// The first day of this day's month.
    public var firstOfMonth: Day { Day(year: year, month: month, day: 1)! }

    /// Days in this day's month.
    public var daysInMonth: Int { Self.daysIn(month: month, year: year) }

    /// Days in `year` (365 or 366).
    public static func daysIn(year: Int) -> Int { Day(year: year, month: 12, day: 31)!.ordinal - Day(year: year, month: 1, day: 1)!.ordinal + 1 }

    /// The day with the given ordinal (days since 0001-01-01).
    init(ordinal: Int) {
        // Year from a first guess, corrected by at most one either way.
        var y = max(1, min(9999, ordinal / 366 + 1))
        while y < 9999 && Day(year: y + 1, month: 1, day: 1)!.ordinal <= ordinal { y += 1 }
        while y > 1 && Day(year: y, month: 1, day: 1)!.ordinal > ordinal { y -= 1 }
        var rest = ordinal - Day(year: y, month: 1, day: 1)!.ordinal
        var m = 1
        while m < 12 && rest >= Self.daysIn(month: m, year: y) { rest -= Self.daysIn(month: m, year: y); m += 1 }
        self = Day(year: y, month: m, day: rest + 1)!
    }
}

/// A stretch of days, both ends included.
public struct DayRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var first: Day
    public var last: Day
    /// A range, or nil when `last` is before `first`.
    public init?(first: Day, last: Day) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }
    public var count: Int { first.days(to: last) + 1 }
    public func contains(_ day: Day) -> Bool { first <= day && day <= last }
    public func contains(_ range: DayRange) -> Bool { first <= range.first && range.last <= last }
    /// Every day, in order.
    public var days: [Day] { (0..<count).map { first.adding(days: $0) } }
    public var description: String { first == last ? first.description : "\(first)–\(last)" }
}
