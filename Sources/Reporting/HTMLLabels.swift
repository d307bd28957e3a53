import Foundation
import DiaBanCore
import Planning

/// Every word of the HTML report, in Vietnamese (the default) and English.
struct HTMLLabels: Sendable {
    var htmlLang: String
    var title: String
    var scenario: String
    var status: String
    var objective: String
    var bestBound: String
    var gap: String
    var points: String
    var before: String
    var after: String
    var change: String
    var noPlan: String

    // Sections
    var headline: String
    var mapSection: String
    var proposalSection: String
    var officersSection: String
    var comparisonSection: String
    var notesSection: String

    // Headline tiles and tables
    var uncoveredNeeds: String
    var overloadedOfficers: String
    var utilisationRange: String
    var mountainOutsideBand: String
    var workloadOutsideBand: String
    var kmPerYear: String
    var communesMoved: String
    var totalPoints: String
    var objectiveTerms: String
    var provinceKPIs: String
    var largestUtilisation: String
    var smallestUtilisation: String
    var mountainShareSpread: String
    var lowerIsBetter: String
    var termNames: [ObjectiveTerm: String]
    var termHints: [ObjectiveTerm: String]

    // Map
    var mapCaption: String
    var mapHover: String
    var legendMountain: String
    var legendLowland: String
    var legendHQ: String
    var legendBase: String
    var legendAreas: String
    var legendMoved: String
    var legendOfficers: String
    var legendHint: String
    var showAll: String
    var scaleKm: String
    var officer: String
    var previousOfficer: String
    var workload: String
    var distance: String
    var terrainNames: [Terrain: String]
    var unassigned: String
    var baseOf: String
    var headquarters: String

    // Proposal
    var proposalIntro: @Sendable (Int) -> String
    var noMoves: String
    var groupRequired: String
    var groupCoverage: String
    var groupBalance: String
    var commune: String
    var from: String
    var to: String
    var reason: String
    var gainPoints: String

    // Officer cards
    var cardsKey: String
    var communesCount: @Sendable (Int) -> String
    var capacity: String
    var utilisation: String
    var mountainShare: String
    var fairMountain: String
    var specialtiesUsed: String
    var onLeave: String
    var movedIn: String
    var movedOut: String
    var none: String

    // Notes
    var problem: String
    var note: String
    var currentBreaks: @Sendable (Int) -> String
    var planBreaks: String
    var whyNoPlan: String
    var relaxationIntro: String
    var footer: String

    // Comparison
    var metric: String
    var tradeOff: String
    var bestInRow: String
    /// Words for comparison metrics that have no other label.
    var moreMetrics: [String: String]

    /// A specialty's words; unknown keys are shown as written.
    var specialtyNames: [String: String]
    func specialty(_ key: String) -> String { specialtyNames[key] ?? (htmlLang == "en" ? key.replacingOccurrences(of: "-", with: " ") : key) }

    static func of(_ lang: ReportLanguage) -> HTMLLabels { lang == .vi ? .vi : .en }

    func statusSentence(_ r: SolveReport, _ lang: ReportLanguage) -> String {
        let vi = lang == .vi
        switch r.status {
        case PlanStatus.optimal.rawValue: return vi ? "Tối ưu (đã chứng minh)" : "Optimal (proven)"
        case PlanStatus.feasible.rawValue:
            let g = r.gap.map { " (" + (vi ? "độ chênh so với tối ưu tối đa " : "gap ") + lang.percent(100 * $0, 2) + ")" }
                ?? (vi ? " (chưa có cận: chưa biết độ chênh so với tối ưu)" : " (no bound yet: gap unknown)")
            return (vi ? "Khả thi, chưa chứng minh tối ưu" : "Feasible, not proven optimal") + g
        case PlanStatus.infeasible.rawValue:
            return vi ? "Không khả thi: không phương án nào thỏa mọi quy tắc bắt buộc" : "Infeasible: no plan satisfies the hard rules"
        case PlanStatus.noSolution.rawValue:
            return vi ? "Không tìm được phương án trong thời gian cho phép" : "No solution within the time limit"
        case PlanStatus.interrupted.rawValue:
            return r.objective == nil
                ? (vi ? "Bị dừng, chưa có phương án" : "Interrupted, no plan found yet")
                : (vi ? "Bị dừng: phương án tốt nhất đến lúc dừng, CHƯA chứng minh tối ưu" : "Interrupted: best plan so far, NOT proven optimal")
        default: return vi ? "Bộ giải gặp lỗi" : "Solver failure"
        }
    }

    static let vi = HTMLLabels(
        htmlLang: "vi",
        title: "Phân công cán bộ theo dõi địa bàn",
        scenario: "Kịch bản",
        status: "Trạng thái",
        objective: "Hàm mục tiêu",
        bestBound: "cận dưới",
        gap: "độ chênh so với tối ưu",
        points: "điểm",
        before: "Hiện tại",
        after: "Đề xuất",
        change: "Thay đổi",
        noPlan: "Chưa có phương án: bản đồ và các thẻ cán bộ dưới đây là phân công hiện tại.",
        headline: "Các chỉ số chính",
        mapSection: "Bản đồ phân công",
        proposalSection: "Đề xuất điều chỉnh",
        officersSection: "Cán bộ theo dõi",
        comparisonSection: "So sánh các kịch bản",
        notesSection: "Ghi chú",
        uncoveredNeeds: "Nhu cầu chuyên môn chưa đáp ứng",
        overloadedOfficers: "Cán bộ quá tải",
        utilisationRange: "Mức sử dụng định mức công việc (thấp nhất – cao nhất)",
        mountainOutsideBand: "Việc miền núi lệch khỏi mức công bằng (đơn vị)",
        workloadOutsideBand: "Mức sử dụng lệch khỏi dải cân bằng (điểm %)",
        kmPerYear: "km đi lại mỗi năm",
        communesMoved: "Xã, phường đổi cán bộ",
        totalPoints: "Tổng điểm phạt",
        objectiveTerms: "Các thành phần của hàm mục tiêu (điểm phạt)",
        provinceKPIs: "Chỉ số toàn tỉnh",
        largestUtilisation: "Mức sử dụng cao nhất (%)",
        smallestUtilisation: "Mức sử dụng thấp nhất (%)",
        mountainShareSpread: "Chênh lệch tỷ lệ miền núi (điểm %)",
        lowerIsBetter: "Điểm phạt càng thấp càng tốt.",
        termNames: [.coverage: "Đáp ứng chuyên môn", .mountainBalance: "Cân bằng miền núi", .workloadBalance: "Cân bằng khối lượng",
                    .travel: "Đi lại", .changes: "Ổn định (số thay đổi)"],
        termHints: [.coverage: "chuyên môn xã cần mà chưa cán bộ nào có", .mountainBalance: "việc miền núi lệch khỏi phần công bằng",
                    .workloadBalance: "mức sử dụng lệch khỏi mức chung", .travel: "km đi lại mỗi năm", .changes: "cặp cán bộ–xã mới"],
        mapCaption: "Mỗi xã, phường là một điểm và một vùng tô màu theo cán bộ theo dõi.",
        mapHover: "Rê chuột lên điểm để xem tên, cán bộ, khối lượng và khoảng cách.",
        legendMountain: "Xã miền núi",
        legendLowland: "Xã, phường đồng bằng",
        legendHQ: "Trụ sở Tỉnh ủy",
        legendBase: "Nơi làm việc của cán bộ (ngoài trụ sở)",
        legendAreas: "Vùng của xã, phường: vẽ gần đúng từ tọa độ trung tâm và diện tích của từng xã, không phải địa giới hành chính",
        legendMoved: "Đổi cán bộ: vòng màu cán bộ cũ, số thứ tự như danh sách đề xuất",
        legendOfficers: "Cán bộ (màu trên bản đồ)",
        legendHint: "Bấm vào tên cán bộ để làm nổi các xã của người đó.",
        showAll: "Hiện tất cả",
        scaleKm: "km",
        officer: "Cán bộ",
        previousOfficer: "Trước đây",
        workload: "Khối lượng",
        distance: "Khoảng cách",
        terrainNames: [.mountain: "miền núi", .highland: "vùng cao", .midland: "trung du", .lowland: "đồng bằng"],
        unassigned: "chưa phân công",
        baseOf: "Nơi làm việc của",
        headquarters: "Trụ sở Tỉnh ủy",
        proposalIntro: { n in "\(n) xã, phường đổi cán bộ theo dõi. Các thay đổi bắt buộc được liệt kê trước, sau đó là các thay đổi có lợi nhất." },
        noMoves: "Không cần thay đổi: phân công hiện tại đã là phương án đề xuất.",
        groupRequired: "Bắt buộc theo quy tắc",
        groupCoverage: "Bổ sung chuyên môn còn thiếu",
        groupBalance: "Cân bằng công việc và đi lại",
        commune: "Xã, phường",
        from: "Cán bộ cũ",
        to: "Cán bộ mới",
        reason: "Lý do",
        gainPoints: "Lợi ích (điểm)",
        cardsKey: "Thanh màu: mức sử dụng định mức theo đề xuất; vạch đen: 100% định mức; vạch chấm: mức hiện tại. ▲ xã miền núi, ● xã, phường đồng bằng; in đậm: địa bàn nhận mới; số đỏ: số thứ tự trong danh sách đề xuất.",
        communesCount: { n in "\(n) xã, phường" },
        capacity: "định mức",
        utilisation: "Mức sử dụng",
        mountainShare: "Tỷ lệ miền núi",
        fairMountain: "phần công bằng",
        specialtiesUsed: "Chuyên môn",
        onLeave: "nghỉ phép",
        movedIn: "nhận mới",
        movedOut: "chuyển đi",
        none: "không có",
        problem: "Vấn đề",
        note: "Lưu ý",
        currentBreaks: { n in "Phân công hiện tại vi phạm \(n) quy tắc bắt buộc; phương án đề xuất khắc phục:" },
        planBreaks: "CẢNH BÁO: phương án vi phạm quy tắc bắt buộc (đây là lỗi phần mềm; không sử dụng phương án này):",
        whyNoPlan: "Vì sao không có phương án hợp lệ",
        relaxationIntro: "Nới lỏng nhỏ nhất các quy tắc để có phương án:",
        footer: "Lập bằng DiaBan từ kết quả giải theo lược đồ",
        metric: "Chỉ số",
        tradeOff: "Đánh đổi giữa các mục tiêu",
        bestInRow: "tốt nhất trong hàng",
        moreMetrics: [
            "newPairs": "Cặp cán bộ–xã mới", "activeOfficers": "Cán bộ đang làm việc", "activeCapacity": "Tổng định mức công việc (đơn vị)",
            "workload": "Tổng khối lượng (đơn vị)", "specialtyNeeds": "Nhu cầu chuyên môn",
            "withoutContinuity": "Điểm phạt trừ phần ổn định",
        ],
        specialtyNames: [
            "agriculture": "nông nghiệp", "border-security": "an ninh biên giới", "coastal-fisheries": "thủy sản ven biển",
            "digital-transformation": "chuyển đổi số", "ethnic-affairs": "công tác dân tộc", "land-management": "quản lý đất đai",
            "urban-management": "quản lý đô thị",
        ]
    )

    static let en = HTMLLabels(
        htmlLang: "en",
        title: "Area-tracking officer assignment",
        scenario: "Scenario",
        status: "Status",
        objective: "Objective",
        bestBound: "best bound",
        gap: "gap",
        points: "points",
        before: "Current",
        after: "Proposed",
        change: "Change",
        noPlan: "No plan yet: the map and officer cards below show the current assignment.",
        headline: "Headline numbers",
        mapSection: "Assignment map",
        proposalSection: "Proposed changes",
        officersSection: "Officers",
        comparisonSection: "Scenario comparison",
        notesSection: "Notes",
        uncoveredNeeds: "Specialty needs uncovered",
        overloadedOfficers: "Officers over capacity",
        utilisationRange: "Utilisation of capacity (lowest – highest)",
        mountainOutsideBand: "Mountain work outside the fair band (units)",
        workloadOutsideBand: "Utilisation outside the balance band (points)",
        kmPerYear: "km travelled per year",
        communesMoved: "Communes changing officer",
        totalPoints: "Total penalty points",
        objectiveTerms: "Objective terms (penalty points)",
        provinceKPIs: "Province KPIs",
        largestUtilisation: "Largest utilisation (%)",
        smallestUtilisation: "Smallest utilisation (%)",
        mountainShareSpread: "Mountain-share spread (points)",
        lowerIsBetter: "Lower is better.",
        termNames: [.coverage: "Specialty coverage", .mountainBalance: "Mountain balance", .workloadBalance: "Workload balance",
                    .travel: "Travel", .changes: "Continuity (changes)"],
        termHints: [.coverage: "needed specialties no officer holds", .mountainBalance: "mountain work outside the fair share",
                    .workloadBalance: "utilisation away from the mean", .travel: "km per year", .changes: "new officer–commune pairs"],
        mapCaption: "Each commune is a marker and an area coloured by its officer.",
        mapHover: "Hover a marker for its name, officer, workload and distance.",
        legendMountain: "Mountain commune",
        legendLowland: "Lowland commune or ward",
        legendHQ: "Provincial headquarters",
        legendBase: "Officer's base (away from headquarters)",
        legendAreas: "A commune's area: an approximation drawn from its centre and its area, not its legal boundary",
        legendMoved: "Changes officer: ring in the previous officer's colour, numbered as in the proposal",
        legendOfficers: "Officers (map colours)",
        legendHint: "Click an officer to highlight their communes.",
        showAll: "Show all",
        scaleKm: "km",
        officer: "Officer",
        previousOfficer: "Before",
        workload: "Workload",
        distance: "Distance",
        terrainNames: [.mountain: "mountain", .highland: "highland", .midland: "midland", .lowland: "lowland"],
        unassigned: "unassigned",
        baseOf: "Base of",
        headquarters: "Provincial headquarters",
        proposalIntro: { n in "\(n) commune\(n == 1 ? "" : "s") change officer. Changes the rules require come first, then the most valuable." },
        noMoves: "No change needed: the current assignment is the proposed plan.",
        groupRequired: "Required by the rules",
        groupCoverage: "Covering missing expertise",
        groupBalance: "Balancing work and travel",
        commune: "Commune",
        from: "From",
        to: "To",
        reason: "Reason",
        gainPoints: "Gain (points)",
        cardsKey: "Coloured bar: the plan's use of capacity; black line: 100% of capacity; dotted line: today. ▲ mountain commune, ● lowland commune or ward; bold: newly assigned; red numbers: the change's number in the proposal.",
        communesCount: { n in "\(n) commune\(n == 1 ? "" : "s")" },
        capacity: "capacity",
        utilisation: "Utilisation",
        mountainShare: "Mountain share",
        fairMountain: "fair share",
        specialtiesUsed: "Specialties used",
        onLeave: "on leave",
        movedIn: "new",
        movedOut: "handed over",
        none: "none",
        problem: "Problem",
        note: "Note",
        currentBreaks: { n in "The current assignment breaks \(n) hard rule\(n == 1 ? "" : "s") that the plan repairs:" },
        planBreaks: "WARNING: the plan breaks hard rules (this is a bug; do not use it):",
        whyNoPlan: "Why there is no valid plan",
        relaxationIntro: "The smallest relaxation of the rules that gives a plan:",
        footer: "Made with DiaBan from the solve document of schema",
        metric: "Metric",
        tradeOff: "Trade-off between objectives",
        bestInRow: "best in row",
        moreMetrics: [
            "newPairs": "New officer–commune pairs", "activeOfficers": "Active officers", "activeCapacity": "Capacity of active officers (units)",
            "workload": "Workload (units)", "specialtyNeeds": "Specialty needs",
            "withoutContinuity": "Penalty points without continuity",
        ],
        specialtyNames: [:]
    )
}
