import Foundation
import GovDeskCore
import Testing

@testable import govdesk

struct ConfigLoaderTests {
    func makeFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "govdesk-config-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func anEmptyOrMissingFileMeansTheDefaults() throws {
        #expect(try ConfigLoader(directory: try makeFolder([:])).configuration() == GovDeskConfiguration())
        #expect(
            try ConfigLoader(directory: try makeFolder(["govdesk.yaml": ""])).configuration() == GovDeskConfiguration())
        #expect(try ConfigLoader(directory: nil).configuration() == GovDeskConfiguration())
    }

    @Test func keysOverrideDefaults() throws {
        let folder = try makeFolder([
            "govdesk.yaml":
                "timeZone: America/New_York\nlimits:\n  signHours: {urgent: 1}\n  handlingDays: {consult: 2}\n"
        ])
        let config = try ConfigLoader(directory: folder).configuration()
        #expect(config.timeZone == "America/New_York")
        #expect(config.limits.signHours.urgent == 1)
        #expect(config.limits.signHours.normal == 24)
        #expect(config.limits.handlingDays.consult == 2)
        #expect(config.limits.handlingDays.complaint == 10)
    }

    @Test(arguments: [
        ("limits:\n  signHourz: {urgent: 1}\n", "limits.signHourz: unknown key"),
        ("timeZone: Mars/Olympus\n", "timeZone: 'Mars/Olympus' is not a known time zone"),
        ("limits:\n  handlingDays: {complaint: 0}\n", "limits.handlingDays.complaint: 0 is not allowed"),
        ("limits:\n  handlingDays: {complaint: ten}\n", "limits.handlingDays.complaint: expected a whole number"),
        ("language: fr\n", "language"),
        ("version: 2\n", "version 2 is not supported"),
        ("letters: {reminderShare: 1.5}\n", "letters.reminderShare"),
        ("timeZone: [\n", "not valid YAML"),
    ])
    func badValuesNameTheFileAndTheKey(text: String, message: String) throws {
        let folder = try makeFolder(["govdesk.yaml": text])
        #expect {
            try ConfigLoader(directory: folder).configuration()
        } throws: { error in
            let description = "\(error)"
            return (error as? ConfigError)?.kind == .badData && description.contains("govdesk.yaml")
                && description.contains(message)
        }
    }

    @Test func theShippedCalendarFilesEqualTheEmbeddedOnes() throws {
        let root = CLIHarness.repositoryRoot
        let fromFiles = try ConfigLoader(directory: root.appendingPathComponent("Config")).calendarYears()
        let embedded = try ConfigLoader(directory: nil).calendarYears()
        #expect(fromFiles == embedded)
        #expect(embedded.map(\.year) == [2024, 2025, 2026])
        let y2025 = try #require(embedded.first { $0.year == 2025 })
        #expect(y2025.notice.contains("国办发明电〔2024〕12号"))
        #expect(y2025.makeUpWorkdays.map(\.date.description).contains("2025-10-11"))
    }

    @Test func aCalendarFileWithAWeekdayMakeUpDayIsRefused() throws {
        let folder = try makeFolder([
            "calendar/2025.yaml":
                "year: 2025\nnotice: test\nholidays: []\nmakeUpWorkdays:\n  - {date: 2025-10-13, name: 周一}\n"
        ])
        let loader = ConfigLoader(directory: folder)
        #expect(throws: ConfigError.self) { try loader.workingCalendar(GovDeskConfiguration()) }
    }

    @Test func aCalendarFileNamedForAnotherYearIsRefused() throws {
        let folder = try makeFolder(["calendar/2027.yaml": "year: 2028\nnotice: test\n"])
        #expect(throws: ConfigError.self) { try ConfigLoader(directory: folder).calendarYears() }
    }

    @Test func theBuiltInSeedsLoad() throws {
        let reference = try SeedLoader(directory: nil).referenceData()
        #expect(reference.departments.count >= 20)
        #expect(reference.staff.filter { $0.roles.contains(.admin) }.map(\.code) == ["admin"])
        let codes = Set(reference.departments.map(\.code))
        #expect(reference.staff.allSatisfy { codes.contains($0.department) })
        for code in ["RX12345", "XZSP", "CGJ", "YXNL"] { #expect(codes.contains(code)) }
    }

    @Test func seedsNamingAMissingDepartmentAreRefused() throws {
        let folder = try makeFolder([
            "departments.yaml": "departments:\n  - {code: A, name: 甲, kind: bureau}\n",
            "staff.yaml": "staff:\n  - {code: x, name: 乙, department: B, roles: [liaison]}\n",
        ])
        #expect {
            try SeedLoader(directory: folder).referenceData()
        } throws: { error in
            "\(error)".contains("staff[0].department: 'B'")
        }
    }

    @Test func displayWidthCountsChineseAsTwoColumns() {
        #expect(Output.displayWidth("abc") == 3)
        #expect(Output.displayWidth("已受理") == 6)
        #expect(Output.displayWidth("A01窗口") == 7)
        let table = Output.table(["号", "name"], [["已受理", "x"], ["a", "y"]])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("已受理  x"))
        #expect(lines[3].hasPrefix("a       y"))
    }
}
