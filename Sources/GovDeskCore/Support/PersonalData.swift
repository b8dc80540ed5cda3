import Foundation

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

extension PersonalData {
    /// Text that anyone may read (the citizens' lookup, Open311) with the personal data a person may have typed into
    /// it masked (DESIGN §12: no personal data in any public answer): each of `names` (the ticket's caller) as
    /// `maskName` writes it, each of `phones` as `maskPhone` does, and any other run of seven or more digits (a phone
    /// or an identity card number, with a final X) as `maskPhone` would — a reply that says "已电话联系王小明
    /// （13912345678）" reads "已电话联系王**（139****5678）".
    public static func redacted(_ text: String, names: [String], phones: [String]) -> String {
        var out = text
        for name in names.map({ $0.trimmingCharacters(in: .whitespaces) }) where name.count >= 2 {
            out = out.replacingOccurrences(of: name, with: maskName(name))
        }
        for phone in phones.map({ $0.trimmingCharacters(in: .whitespaces) }) where phone.count >= 5 {
            out = out.replacingOccurrences(of: phone, with: maskPhone(phone))
        }
        // Digit runs: ASCII and full-width digits, an X or x closing a run of seventeen (an identity card number).
        var result = ""
        var run = ""
        func flush() {
            let digits = run.filter { $0 != "X" && $0 != "x" }.count
            result += digits >= 7 ? maskPhone(String(run.map(asciiDigit))) : run
            run = ""
        }
        for character in out {
            let digit = asciiDigit(character)
            if digit.isASCII && digit.isNumber {
                run.append(character)
            } else if (character == "X" || character == "x"), run.count == 17 {
                run.append(character)
                flush()
            } else {
                if !run.isEmpty { flush() }
                result.append(character)
            }
        }
        if !run.isEmpty { flush() }
        return result
    }

    /// A full-width digit as its ASCII digit; any other character as it is.
    static func asciiDigit(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
            (0xFF10...0xFF19).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFF10 + 0x30)
        else { return character }
        return Character(ascii)
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
