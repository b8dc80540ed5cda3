import Foundation

extension CalendarYear {
    /// A year from the JSON of the open holiday-cn project: `{"year": …, "papers": […], "days": [{"name", "date",
    /// "isOffDay"}]}`. Days off become holidays, the others make-up working days. The JSON names no notice, so the
    /// caller's `notice` is used, else the notice's address (`papers`), else a note that the data is holiday-cn's.
    public static func holidayCN(json: Data, notice: String?) throws(CalendarError) -> CalendarYear {
        struct File: Decodable {
            struct Day: Decodable {
                var name: String
                var date: String
                var isOffDay: Bool
            }
            var year: Int
            var papers: [String]?
            var days: [Day]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw .invalidData(
                year: 0,
                message: CoreText.notHolidayCN(Self.describe(error)).phrase)
        }
        var holidays: [Day] = []
        var makeUp: [Day] = []
        for day in file.days {
            guard let date = LocalDate(day.date) else {
                throw .invalidData(year: file.year, message: CoreText.notADate(Printable.quoted(day.date)).phrase)
            }
            if day.isOffDay { holidays.append(Day(date, day.name)) } else { makeUp.append(Day(date, day.name)) }
        }
        let source = notice ?? file.papers?.first.map { "holiday-cn \(file.year)：\($0)" } ?? "holiday-cn \(file.year)"
        let year = CalendarYear(
            year: file.year, notice: source, holidays: holidays.sorted { $0.date < $1.date },
            makeUpWorkdays: makeUp.sorted { $0.date < $1.date })
        try year.validate()
        return year
    }

    /// The decoder's complaint in one line: which key, what was wrong.
    private static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "it cannot be read" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "the top level" : keys
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)) lacks \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the file is not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "it cannot be read"
        }
    }
}
