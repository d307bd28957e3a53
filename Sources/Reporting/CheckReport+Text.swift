import DiaBanCore
import Foundation
import Planning

extension CheckReport {
    /// The text `diaban check` prints (without its last line break), in English by default;
    /// the workspace shows it in the page's language. `quiet` leaves out the summary, the notes
    /// and the findings that are not errors. Each problem, note and finding keeps its own
    /// sentence (with file, line and field), which the reader wrote in English.
    public func text(quiet: Bool = false, lang: ReportLanguage = .en) -> String {
        let w = CheckWords.of(lang)
        if verdict == .badData { return Self.problemsText(problems, lang: lang) }
        var lines: [String] = []
        if !quiet, let summary {
            lines.append(summary.text(lang))
            if !notes.isEmpty {
                lines.append(w.notes(notes.count))
                for n in notes { lines.append("  " + n.description.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
        }
        for f in findings where f.severity == .error || !quiet {
            lines.append("\(f.severity == .error ? w.infeasible : w.note): \(f.message)")
        }
        if verdict == .infeasible { lines.append(w.noPlan) }
        return lines.joined(separator: "\n")
    }

    /// Every problem, then a count.
    public static func problemsText(_ problems: [ScenarioError], lang: ReportLanguage = .en) -> String {
        var lines = problems.map(\.description)
        lines.append(CheckWords.of(lang).problems(problems.count))
        return lines.joined(separator: "\n")
    }
}

/// The words of `diaban check`'s text, in English and Vietnamese.
struct CheckWords: Sendable {
    var notes: @Sendable (Int) -> String
    var infeasible: String
    var note: String
    var noPlan: String
    var problems: @Sendable (Int) -> String

    static func of(_ lang: ReportLanguage) -> CheckWords { lang == .vi ? vi : en }

    static let en = CheckWords(
        notes: { "Notes (\($0); they do not stop a plan):" }, infeasible: "Infeasible", note: "Note",
        noPlan: "No plan can satisfy the hard rules of this scenario (see above).",
        problems: { n in "\(n) problem\(n == 1 ? "" : "s") found. Fix \(n == 1 ? "it" : "them") and run diaban check again." })

    static let vi = CheckWords(
        notes: { "Lưu ý (\($0); không ngăn việc lập phương án):" }, infeasible: "Không khả thi", note: "Lưu ý",
        noPlan: "Không phương án nào thỏa mãn được các quy tắc bắt buộc của kịch bản này (xem ở trên).",
        problems: { n in "Có \(n) lỗi. Sửa xong, chạy lại diaban check." })
}

extension ScenarioSummary {
    /// The summary as `diaban check` prints it, in `lang` (English: the command line's words).
    public func text(_ lang: ReportLanguage = .en) -> String {
        lang == .vi ? vietnamese : english
    }

    var english: String {
        func n(_ x: Double) -> String { String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), x) }
        func pct(_ x: Double) -> String { String(format: "%.1f %%", locale: Locale(identifier: "en_US_POSIX"), x * 100) }
        var lines: [String] = []
        lines.append("\(file): the scenario \"\(nameEn ?? name)\" is valid.")
        lines.append("Communes     \(communes) (\(kindWords.joined(separator: ", "))): \(mountain) mountain, \(lowland) lowland (mountain share \(pct(mountainShare)))")
        var wl = "             workload from the formula for \(computedWorkloads) of \(communes)"
        if !filledCommunes.isEmpty {
            wl += "; \(filledCommunes.count) without area or population, filled by the median rule (\(filledShown(and: "and", more: "more")))"
        }
        lines.append(wl)
        lines.append("Officers     \(officers) (\(active) active, \(onLeave) on leave); \(basedAway) based away from the headquarters")
        lines.append("Workload     \(n(totalWorkload)) units (mountain \(n(mountainWorkload))); capacity of active officers \(n(totalCapacity)): ratio \(n(capacityRatio))")
        lines += specialtyTable(heading: "Specialties  ", columns: ["specialty", "communes", "workload", "officers", "capacity"], name: \.rawValue, number: n)
        var cur = "Current      \(currentPairs) pairs; \(staffedAsRequired) of \(communes) communes staffed as required"
        if currentPairs > 0 {
            cur += "; \(overloaded.count) officer\(overloaded.count == 1 ? "" : "s") over capacity"
            if !overloaded.isEmpty {
                cur += " (" + overloaded.map { "\($0.officer) \(n($0.load))/\(n($0.capacity))" }.joined(separator: ", ") + ")"
            }
            let uncoveredCommunes = Set(uncovered.map(\.commune)).count
            cur += "\n             \(uncovered.count) required specialt\(uncovered.count == 1 ? "y" : "ies") uncovered in \(uncoveredCommunes) commune\(uncoveredCommunes == 1 ? "" : "s")"
            cur += "; \(officersOnlyMountain) officer\(officersOnlyMountain == 1 ? "" : "s") with only mountain communes, \(officersWithoutMountain) with none"
        }
        lines.append(cur)
        if let asOf {
            var tenure = "Tenure       as of \(asOf); \(pairsWithSince) of \(currentPairs) current pairs with a start date"
            if let rotation {
                tenure += "; rotation after \(rotation.maxYears) years (\(rotation.mode.rawValue)): \(pairsDue) pair\(pairsDue == 1 ? "" : "s") due"
            }
            lines.append(tenure)
        }
        return lines.joined(separator: "\n")
    }

    var vietnamese: String {
        let vi = ReportLanguage.vi
        func n(_ x: Double) -> String { vi.number(x, 2) }
        let labels = HTMLLabels.of(vi)
        var lines: [String] = []
        lines.append("\(file): kịch bản \"\(name)\" hợp lệ.")
        lines.append("Xã, phường   \(communes) (\(kindWords.joined(separator: ", "))): \(mountain) miền núi, \(lowland) đồng bằng (tỷ lệ miền núi \(vi.number(mountainShare * 100, 1)) %)")
        var wl = "             khối lượng tính theo công thức: \(computedWorkloads)/\(communes) xã, phường"
        if !filledCommunes.isEmpty {
            wl += "; \(filledCommunes.count) xã, phường thiếu diện tích hoặc dân số, điền theo giá trị trung vị (\(filledShown(and: "và", more: "xã, phường khác")))"
        }
        lines.append(wl)
        lines.append("Cán bộ       \(officers) (\(active) đang làm việc, \(onLeave) nghỉ phép); \(basedAway) người làm việc ngoài trụ sở")
        lines.append("Khối lượng   \(n(totalWorkload)) đơn vị (miền núi \(n(mountainWorkload))); định mức của cán bộ đang làm việc \(n(totalCapacity)): gấp \(n(capacityRatio)) lần")
        lines += specialtyTable(heading: "Chuyên môn   ", columns: ["chuyên môn", "số xã", "khối lượng", "số cán bộ", "định mức"],
                                name: { labels.specialty($0.rawValue) }, number: n)
        var cur = "Hiện tại     \(currentPairs) cặp cán bộ – xã; \(staffedAsRequired)/\(communes) xã, phường đủ số cán bộ theo dõi"
        if currentPairs > 0 {
            cur += "; \(overloaded.count) cán bộ vượt định mức"
            if !overloaded.isEmpty {
                cur += " (" + overloaded.map { "\($0.officer) \(n($0.load))/\(n($0.capacity))" }.joined(separator: ", ") + ")"
            }
            let uncoveredCommunes = Set(uncovered.map(\.commune)).count
            cur += "\n             \(uncovered.count) nhu cầu chuyên môn chưa đáp ứng ở \(uncoveredCommunes) xã, phường"
            cur += "; \(officersOnlyMountain) cán bộ chỉ theo dõi xã miền núi, \(officersWithoutMountain) cán bộ không theo dõi xã miền núi nào"
        }
        lines.append(cur)
        if let asOf {
            var tenure = "Thâm niên    tính đến \(asOf.description.split(separator: "-").reversed().joined(separator: "/")); \(pairsWithSince)/\(currentPairs) cặp hiện tại có ngày bắt đầu"
            if let rotation {
                let mode = rotation.mode == .hard ? "bắt buộc" : "tính điểm phạt"
                tenure += "; luân chuyển sau \(rotation.maxYears) năm (\(mode)): \(pairsDue) cặp đến hạn"
            }
            lines.append(tenure)
        }
        return lines.joined(separator: "\n")
    }

    /// "119 xã, 11 phường": the kinds of unit, named in Vietnamese in both languages.
    var kindWords: [String] {
        [(CommuneKind.xa, "xã"), (.phuong, "phường"), (.dacKhu, "đặc khu")].compactMap { k, w in kinds[k].map { "\($0) \(w)" } }
    }

    func filledShown(and: String, more: String) -> String {
        filledCommunes.prefix(10).joined(separator: ", ") + (filledCommunes.count > 10 ? " \(and) \(filledCommunes.count - 10) \(more)" : "")
    }

    func specialtyTable(heading: String, columns: [String], name: (Specialty) -> String, number: (Double) -> String) -> [String] {
        guard !specialties.isEmpty else { return [] }
        let width = max(columns[0].count, specialties.map { name($0.specialty).count }.max() ?? 0)
        let widths = columns.dropFirst().map { max(8, $0.count) + 2 }
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let p = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + p : p + s
        }
        var lines = [heading + pad(columns[0], width, left: true) + zip(columns.dropFirst(), widths).map { pad($0, $1) }.joined()]
        for l in specialties {
            let cells = [String(l.communes), number(l.workload), String(l.holders), number(l.holdersCapacity)]
            lines.append(String(repeating: " ", count: heading.count) + pad(name(l.specialty), width, left: true)
                         + zip(cells, widths).map { pad($0, $1) }.joined())
        }
        return lines
    }
}
