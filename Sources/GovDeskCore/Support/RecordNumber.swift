/// The numbers of tickets (`20251204-000001`), window cases (`BJ20251204-000001`) and findings
/// (`ZG20251204-000001`): a prefix, the local day and the day's sequence in six digits, one width at any daily volume
/// (a city's 12345 takes tens of thousands of calls a day) so that numbers sort by time. Numbers issued before with
/// four digits (three for findings) keep them: they are hashed into the event chains and never rewritten.
public enum RecordNumber {
    /// Digits of the day's sequence in numbers made from now on.
    public static let sequenceDigits = 6
    /// The most numbers one series gives in a day: 999,999.
    public static let maximumPerDay = 999_999

    /// `PREFIXYYYYMMDD-NNNNNN`; nil when `sequence` is outside 1 … `maximumPerDay` (the day's numbers are used up).
    public static func make(prefix: String = "", day: LocalDate, sequence: Int) -> String? {
        make(prefix: prefix, compactDay: day.compact, sequence: sequence)
    }

    /// `make` with the day already written `YYYYMMDD` (the bulk paths write many numbers of one day).
    public static func make(prefix: String = "", compactDay: String, sequence: Int) -> String? {
        guard (1...maximumPerDay).contains(sequence) else { return nil }
        let digits = String(sequence)
        return prefix + compactDay + "-" + String(repeating: "0", count: sequenceDigits - digits.count) + digits
    }

    /// The day (`YYYYMMDD`) and sequence of a ticket number of any width GovDesk has issued: `20250929-0001`,
    /// `20250929-10000` or `20250929-000001`; nil for anything else.
    public static func parts(ofTicketNumber number: some StringProtocol) -> (day: Substring, sequence: Int)? {
        let text = Substring(number)
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].count == 8, (1...9).contains(fields[1].count),
            fields.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let sequence = Int(fields[1])
        else { return nil }
        return (fields[0], sequence)
    }
}
