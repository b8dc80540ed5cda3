import Foundation
import GovDeskCore

/// Rendering for the terminal and for scripts.
enum Output {
    /// Columns a string takes in a terminal: East Asian wide and full-width characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            if v == 0 || (0x300...0x36F).contains(v) || v == 0x200B { return width }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
                || (0x1F300...0x1F64F).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    /// An aligned table with a header rule; cells wider than `maxCell` are cut with an ellipsis. Cells are one line
    /// each, with control characters shown, not obeyed (`Printable`, DESIGN §11.5): they hold what people typed.
    static func table(
        _ headers: [String], _ rows: [[String]], maxCell: Int = 40, numericColumns: Set<Int> = []
    ) -> String {
        let cut = rows.map { $0.map { truncate(Printable.escaped(oneLine($0)), to: maxCell) } }
        var widths = headers.map(displayWidth)
        for row in cut {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        // Numbers (and their headers) are right-aligned so that their digits line up; text is left-aligned.
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                guard i < widths.count else { return cell }
                if numericColumns.contains(i) {
                    return String(repeating: " ", count: max(0, widths[i] - displayWidth(cell))) + cell
                }
                return i == cells.count - 1 ? cell : pad(cell, to: widths[i])
            }
            .joined(separator: "  ")
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cut.map(line)
        return lines.joined(separator: "\n")
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
    }

    static func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for ch in text {
            let w = displayWidth(String(ch))
            if used + w > width - 1 { break }
            result.append(ch)
            used += w
        }
        return result + "…"
    }

    /// Pretty JSON with sorted keys; `NSNull()` prints as null. What JSONSerialization leaves raw and a terminal would
    /// obey (DEL, C1 controls, bidirectional overrides) is written as a `\uXXXX` escape: the same JSON, safe to print.
    static func json(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { Printable.needsEscape($0, keepsLines: true) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Printable.needsEscape(scalar, keepsLines: true) {
                // Outside strings JSON has no such characters; inside, `\uXXXX` is the same character (all are BMP).
                out.append(contentsOf: String(format: "\\u%04X", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The `errno` of the first write to standard output that failed; nil while every write succeeded.
    nonisolated(unsafe) private(set) static var standardOutputError: Int32?

    /// What the command did that its lost output would have told, for standard error when standard output cannot be
    /// written: `ticket 20261204-000001 was logged, but its number could not be written to standard output`.
    nonisolated(unsafe) static var lostOutputNote: String?

    /// Writes text for a person to standard output: control characters other than line breaks and tabs are shown,
    /// not obeyed (DESIGN §11.5). The presenters escape each typed value already (and keep it on its line); this is
    /// the last guard for everything else a command prints. JSON from `json(_:)` passes unchanged.
    static func print(_ text: String, terminator: String = "\n") {
        printData(Printable.escaped(text, keepsLines: true), terminator: terminator)
    }

    /// Writes a document for a program (CSV, the report's JSON) as it is. Like every write to standard output it goes
    /// through C's buffered stream, whose errors are kept (and reported by `finishStandardOutput()`); `Swift.print`
    /// would drop them.
    static func printData(_ text: String, terminator: String = "\n") {
        write(text)
        write(terminator)
    }

    private static func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Writes bytes to standard output and returns false when they could not all be written.
    @discardableResult
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        guard fwrite(base, 1, bytes.count, stdout) == bytes.count else {
            if standardOutputError == nil { standardOutputError = errno }
            return false
        }
        return true
    }

    /// Writes bytes to standard output, throwing at once when they cannot be written (exports, which may be long).
    static func writeOrThrow(_ bytes: [UInt8]) throws {
        guard bytes.withUnsafeBufferPointer(write) else {
            throw StandardOutputError(code: standardOutputError ?? EIO)
        }
    }

    /// Flushes standard output and returns the one-line message of a failed write, or nil when all was written.
    static func finishStandardOutput() -> String? {
        if fflush(stdout) != 0, standardOutputError == nil { standardOutputError = errno }
        if ferror(stdout) != 0, standardOutputError == nil { standardOutputError = EIO }
        guard let code = standardOutputError else { return nil }
        return StandardOutputError(code: code).description + (lostOutputNote.map { "; " + $0 } ?? "")
    }

    /// One line on standard error, for a person: a warning that does not stop the command.
    static func warn(_ text: String) {
        if let sink = warningSink { return sink(text) }
        writeError("govdesk: \(Printable.escaped(text))\n")
    }

    /// Where warnings go instead of standard error's plain lines: `serve --log-format json` makes them log records.
    nonisolated(unsafe) static var warningSink: ((String) -> Void)?
    /// Where the message of a command that fails goes instead (the same: a log record).
    nonisolated(unsafe) static var errorSink: ((String) -> Void)?

    /// Writes to standard error, ignoring failure: there is nowhere left to report it (`FileHandle.write` would trap).
    static func writeError(_ text: String) {
        _ = fputs(text, stderr)
        _ = fflush(stderr)
    }
}

/// Standard output could not be written (a full disk, a closed pipe): exit 74 (DESIGN §11.5).
struct StandardOutputError: GovDeskError {
    /// The `errno` of the failed write.
    var code: Int32
    var kind: FailureKind { .storage }
    var chineseMessage: String { CLIText.standardOutput(String(cString: strerror(code))).chinese }
    var englishMessage: String { CLIText.standardOutput(String(cString: strerror(code))).english }
}

/// JSON's null for optional values.
func jsonValue(_ value: Any?) -> Any { value ?? NSNull() }
