/// Synthetic Vietnamese personal and place names. They belong to no real person; place names
/// of synthetic communes belong to no real unit.
enum SyntheticNames {
    static let kinhFamilies = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Võ",
        "Thái", "Đinh", "Cao", "Chu", "Đào", "Tôn",
    ]
    /// Family names common among the Thái, Khơ Mú and H'Mông of western Nghệ An.
    static let minorityFamilies = ["Lô", "Lương", "Vi", "Lang", "Kha", "Moong", "Vừ", "Xồng", "Lầu", "Quang"]
    static let maleMiddles = ["Văn", "Đức", "Hữu", "Minh", "Quang", "Xuân", "Đình", "Công", "Bá", "Thanh"]
    static let femaleMiddles = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương"]
    static let maleGivens = [
        "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Phúc",
        "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Tài", "Lợi", "Kiên", "Thành", "Hòa", "Toàn",
    ]
    static let femaleGivens = [
        "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Thảo", "Trang", "Vân", "Yến", "Hằng",
        "Loan", "Nhung", "Oanh", "Thủy", "Dung", "Giang",
    ]

    /// A full name; `minority` draws the family name from the western highland list.
    static func person(_ rng: inout SplitMix64, minority: Bool) -> String {
        let female = rng.chance(0.45)
        let family = minority ? rng.pick(minorityFamilies) : rng.pick(kinhFamilies)
        let middle = female ? rng.pick(femaleMiddles) : rng.pick(maleMiddles)
        let given = female ? rng.pick(femaleGivens) : rng.pick(maleGivens)
        return "\(family) \(middle) \(given)"
    }

    /// Distinct names, drawn in order.
    static func people(_ count: Int, _ rng: inout SplitMix64, minority: (Int) -> Bool) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for i in 0..<count {
            var name = person(&rng, minority: minority(i))
            while seen.contains(name) { name = person(&rng, minority: minority(i)) }
            seen.insert(name)
            out.append(name)
        }
        return out
    }

    static let placeFirst = ["An", "Bình", "Đông", "Tây", "Nam", "Bắc", "Tân", "Phú", "Hưng", "Thạch", "Vĩnh", "Hòa", "Quang", "Xuân", "Trung", "Kim", "Lạc", "Minh", "Thanh", "Yên"]
    static let placeSecond = ["Sơn", "Hà", "Lâm", "Lộc", "Phúc", "Thành", "Hải", "Điền", "Châu", "Mỹ", "Thịnh", "Khánh", "Tiến", "Hợp", "Giang", "Long", "Đồng", "Lĩnh", "Xá", "Nghĩa"]

    /// A distinct two-syllable place name for each index (a number is added past 400).
    static func place(_ index: Int) -> String {
        let n = placeFirst.count * placeSecond.count
        let k = (index * 157) % n
        let base = "\(placeFirst[k / placeSecond.count]) \(placeSecond[k % placeSecond.count])"
        return index < n ? base : "\(base) \(index / n + 1)"
    }
}
