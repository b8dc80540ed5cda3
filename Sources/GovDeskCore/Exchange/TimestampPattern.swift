/// A fixed timestamp layout such as `MM/dd/yyyy hh:mm:ss a`, compiled once and matched by hand (no `DateFormatter`).
///
/// Fields: `yyyy` year, `M`/`MM` month, `d`/`dd` day, `H`/`HH` hour 0–23, `h`/`hh` hour 1–12 with `a` (AM/PM,
/// 上午/下午), `m`/`mm` minute, `s`/`ss` second, `S…` fraction of a second (ignored), `XXX`/`XX`/`X`/`Z` an offset
/// (`+08:00`, `+0800`, `Z`). Text in single quotes and any other character is literal; a space matches one or more
/// spaces. Without an offset field the wall time is read in the mapping's time zone.
public struct TimestampPattern: Sendable, CustomStringConvertible {
    enum Token: Equatable, Sendable {
        case year, month, day, hour24, hour12, minute, second, fraction, meridiem, offset
        case literal([UInt8])
        case spaces
    }

    let tokens: [Token]
    public let description: String

    /// Compiles a pattern; nil with a reason when it has an unknown letter or lacks a year, month or day.
    public init(_ pattern: String) throws(TimestampPatternError) {
        description = pattern
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch c {
            case "y":
                guard run == 4 else { throw TimestampPatternError(pattern: pattern, reason: "write the year as yyyy") }
                tokens.append(.year)
            case "M": tokens.append(.month)
            case "d": tokens.append(.day)
            case "H": tokens.append(.hour24)
            case "h": tokens.append(.hour12)
            case "m": tokens.append(.minute)
            case "s": tokens.append(.second)
            case "S": tokens.append(.fraction)
            case "a": tokens.append(.meridiem)
            case "X", "Z", "x": tokens.append(.offset)
            case "'":
                var j = i + 1
                var text = ""
                while j < chars.count, chars[j] != "'" {
                    text.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw TimestampPatternError(pattern: pattern, reason: "a quoted literal is not closed")
                }
                tokens.append(.literal(Array(text.utf8)))
                i = j + 1
                continue
            case " ":
                tokens.append(.spaces)
            default:
                if c.isLetter {
                    throw TimestampPatternError(
                        pattern: pattern,
                        reason:
                            "'\(c)' is not a field; use yyyy, MM, dd, HH, hh, mm, ss, SSS, a, XXX or quote literal text"
                    )
                }
                for _ in 0..<run { tokens.append(.literal(Array(String(c).utf8))) }
            }
            i += run
        }
        for (required, name) in [(Token.year, "yyyy"), (.month, "MM"), (.day, "dd")] where !tokens.contains(required) {
            throw TimestampPatternError(pattern: pattern, reason: "it has no \(name) field")
        }
        if tokens.contains(.hour12) != tokens.contains(.meridiem) {
            throw TimestampPatternError(
                pattern: pattern, reason: "hh (1–12) and a (AM/PM) go together; use HH for 0–23")
        }
        self.tokens = tokens
    }

    /// The wall time as seconds since 1970 of the wall clock, and the offset if the text carries one; nil when the
    /// text does not have this layout or names an impossible date or time.
    public func parse(_ text: String) -> (wallSeconds: Int64, offset: Int64?)? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    func parse(bytes b: UnsafeBufferPointer<UInt8>) -> (wallSeconds: Int64, offset: Int64?)? {
        var i = 0
        let n = b.count
        // Surrounding spaces are not part of the value.
        var end = n
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        while i < end, b[i] == 0x20 { i += 1 }
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var pm: Bool?
        var offset: Int64?

        func number(maxDigits: Int, minDigits: Int = 1) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, i < end, b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= minDigits ? value : nil
        }

        for token in tokens {
            switch token {
            case .year: guard let v = number(maxDigits: 4, minDigits: 4) else { return nil }; year = v
            case .month: guard let v = number(maxDigits: 2) else { return nil }; month = v
            case .day: guard let v = number(maxDigits: 2) else { return nil }; day = v
            case .hour24, .hour12: guard let v = number(maxDigits: 2) else { return nil }; hour = v
            case .minute: guard let v = number(maxDigits: 2) else { return nil }; minute = v
            case .second: guard let v = number(maxDigits: 2) else { return nil }; second = v
            case .fraction: guard number(maxDigits: 9) != nil else { return nil }
            case .meridiem:
                if i + 1 < end, b[i] | 0x20 == 0x61 || b[i] | 0x20 == 0x70, b[i + 1] | 0x20 == 0x6d {
                    pm = b[i] | 0x20 == 0x70
                    i += 2
                } else if i + 5 < end, b[i] == 0xE4, b[i + 1] == 0xB8, b[i + 2] == 0x8A || b[i + 2] == 0x8B,
                    b[i + 3] == 0xE5, b[i + 4] == 0x8D, b[i + 5] == 0x88
                {
                    // 上午 E4 B8 8A E5 8D 88, 下午 E4 B8 8B E5 8D 88
                    pm = b[i + 2] == 0x8B
                    i += 6
                } else {
                    return nil
                }
            case .offset:
                guard i < end else { return nil }
                if b[i] == 0x5A {
                    offset = 0
                    i += 1
                } else {
                    guard b[i] == 0x2B || b[i] == 0x2D else { return nil }
                    let negative = b[i] == 0x2D
                    i += 1
                    guard let h = number(maxDigits: 2, minDigits: 2) else { return nil }
                    if i < end, b[i] == 0x3A { i += 1 }
                    let m = number(maxDigits: 2, minDigits: 2) ?? 0
                    guard h <= 14, m <= 59 else { return nil }
                    offset = Int64((negative ? -1 : 1) * (h * 3600 + m * 60))
                }
            case .literal(let bytes):
                for byte in bytes {
                    guard i < end, b[i] == byte else { return nil }
                    i += 1
                }
            case .spaces:
                guard i < end, b[i] == 0x20 else { return nil }
                while i < end, b[i] == 0x20 { i += 1 }
            }
        }
        guard i == end else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (1...12).contains(month), (1...LocalDate.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let dayNumber = Int64(LocalDate(year: year, month: month, day: day).dayNumber)
        return (dayNumber * 86400 + Int64(hour * 3600 + minute * 60 + second), offset)
    }
}

/// A timestamp pattern that cannot be used.
public struct TimestampPatternError: Error, Equatable, CustomStringConvertible {
    public var pattern: String
    public var reason: String
    public var description: String { "'\(pattern)' is not a usable timestamp format: \(reason)" }
}

/// Reads timestamps in one of several patterns, in a time zone: the first pattern that fits wins.
public final class TimestampReader {
    public let patterns: [TimestampPattern]
    public let clock: ZoneClock

    public init(patterns: [TimestampPattern], clock: ZoneClock) {
        self.patterns = patterns
        self.clock = clock
    }

    /// Epoch seconds, or nil when no pattern fits.
    public func epoch(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes in
            for pattern in patterns {
                if let (wall, offset) = pattern.parse(bytes: bytes) {
                    if let offset { return wall - offset }
                    return clock.instant(wallSeconds: wall)
                }
            }
            return nil
        }
    }

    /// `MM/dd/yyyy hh:mm:ss a or yyyy-MM-dd HH:mm:ss`, for messages.
    public var allowed: String {
        patterns.map(\.description).joined(separator: " or ")
    }
}
