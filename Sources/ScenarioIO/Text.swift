import Foundation

enum Text {
    /// A text field as compared and stored: NFC, without surrounding white space.
    static func clean(_ s: String) -> String {
        // Fast path (most fields: codes, numbers): ASCII is its own NFC, and with no space or
        // control character at either end there is nothing to trim.
        if let first = s.utf8.first, let last = s.utf8.last, first > 0x20, last > 0x20, s.utf8.allSatisfy({ $0 < 0x7F }) { return s }
        return s.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A header or key as matched: NFC, lower case, spaces and hyphens as underscores.
    static func headerKey(_ s: String) -> String {
        clean(s).lowercased()
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

    /// A word as matched for enumerations: NFC, lower case, without diacritics, hyphens for
    /// spaces and underscores (`Phường` → `phuong`, `dac khu` → `dac-khu`).
    static func wordKey(_ s: String) -> String {
        // Fast path: a plain lower-case ASCII word is its own key.
        if !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return s }
        return clean(s).lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "_", with: "-")
            .split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "-")
    }

    /// Splits a `;`-separated list, dropping empty items.
    static func list(_ s: String) -> [String] {
        s.split(separator: ";", omittingEmptySubsequences: true).map { clean(String($0)) }.filter { !$0.isEmpty }
    }

    /// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
    /// `maxDistance` bounds the edits (default: a third of the word, at least 2); an unasked
    /// note about a word that may be new uses 2, "one slip away" (a transposition is two edits).
    static func suggestion(for word: String, among candidates: [String], maxDistance: Int? = nil) -> String? {
        // Typos are in words, not in pages: long texts (a garbled header) get no suggestion.
        guard word.utf8.count <= 200 else { return nil }
        let w = Array(word.lowercased())
        let limit = maxDistance ?? max(2, w.count / 3)
        var best: (String, Int)?
        for c in candidates where c.utf8.count <= 200 {
            let d = distance(w, Array(c.lowercased()))
            if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    /// " Did you mean x?" or "".
    static func didYouMean(_ word: String, _ candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { " Did you mean \($0)?" } ?? ""
    }

    /// Whether a name written in a table is the roster's `known` name: the same after NFC, case
    /// and spacing; a commune's may also leave out its kind (`Mường Xén` for `Xã Mường Xén`).
    static func sameName(_ given: String, _ known: String, commune: Bool = false) -> Bool {
        func key(_ s: String) -> String {
            clean(s).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let g = key(given), k = key(known)
        if g == k { return true }
        guard commune else { return false }
        for prefix in ["xã ", "phường ", "đặc khu ", "thị trấn "] where k.hasPrefix(prefix) {
            if g == String(k.dropFirst(prefix.count)) { return true }
        }
        return false
    }

    /// `a, b and c`.
    static func and(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// `a, b or c`.
    static func or(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " or " + items.last!
        }
    }
}

/// Words one slip away from a known one, for every "did you mean …" DiaBan says.
public enum NearMiss {
    /// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        Text.suggestion(for: word, among: candidates)
    }
}
