/// Masking of personal data in listings and exports (DESIGN §7): `张*`, `138****1234`.
public enum PersonalData {
    /// Keeps the first character of a name and stars the rest: 张三丰 → 张**, Li → L*.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return name.count == 1 ? "*" : String(first) + String(repeating: "*", count: name.count - 1)
    }

    /// Keeps the first three and last four digits of a phone number of eight digits or more, stars the middle;
    /// shorter numbers keep only their last two digits.
    public static func maskPhone(_ phone: String) -> String {
        let chars = Array(phone)
        if chars.count >= 8 {
            return String(chars[..<3]) + String(repeating: "*", count: chars.count - 7)
                + String(chars[(chars.count - 4)...])
        }
        if chars.count > 2 {
            return String(repeating: "*", count: chars.count - 2) + String(chars[(chars.count - 2)...])
        }
        return String(repeating: "*", count: chars.count)
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
