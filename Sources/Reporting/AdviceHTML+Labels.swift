import Advice

/// Every word of the advice page, in Vietnamese (the default) and English (docs/GLOSSARY.md).
struct AdviceLabels: Sendable {
    var title, resilienceTitle, baseline, budgets, rankingExact, rankingScreened, rankingWithinGap, rankingIncomplete: String
    var leftOut: @Sendable (Int) -> String
    var notSolved: @Sendable (String) -> String
    var withinGap: String
    var kinds: [AdviceAction.Kind: String]
    var kindTitle: @Sendable (AdviceAction.Kind, Int) -> String
    var chartCaption, gainAxis, points, bound, action, gain, interval, exact, spread, serves, whatIf, cost, zeroWithoutSolve: String
    var jointTitle, jointOptimal: String
    var jointFeasible: @Sendable (String?) -> String
    var jointPoints, singleSum, jointBound, gapWord, noAction: String
    /// The joint choice's notes (English sentences of the Advice module) in the page's words.
    var notes: [String: String]
    var actionsMap: String
    var actionsMapCaption: @Sendable (Int) -> String
    var topActions, legendHire: String
    var communesServed: @Sendable (Int) -> String
    var combination, combinationTitle, combinationIntro, combinationMap, combinationChanges: String
    var departureIntro, departures, departureChart, costAxis, lastQualified, noPlanBecause, noValidPlan: String
    var bench, specialty, holders, communesNeeding, withoutHolder, spareCapacity, cheapestTraining: String
    var statusWords: [String: String]
    var footer: String

    func kind(_ k: AdviceAction.Kind) -> String { kinds[k] ?? k.rawValue }
    func statusWord(_ s: String) -> String { statusWords[s] ?? s }
    func note(_ n: String) -> String { notes[n] ?? n }
    func ranking(_ r: String) -> String {
        switch Advice.Ranking(rawValue: r) {
        case .exact: rankingExact
        case .screened: rankingScreened
        case .screenedWithinGap: rankingWithinGap
        case .incomplete, nil: rankingIncomplete
        }
    }

    static func of(_ lang: ReportLanguage) -> AdviceLabels { lang == .vi ? .vi : .en }

    static let noteKeys = (
        moveBase: JointChoice.Note.moveBase, capacity: JointChoice.Note.capacity, idleHire: JointChoice.Note.idleHire,
        candidateLimit: JointChoice.Note.candidateLimit, priorities: JointChoice.Note.priorities,
        mountainBand: JointChoice.Note.mountainBand, byProvince: JointChoice.Note.byProvince,
        byProvinceBound: JointChoice.Note.byProvinceBound, byProvinceNoBound: JointChoice.Note.byProvinceNoBound
    )

    static let vi = AdviceLabels(
        title: "Tư vấn nhân sự", resilienceTitle: "Khả năng chịu thiếu hụt cán bộ",
        baseline: "Phương án với đội ngũ hiện có", budgets: "Ngân sách",
        rankingExact: "Xếp hạng chính xác: mọi phương án hành động đều được giải; lợi ích là điểm phạt của phương án hiện có trừ điểm phạt khi có hành động, và [thấp; cao] là khoảng mà cận dưới của hai lần giải để lại.",
        rankingScreened: "Xếp hạng chính xác cho các hành động đứng đầu mỗi loại: lợi ích là hiệu của hai lần giải; các hành động không giải có cận trên của lợi ích (từ biến đối ngẫu của phương án hiện có) thấp hơn các lợi ích đó, nên không thể vào danh sách.",
        rankingWithinGap: "Xếp hạng các hành động đứng đầu mỗi loại trong độ chênh so với tối ưu đã đặt cho các lần giải: lợi ích là hiệu của hai lần giải; các hành động không giải có cận trên của lợi ích thấp hơn các lợi ích đó, hoặc cao hơn lợi ích cuối danh sách không quá độ chênh ấy (“trong độ chênh so với tối ưu”): với độ chênh đó, các lần giải không phân biệt được chúng với hành động cuối danh sách.",
        rankingIncomplete: "Xếp hạng chưa đầy đủ: có hành động chưa được giải ra phương án (hết thời gian hoặc bị dừng); các hành động đó không có lợi ích.",
        leftOut: { n in "\(n) hành động không cần giải: cận trên lợi ích của chúng thấp hơn các hành động được liệt kê." },
        notSolved: { b in "chưa giải, tối đa \(b)" },
        withinGap: "trong độ chênh so với tối ưu",
        kinds: [.train: "Đào tạo", .hire: "Tuyển mới", .moveBase: "Chuyển nơi làm việc", .capacity: "Tăng định mức"],
        kindTitle: { k, n in "\(["train": "Đào tạo", "hire": "Tuyển mới", "move-base": "Chuyển nơi làm việc", "capacity": "Tăng định mức"][k.rawValue] ?? k.rawValue): các hành động tốt nhất (đã tính \(n))" },
        chartCaption: "Lợi ích của từng hành động (điểm phạt giảm được); vạch ngang: khoảng khi lợi ích chưa chính xác",
        gainAxis: "Lợi ích (điểm)", points: "điểm", bound: "cận dưới", action: "Hành động", gain: "Lợi ích (điểm)",
        interval: "Khoảng", exact: "chính xác", spread: "Chênh lệch mức sử dụng (điểm %)", serves: "Xã, phường phục vụ",
        whatIf: "Kịch bản giả định", cost: "chi phí", zeroWithoutSolve: "0, không cần giải: không xã nào cán bộ có thể theo dõi cần chuyên môn này",
        jointTitle: "Tổ hợp tốt nhất trong ngân sách",
        jointOptimal: "Tối ưu (đã chứng minh): không tổ hợp nào trong ngân sách tốt hơn",
        jointFeasible: { g in "Khả thi, chưa chứng minh là tổ hợp tốt nhất" + (g.map { " (độ chênh so với tối ưu tối đa \($0))" } ?? " (chưa có cận)") },
        jointPoints: "Điểm phạt với tổ hợp", singleSum: "Cộng lợi ích từng hành động riêng lẻ", jointBound: "Cận dưới của mọi tổ hợp", gapWord: "Độ chênh so với tối ưu",
        noAction: "Không hành động nào trong ngân sách cải thiện phương án.",
        notes: [
            noteKeys.moveBase: "Khi giải theo thứ tự ưu tiên hoặc có giới hạn ứng viên, tổ hợp chỉ gồm đào tạo và tuyển mới; chuyển nơi làm việc được xếp hạng từng hành động.",
            noteKeys.capacity: "Tổ hợp gồm đào tạo, tuyển mới và chuyển nơi làm việc; tăng định mức được xếp hạng từng hành động.",
            noteKeys.idleHire: "Mỗi cán bộ tuyển mới trong tổ hợp theo dõi ít nhất một xã: tuyển mới mà không giao việc thì không phải là đề xuất.",
            noteKeys.candidateLimit: "Có giới hạn số cán bộ ứng viên cho mỗi xã nên cận dưới của bài toán tổ hợp không phải là chứng minh.",
            noteKeys.priorities: "Có thứ tự ưu tiên các mục tiêu nên cận dưới của bài toán tổ hợp không phải là chứng minh.",
            noteKeys.mountainBand: "Có dải miền núi bắt buộc nên cán bộ tuyển mới không thể để trống việc; tổ hợp không gồm tuyển mới.",
            noteKeys.byProvince: "Giải theo từng tỉnh: ngân sách được chia cho các tỉnh theo lợi ích của từng hành động riêng lẻ, rồi phần của mỗi tỉnh được chọn đồng thời trong tỉnh đó.",
            noteKeys.byProvinceBound: "Cận dưới đúng với mọi cách chia ngân sách cho các tỉnh: thay vì chia ngân sách, mỗi lượt đào tạo, tuyển mới và chuyển nơi làm việc được định giá (cận Lagrange), và bài toán có định giá của mỗi tỉnh được chặn dưới tại gốc.",
            noteKeys.byProvinceNoBound: "Không có cận dưới cho mọi cách chia ngân sách cho các tỉnh (bài toán có định giá của một tỉnh không cho cận), nên tổ hợp không có độ chênh so với tối ưu.",
        ],
        actionsMap: "Bản đồ: nơi tuyển mới và các xã, phường mỗi hành động phục vụ",
        actionsMapCaption: { n in "\(n) hành động đứng đầu mỗi loại: xã, phường tô màu theo hành động phục vụ nó (vòng màu khi nhiều hành động cùng phục vụ), ô vuông là nơi làm việc của cán bộ tuyển mới." },
        topActions: "Các hành động trên bản đồ", legendHire: "Nơi làm việc của cán bộ tuyển mới",
        communesServed: { n in "\(n) xã, phường" },
        combination: "Tổ hợp", combinationTitle: "Phương án của tổ hợp so với phân công hiện tại",
        combinationIntro: "Tổ hợp được giải như một kịch bản giả định; các xã, phường đổi cán bộ so với phân công hiện tại được khoanh vòng và liệt kê bên dưới.",
        combinationMap: "Bản đồ phân công theo tổ hợp", combinationChanges: "Xã, phường đổi cán bộ theo tổ hợp",
        departureIntro: "Mỗi cán bộ được giả định rời đi và kịch bản được giải lại: chi phí là điểm phạt của phương án không có cán bộ đó trừ điểm phạt của phương án hiện có.",
        departures: "Chi phí khi từng cán bộ rời đi", departureChart: "Điểm phạt tăng thêm khi cán bộ rời đi",
        costAxis: "Chi phí (điểm)", lastQualified: "Cán bộ đủ chuyên môn cuối cùng cho", noPlanBecause: "Không có phương án hợp lệ vì",
        noValidPlan: "không có phương án hợp lệ",
        bench: "Nguồn cán bộ theo chuyên môn", specialty: "Chuyên môn", holders: "Số cán bộ có", communesNeeding: "Số xã, phường cần",
        withoutHolder: "Xã, phường không có cán bộ đủ chuyên môn", spareCapacity: "Định mức còn trống của họ", cheapestTraining: "Đào tạo rẻ nhất để bổ sung",
        statusWords: ["optimal": "tối ưu (đã chứng minh)", "feasible": "khả thi, chưa chứng minh tối ưu", "interrupted": "bị dừng", "infeasible": "không khả thi",
                      "no-solution": "chưa tìm được phương án", "failed": "bộ giải gặp lỗi"],
        footer: "Lập bằng DiaBan từ kết quả tư vấn theo lược đồ"
    )

    static let en = AdviceLabels(
        title: "Staffing advice", resilienceTitle: "Resilience of the roster",
        baseline: "Plan with the roster as it is", budgets: "Budgets",
        rankingExact: "Ranking: exact — every candidate was solved; each gain is the baseline's points minus the points with the action, and [low; high] is what the two solves' bounds leave.",
        rankingScreened: "Ranking: exact for the first ones of each kind — each gain is the difference of two solves; the candidates not solved have a proven bound on their gain (from the baseline's duals) below those gains, so none of them can enter the list.",
        rankingWithinGap: "Ranking: the first ones of each kind within the solves' gap — each gain is the difference of two solves; the candidates not solved have a proven bound on their gain below those gains, or above the last one listed by no more than the gap the solves were asked for (“within the gap”): at that gap they cannot be told from it.",
        rankingIncomplete: "Ranking: incomplete — some candidates were not solved to a plan (time limit or stopped); they are listed without a gain.",
        leftOut: { n in "\(n) candidate\(n == 1 ? "" : "s") left out by their bounds: none can enter the list." },
        notSolved: { b in "not solved, at most \(b)" },
        withinGap: "within the gap",
        kinds: [.train: "Train", .hire: "Hire", .moveBase: "Move base", .capacity: "Capacity"],
        kindTitle: { k, n in "\(["train": "Train", "hire": "Hire", "move-base": "Move base", "capacity": "Capacity"][k.rawValue] ?? k.rawValue): best single actions (\(n) priced)" },
        chartCaption: "Gain of each action (penalty points saved); whiskers: the interval when a gain is not exact",
        gainAxis: "Gain (points)", points: "points", bound: "bound", action: "Action", gain: "Gain (points)",
        interval: "Interval", exact: "exact", spread: "Utilisation spread (pp)", serves: "Serves",
        whatIf: "What-if", cost: "cost", zeroWithoutSolve: "0 without a solve: no commune the officer may track requires the specialty",
        jointTitle: "Best combination within the budgets",
        jointOptimal: "Optimal (proven): no combination within the budgets is better",
        jointFeasible: { g in "Feasible, not proven the best combination" + (g.map { " (gap \($0))" } ?? " (no bound)") },
        jointPoints: "Points with the combination", singleSum: "Single gains added up", jointBound: "Bound on every combination", gapWord: "Gap",
        noAction: "No action within the budgets improves the plan.",
        notes: [:],
        actionsMap: "Map: where hires are based and the communes each action serves",
        actionsMapCaption: { n in "The top \(n) actions of each kind: communes filled in the colour of the action that serves them (rings when several do), squares where a hire is based." },
        topActions: "Actions on the map", legendHire: "A hire's base",
        communesServed: { n in "\(n) commune\(n == 1 ? "" : "s")" },
        combination: "Combination", combinationTitle: "The combination's plan against the current assignment",
        combinationIntro: "The combination solved as a what-if; communes whose officers differ from the current assignment are ringed and listed below.",
        combinationMap: "Assignment map with the combination", combinationChanges: "Communes changing officer with the combination",
        departureIntro: "Each officer is taken off the roster and the scenario solved again: the cost is the plan's points without them minus the baseline's.",
        departures: "Cost of each officer's departure", departureChart: "Points added when the officer leaves",
        costAxis: "Cost (points)", lastQualified: "Last qualified officer for", noPlanBecause: "No valid plan because",
        noValidPlan: "no valid plan",
        bench: "Bench per specialty", specialty: "Specialty", holders: "Holders", communesNeeding: "Communes needing it",
        withoutHolder: "Communes without a qualified officer", spareCapacity: "Holders' spare capacity", cheapestTraining: "Cheapest training to add a holder",
        statusWords: ["optimal": "optimal (proven)", "feasible": "feasible, not proven optimal", "interrupted": "interrupted", "infeasible": "infeasible",
                      "no-solution": "no solution within the time limit", "failed": "solver failure"],
        footer: "Made with DiaBan from the advice of schema"
    )
}
