import Foundation
import GovDeskCore
import Testing

struct GovDeskConfigurationTests {
    func decode(_ json: String) throws -> GovDeskConfiguration {
        try JSONDecoder().decode(GovDeskConfiguration.self, from: Data(json.utf8))
    }

    @Test func theDefaultsEqualDecodingAnEmptyFile() throws {
        #expect(try decode("{}") == GovDeskConfiguration())
    }

    @Test func theDefaultsAreTheDesignsDefaults() {
        let configuration = GovDeskConfiguration()
        #expect(configuration.version == 1)
        #expect(configuration.timeZone == "Asia/Shanghai")
        #expect(configuration.zone.identifier == "Asia/Shanghai")
        #expect(configuration.language == .zh)

        #expect(configuration.letters.reminderShare == 0.8)
    }

    @Test(arguments: [
        #"{"limits": {}}"#,
        #"{"limits": {"signHours": {}, "handlingDays": {}}}"#,
        #"{"letters": {}}"#,
        #"{"version": 1}"#,
    ])
    func emptySectionsAreDefaultsToo(json: String) throws {
        #expect(try decode(json) == GovDeskConfiguration())
    }

    @Test func aKeyChangesOnlyItsValue() throws {
        let configuration = try decode(#"{"limits": {"handlingDays": {"consult": 4}, "signHours": {"urgent": 1}}}"#)
        var expected = GovDeskConfiguration()
        expected.limits.handlingDays.consult = 4
        expected.limits.signHours.urgent = 1
        #expect(configuration == expected)
    }

    @Test func theDefaultsSurviveARoundTrip() throws {
        let data = try JSONEncoder().encode(GovDeskConfiguration())
        #expect(try JSONDecoder().decode(GovDeskConfiguration.self, from: data) == GovDeskConfiguration())
    }

    @Test(arguments: [
        (#"{"limits": {"signHourz": 3}}"#, "limits.signHourz"),
        (#"{"timezone": "Asia/Shanghai"}"#, "timezone"),
        (#"{"limits": {"signHours": {"normall": 24}}}"#, "limits.signHours.normall"),
        (#"{"limits": {"handlingDays": {"complain": 10}}}"#, "limits.handlingDays.complain"),
        (#"{"letters": {"warningShare": 1}}"#, "letters.warningShare"),
    ])
    func anUnknownKeyIsAnErrorNamingItsPath(json: String, path: String) throws {
        let error = try #require(throws: ConfigValueError.self) { try decode(json) }
        #expect(error.path == path)
        #expect(error.description.hasPrefix("\(path): unknown key"))
    }

    /// Two letter kinds may not share a prefix (their numbers would collide), but a database that stored such rules
    /// before the check existed still opens, so that new rules can be applied to it.
    @Test func storedRulesWithOnePrefixForBothKindsAreStillRead() throws {
        let document = #"{"letters": {"reminderPrefix": "潞热线", "warningPrefix": "潞热线"}}"#
        #expect(throws: ConfigValueError.self) { try decode(document) }
        let stored = try GovDeskConfiguration().withRules(of: document)
        #expect(stored.letters.warningPrefix == "潞热线")
    }

    @Test func anUnknownKeyErrorListsTheAllowedKeys() throws {
        let error = try #require(throws: ConfigValueError.self) { try decode(#"{"limits": {"signHourz": 3}}"#) }
        #expect(error.message.contains("signHours, handlingDays, urgentHandlingHours"))
    }

    @Test(arguments: [
        (#"{"limits": {"signHours": {"urgent": 0}}}"#, "limits.signHours.urgent"),
        (#"{"limits": {"signHours": {"normal": 721}}}"#, "limits.signHours.normal"),
        (#"{"limits": {"handlingDays": {"complaint": 61}}}"#, "limits.handlingDays.complaint"),
        (#"{"limits": {"handlingDays": {"praise": 0}}}"#, "limits.handlingDays.praise"),
        (#"{"limits": {"urgentHandlingHours": 0}}"#, "limits.urgentHandlingHours"),
        (#"{"letters": {"reminderShare": 1.0}}"#, "letters.reminderShare"),
        (#"{"letters": {"reminderShare": 0}}"#, "letters.reminderShare"),
        (#"{"letters": {"reminderPrefix": "潞热线", "warningPrefix": "潞热线"}}"#, "letters.warningPrefix"),
        (#"{"letters": {"warningPrefix": "潞热线提"}}"#, "letters.warningPrefix"),
        (#"{"version": 2}"#, "version"),
        (#"{"timeZone": "Mars/Olympus_Mons"}"#, "timeZone"),
    ])
    func anOutOfRangeValueIsAnErrorNamingItsPath(json: String, path: String) throws {
        let error = try #require(throws: ConfigValueError.self) { try decode(json) }
        #expect(error.path == path)
        #expect(error.description.hasPrefix("\(path): "))
        #expect(error.message.contains("not"))
    }

    @Test(arguments: [
        #"{"limits": {"signHours": {"urgent": 1, "normal": 720}}}"#,
        #"{"limits": {"handlingDays": {"complaint": 60, "consult": 1}}}"#,
        #"{"letters": {"reminderShare": 0.5}}"#,
        #"{"timeZone": "Asia/Urumqi"}"#,
    ])
    func valuesAtTheBoundsAreAccepted(json: String) throws {
        #expect(throws: Never.self) { try decode(json) }
    }
}
