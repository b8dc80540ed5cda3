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
    /// it masked (DESIGN §12: no personal data in any public answer):
    ///
    /// - each of `names` (the ticket's caller) as `maskName` writes it, found with blanks between its characters and
    ///   in any case; a Chinese name of three or more characters also by its given name alone (建国 of 张建国), a
    ///   name of several words also by each word of three letters or more (Smith);
    /// - each of `phones`, and any number that reads like a phone, a card or an identity card number, as `maskPhone`
    ///   does: a run of seven or more digits, or digits in groups of up to six joined by single blanks, dashes or
    ///   dots that make ten or more (138-3551-2345, +86 139 1234 5678, 6222 0212 3456 7890, an identity card's X
    ///   included).
    ///
    /// What reads as something else stays: a ticket number (20261016-000031), a date (20261016, 2026-10-16) and an
    /// amount (1234567元, ¥12345678.90). A reply that says "已电话联系王小明（13912345678）" reads "已电话联系王**
    /// （139****5678）".
    public static func redacted(_ text: String, names: [String], phones: [String]) -> String {
        var characters = Array(text)
        for name in names { maskName(name, in: &characters) }
        for phone in phones.map({ $0.trimmingCharacters(in: .whitespaces) }) where phone.count >= 5 {
            characters = Array(String(characters).replacingOccurrences(of: phone, with: maskPhone(phone)))
        }
        return maskNumbers(characters)
    }

    private static let blanks: Set<Character> = [" ", "\u{3000}", "\t"]

    /// Masks every occurrence of `name` (and its given name, its words) in `characters`.
    static func maskName(_ name: String, in characters: inout [Character]) {
        let whole = Array(name.filter { !blanks.contains($0) })
        guard whole.count >= 2 else { return }
        var forms = [whole]
        let isChinese = whole.allSatisfy { $0.unicodeScalars.allSatisfy { $0.properties.isIdeographic } }
        if isChinese, whole.count >= 3 { forms.append(Array(whole.suffix(2))) }
        let words = name.split { blanks.contains($0) }.map(Array.init)
        if !isChinese, words.count > 1 { forms += words.filter { $0.count >= 3 } }
        for form in forms {
            let wanted = form.map { $0.lowercased() }
            var index = 0
            while index < characters.count {
                // Match the form's characters in order, blanks between them allowed, case aside.
                var at = index
                var matched: [Int] = []
                for character in wanted {
                    if !matched.isEmpty { while at < characters.count, blanks.contains(characters[at]) { at += 1 } }
                    guard at < characters.count, characters[at].lowercased() == character else { break }
                    matched.append(at)
                    at += 1
                }
                guard matched.count == wanted.count else {
                    index += 1
                    continue
                }
                for position in matched.dropFirst() { characters[position] = "*" }
                index = at
            }
        }
    }

    /// Masks the numbers of `characters` that read like a phone, a card or an identity card number.
    static func maskNumbers(_ characters: [Character]) -> String {
        func isDigit(_ character: Character) -> Bool {
            let digit = asciiDigit(character)
            return digit.isASCII && digit.isNumber
        }
        let separators: Set<Character> = [" ", "-", ".", "\u{3000}"]
        var out = ""
        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]) else {
                out.append(characters[index])
                index += 1
                continue
            }
            // A span: groups of digits joined by single separators; a group of more than six digits joins no other
            // group across a blank (a ticket number and a phone written side by side stay two numbers).
            var end = index
            var groups: [Int] = []
            var separated = false
            while true {
                var groupEnd = end
                while groupEnd < characters.count, isDigit(characters[groupEnd]) { groupEnd += 1 }
                // An identity card's final X.
                if groupEnd < characters.count, characters[groupEnd] == "X" || characters[groupEnd] == "x",
                    groups.reduce(groupEnd - end, +) == 17
                {
                    groupEnd += 1
                }
                groups.append(groupEnd - end)
                end = groupEnd
                guard end + 1 < characters.count, separators.contains(characters[end]), isDigit(characters[end + 1])
                else { break }
                var next = end + 1
                while next < characters.count, isDigit(characters[next]) { next += 1 }
                let joinsAcrossBlank = characters[end] != "-" && characters[end] != "."
                if joinsAcrossBlank, groups.last! > 6 || next - end - 1 > 6 { break }
                separated = true
                end += 1
            }
            let span = characters[index..<end]
            let digits = span.filter(isDigit).count
            let before = index > 0 ? characters[index - 1] : " "
            let after = end < characters.count ? characters[end] : " "
            let amount = "元万千百亿".contains(after) || before == "¥" || before == "￥"
            let ticketNumber = groups.count == 2 && groups == [8, 6] && characters[index + 8] == "-"
            let date =
                groups.count == 1 && digits == 8 && isDate(String(span.map(asciiDigit)))
                || groups.count == 3 && groups == [4, 2, 2]
            let masked = !amount && !ticketNumber && !date && (separated ? digits >= 10 : digits >= 7)
            let leadingPlus = masked && out.hasSuffix("+")
            if leadingPlus { out.removeLast() }
            out += masked ? maskPhone((leadingPlus ? "+" : "") + String(span.map(asciiDigit))) : String(span)
            index = end
        }
        return out
    }

    /// `20261016`: a year from 1900 to 2099, a month and a day.
    static func isDate(_ digits: String) -> Bool {
        guard let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.suffix(2))
        else { return false }
        return (1900...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
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
