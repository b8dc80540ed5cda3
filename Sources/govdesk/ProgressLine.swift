import Foundation
import GovDeskCore

/// A progress line on standard error for long work (`demo`, `import`, `export`, `db check`, `db backup`): shown only
/// when standard error is a terminal and the command does not print JSON, so that scripts, pipes and `--json` see
/// nothing. The line is rewritten in place — at once when a stage begins, then at most five times a second — and
/// cleared when the work ends, before the command's own output or its error.
final class ProgressLine: @unchecked Sendable {
    /// Whether anything is drawn at all.
    let isEnabled: Bool
    private let language: Language
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0
    private var drawn = false

    /// Enabled when standard error is a terminal and the command's output is not JSON.
    convenience init(_ context: CommandContext) {
        self.init(enabled: isatty(STDERR_FILENO) == 1 && !context.json, language: context.language)
    }

    init(enabled: Bool, language: Language) {
        isEnabled = enabled
        self.language = language
    }

    /// Shows the line that `text` makes, if a fifth of a second has passed since the last one (or `now`). `text` is
    /// called only when the line is drawn.
    func update(now: Bool = false, _ text: (_ t: (String, String) -> String) -> String) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let clock = DispatchTime.now().uptimeNanoseconds
        guard now || !drawn || clock - lastDrawn >= 200_000_000 else { return }
        lastDrawn = clock
        drawn = true
        let line = text { zh, en in language == .zh ? zh : en }
        // Carriage return, the line, then erase what a longer line before it left.
        Output.writeError("\r" + Printable.escaped(line) + "\u{1B}[K")
    }

    /// A new stage: shown at once.
    func stage(_ zh: String, _ en: String) {
        update(now: true) { t in t(zh, en) }
    }

    /// `label n / total` (or `label n` when the total is unknown), throttled.
    func count(_ done: Int, of total: Int?, _ zh: String, _ en: String) {
        update { t in
            let label = t(zh, en)
            guard let total, total > 0 else { return "\(label) \(done)" }
            let percent = min(100, done * 100 / total)
            return "\(label) \(done) / \(max(total, done)) (\(percent)%)"
        }
    }

    /// Clears the line, if one was drawn. Safe to call more than once.
    func finish() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { Output.writeError("\r\u{1B}[K") }
        drawn = false
    }
}
