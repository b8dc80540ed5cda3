/// Masking of personal data in listings and exports (DESIGN §7): `张*`, `138****1234`.
public enum PersonalData {
    /// Keeps the first character of a name and stars the rest: 张三丰 → 张**, Li → L*.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return name.count == 1 ? "*" : String(first) + String(repeating: "*", count: name.count - 1)
    }

    /// Stars a phone number's digits but a few, counting digits, not characters (separators and a leading `+` stay
    /// as they are, so the masked number still reads like one): 11 digits or more keep the first three and the last
    /// four (138****1234), 8 to 10 keep the last four, 3 to 7 the last two, and shorter ones none. Any other
    /// character (letters of an imported "ext") is starred as well.
    public static func maskPhone(_ phone: String) -> String {
        let chars = Array(phone)
        let digits = chars.indices.filter { chars[$0].isASCII && chars[$0].isNumber }
        let n = digits.count
        let keepFirst = n >= 11 ? 3 : 0
        let keepLast = n >= 8 ? 4 : n >= 3 ? 2 : 0
        let kept = Set(digits.prefix(keepFirst) + digits.suffix(keepLast))
        return String(
            chars.indices.map { index -> Character in
                let ch = chars[index]
                if kept.contains(index) { return ch }
                if ch == "-" || ch == " " || (ch == "+" && index == 0) { return ch }
                return "*"
            })
    }
}

/// The form a phone number must have to be accepted at intake.
public enum PhoneNumber {
    /// 5 to 20 digits, with an optional leading `+` and `-` or spaces between digits.
    public static func isPlausible(_ text: String) -> Bool {
        var digits = 0
        for (index, ch) in text.enumerated() {
            if ch.isASCII, ch.isNumber {
                digits += 1
            } else if ch == "+" && index == 0 {
                continue
            } else if ch == "-" || ch == " " {
                continue
            } else {
                return false
            }
        }
        return (5...20).contains(digits)
    }
}
