import Foundation
import GovDeskCore

/// Every message the command line words itself: refusals, usage errors, configuration-file errors and the lines that
/// confirm a write. Its Chinese text is in `Messages+zh.swift`, its English text in `Messages+en.swift`.
enum CLIText: Equatable {
    // Output files.
    case cannotCreateIn(String, String, String, String)
    case cannotWrite(String, String)
    case appeared(String)
    case cannotPutInPlace(String, String)
    case namesAFolder(String, String)
    case noFolder(String, String, String)
    case isTheDatabase(String, String)
    case exists(String, String)
    case isSQLite(String, String)
    case isAFolder(String, String)
    case isALink(String, String)
    case notARegularFile(String, String)
    case backupIsTheDatabase(String)
    case notASeal(String)
    // Letters.
    case lettersNotWritten(Int, String, String, String)
    case chooseLetters
    case outIsTheDatabase(String)
    case outIsAFile(String)
    case outNotWritable(String)
    case outCannotBeCreated(String)
    case bareSequence(String)
    // Dates, months and times.
    case notAMonth(String, String)
    case notADate(String, String)
    case notATime(String, String)
    case fromAfterTo(String, String)
    case toNotAfterFrom(String, String)
    case monthOrRange
    case monthNotBegun(String, String)
    case evaluationMonth(String)
    case yearTwice(Int, Int)
    case workingDays(Int)
    case notADuration(String)
    // Options.
    case departmentCode(String)
    case staffCode(String)
    case nameLength(Int)
    case passwordsDiffer
    case cannotServe(String, String)
    case noPasswordOnInput
    case terminalUnreadable
    case noPasswordTyped
    case port(Int)
    case tlsPair
    case trustedProxy(String)
    case kindNeverChanges(path: String, foundTraining: Bool, asked: String)
    case nameTooLong(Int, Int)
    case limit(Int)
    case satisfaction(Int)
    case committedDays(Int)
    case needsWindow
    case phone
    case needsRole
    case adminNameNeedsAdmin
    case sourceRating
    case officerNeedsReporter
    case findingNeedsDepartment
    case needsActor
    case demoMonths(Int)
    case demoTickets(Int)
    case demoWouldOverwrite(String)
    // Topics.
    case topicDeactivated(String)
    case topicNotInTree(String, file: String, nearest: [String])
    // Reports.
    case reportLacksTable(String, [String])
    case noReportFormat(String, String?)
    case tableIsForCSV
    case notATable(String, [String])
    case csvNeedsTable([String])
    case csvOutIsAFile(String)
    // Calendar.
    case missingCalendarYear(Int, loaded: [Int])
    case noticeIsForJSON
    // init and import.
    case strayTopic(String, String, String)
    case noAdministrator
    case noSuchGroup(String)
    case groupOnExisting(String)
    case noSuchMapping(String, [String])
    // Stored values.
    case storedRulesUnreadable(String, String, String)
    case storedCalendarUnreadable(Int, String)
    // Configuration files.
    case configDetail(String)
    case tooManyAliases(Int, Int)
    case notYAML(String)
    case seedsRequired
    case seedField(at: String, field: String, String)
    case noSuchFolder(String, String)
    case yearMismatch(Int, String)
    case noSuchFile
    case isAFolderGiveFile
    case tooLarge(Int, Int)
    case notUTF8Text
    // db.
    case checkFailed(Int)
    case nothingToSeal(String)
    case standardOutput(String)
    case sqliteFailure(String)
    case fileError(String)
    // Confirmations and db check.
    case exported(Int, String, String, String, String)
    case imported(String, rows: Int, new: Int, existing: Int)
    case dryRun(String, rows: Int, new: Int, existing: Int)
    case builtIn(String)
    case chainsVerified(tickets: Int, cases: Int, findings: Int)
    case ledgerVerified(Int, sealed: Bool)
    case checked(tickets: Int, events: Int, problems: Int?)
    // API clients.
    case apiKeyAdded(String, String)
    case apiKeyRevoked(String)
    case apiKeyValid
    case apiKeyRevokedState(String, String)

    var phrase: Phrase { Phrase(chinese: chinese, english: english) }

    func text(_ language: Language) -> String { language == .zh ? chinese : english }

    /// The text in the language a command line asks for before it is parsed, for ArgumentParser's `ValidationError`.
    var early: String { text(CommandLanguage.early) }

    /// An event detail's key as a label: `承诺时限`, `committed days`.
    static func detailLabel(_ key: String, _ language: Language) -> String {
        (language == .zh ? chineseDetailLabels[key] : englishDetailLabels[key]) ?? key
    }

    /// An error's message in `language` when it is GovDesk's own, else its description.
    static func describe(_ error: Error, _ language: Language) -> String {
        (error as? GovDeskError)?.message(language) ?? "\(error)"
    }
}

extension Phrase {
    /// `OPTION: TEXT` in the language the command line asks for, for ArgumentParser's `ValidationError`.
    func early(option: String) -> String {
        "\(option) " + text(CommandLanguage.early)
    }
}

/// The language of a command before its context exists: `--lang` as typed, else the configuration's language (of
/// `--config`, `GOVDESK_CONFIG` or `./Config`), else Chinese.
enum CommandLanguage {
    static let early: Language = {
        let arguments = CommandLine.arguments
        func value(of option: String) -> String? {
            for (index, argument) in arguments.enumerated() {
                if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
                if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
            }
            return nil
        }
        if let lang = value(of: "--lang").flatMap(Language.init(rawValue:)) { return lang }
        let loader = try? ConfigLoader.resolve(
            option: value(of: "--config"), environment: ProcessInfo.processInfo.environment)
        return (try? loader?.configuration().language) ?? .zh
    }()
}
