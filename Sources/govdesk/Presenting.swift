import Foundation
import GovDeskCore

/// What every presenter has: the reader's language, and `t(zh, en)` to pick a phrase in it.
protocol Presenting {
    var language: Language { get }
}

extension Presenting {
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}

/// A presenter of records with personal data: local times, the command's now, and names and phones masked unless
/// `includePII`.
protocol RecordPresenting: Presenting {
    init(time: LocalTime, language: Language, now: Date, includePII: Bool)
}

extension RecordPresenting {
    init(_ context: CommandContext, includePII: Bool = false) {
        self.init(time: context.localTime, language: context.language, now: context.now, includePII: includePII)
    }
}
