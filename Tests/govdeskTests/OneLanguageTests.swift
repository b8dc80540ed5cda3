import Foundation
import GRDB
import Testing

/// Issue 13, "one language at a time": the same battery of commands — successes and refusals across tickets, the hall,
/// letters, evaluation, reports, exports and the database — run once with `--lang zh` and once with `--lang en`.
/// Chinese output holds no English word but codes, numbers, options and commands; English output holds no Chinese
/// but data (names, topics, addresses, letter numbers, what people typed).
@Suite(.serialized)
struct OneLanguageTests {
    /// One step of the battery: its arguments, and whether it is meant to be refused.
    struct Step {
        var arguments: [String]
        var refused = false
    }

    static let caller = ["--channel", "phone", "--caller", "欧阳建国", "--phone", "13912345678", "--address", "幸福路1号"]

    /// The battery, in order; `T1`, `T2` and `C1` stand for the numbers of the tickets and the case it makes.
    static let steps: [Step] = [
        Step(arguments: ["dept", "list"]),
        Step(arguments: ["staff", "list", "--limit", "3"]),
        Step(arguments: ["window", "list"]),
        Step(arguments: ["item", "list", "--limit", "3"]),
        Step(arguments: ["officer", "list"]),
        Step(arguments: ["topic", "list", "--limit", "5"]),
        Step(arguments: ["config", "show"]),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-05-12T09:00", "ticket", "new", "--type", "complaint", "--topic",
                "城市管理/市容环境/占道经营", "--text", "门口占道经营",
            ] + caller),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-05-12T10:00", "ticket", "new", "--type", "help", "--topic",
                "城市管理/市容环境/占道经营", "--text", "夜市噪音",
            ] + caller),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-05-12T10:05", "ticket", "new", "--type", "complaint", "--topic",
                "城管/市容/占道", "--text", "占道",
            ] + caller, refused: true),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-05-12T10:06", "ticket", "new", "--type", "complaint", "--topic",
                "城市管理/市容环境/占道经营", "--text", "占道", "--channel", "phone", "--caller", "张三", "--phone", "12",
            ],
            refused: true),
        Step(
            arguments: [
                "--now", "2025-05-12T10:07", "ticket", "new", "--type", "help", "--topic", "城市管理/市容环境/占道经营",
                "--text", "占道",
            ] + caller, refused: true),
        Step(arguments: ["--actor", "cgj1", "--now", "2025-05-12T09:10", "ticket", "sign", "T1"], refused: true),
        Step(
            arguments: ["--actor", "op01", "--now", "2025-05-12T09:20", "ticket", "dispatch", "T1", "--to", "CGJ"],
            refused: true),
        Step(arguments: ["--actor", "pd01", "--now", "2025-05-12T09:30", "ticket", "dispatch", "T1", "--to", "CGJ"]),
        Step(
            arguments: ["--actor", "pd01", "--now", "2025-05-12T09:31", "ticket", "dispatch", "T2", "--to", "NOPE"],
            refused: true),
        Step(arguments: ["--actor", "pd01", "--now", "2025-05-12T10:30", "ticket", "dispatch", "T2", "--to", "CGJ"]),
        Step(arguments: ["--actor", "zjj1", "--now", "2025-05-12T10:40", "ticket", "sign", "T1"], refused: true),
        Step(arguments: ["--actor", "cgj1", "--now", "2025-05-12T10:00", "ticket", "sign", "T1"]),
        Step(
            arguments: [
                "--actor", "cgj1", "--now", "2025-05-12T11:00", "ticket", "extend", "T1", "--days", "40",
                "--reason", "需协调",
            ], refused: true),
        Step(arguments: [
            "--actor", "cgj1", "--now", "2025-05-12T11:01", "ticket", "extend", "T1", "--days", "3",
            "--reason", "需协调",
        ]),
        Step(
            arguments: ["--actor", "sh01", "--now", "2025-05-12T11:02", "ticket", "approve-extension", "T1"],
            refused: true),
        Step(arguments: ["--actor", "db01", "--now", "2025-05-12T11:03", "ticket", "approve-extension", "T1"]),
        Step(arguments: ["--actor", "cgj1", "--now", "2025-05-13T10:00", "ticket", "reply", "T1", "--text", "已劝离"]),
        Step(arguments: ["--actor", "sh01", "--now", "2025-05-13T11:00", "ticket", "approve", "T1"]),
        Step(arguments: [
            "--actor", "op01", "--now", "2025-05-14T11:00", "ticket", "revisit", "T1", "--satisfaction",
            "4", "--resolved", "yes",
        ]),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-05-14T11:05", "ticket", "revisit", "T1", "--satisfaction",
                "3", "--resolved", "yes",
            ], refused: true),
        Step(arguments: ["--actor", "db01", "--now", "2025-05-14T11:10", "ticket", "urge", "T2", "--note", "请尽快"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "ticket", "show", "T1"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "ticket", "show", "T2"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "ticket", "list"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "ticket", "list", "--overdue"]),
        Step(arguments: ["ticket", "show", "20250101-000099"], refused: true),
        Step(arguments: [
            "--actor", "w01", "--now", "2025-05-13T09:00", "case", "new", "--item", "QY001", "--window",
            "A01", "--applicant", "诸葛明亮", "--phone", "13698765432",
        ]),
        Step(arguments: [
            "--actor", "w01", "--now", "2025-05-13T09:30", "case", "request-materials", "C1",
            "--materials", "章程",
        ]),
        Step(arguments: ["--actor", "w03", "--now", "2025-05-13T10:00", "case", "complete", "C1"], refused: true),
        Step(arguments: ["--actor", "w01", "--now", "2025-05-13T15:00", "case", "complete", "C1"]),
        Step(arguments: ["--actor", "w01", "--now", "2025-05-13T15:05", "case", "complete", "C1"], refused: true),
        Step(arguments: [
            "--actor", "w02", "--now", "2025-05-13T15:10", "rate", "C1", "--score", "2", "--comment",
            "等太久",
        ]),
        Step(arguments: ["--actor", "w02", "--now", "2025-05-13T15:11", "rate", "C1", "--score", "9"], refused: true),
        Step(arguments: ["case", "show", "C1"]),
        Step(arguments: ["case", "list"]),
        Step(arguments: ["finding", "list"]),
        Step(arguments: ["--actor", "ty01", "--now", "2025-05-14T10:00", "finding", "verify", "F1"], refused: true),
        Step(arguments: ["finding", "show", "F1"]),
        Step(arguments: ["--actor", "db01", "--now", "2025-06-20T09:00", "letters", "issue"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "letters", "list"]),
        Step(arguments: ["--now", "2025-06-20T09:00", "letters", "show", "L1"]),
        Step(arguments: ["letters", "show", "9"], refused: true),
        Step(arguments: ["--actor", "cgj1", "--now", "2025-06-20T09:10", "letters", "issue"], refused: true),
        Step(
            arguments: ["--actor", "db01", "--now", "2025-05-20T09:00", "eval", "run", "--month", "2025-05"],
            refused: true),
        Step(arguments: ["--actor", "db01", "--now", "2025-06-02T09:00", "eval", "run", "--month", "2025-05"]),
        Step(arguments: ["eval", "show", "--month", "2025-05"]),
        Step(arguments: ["eval", "show", "--month", "2025-04"], refused: true),
        Step(arguments: ["--now", "2025-06-02T09:00", "report", "monthly", "--month", "2025-05", "--format", "table"]),
        Step(arguments: ["--now", "2025-06-02T09:00", "report", "monthly", "--month", "2025-13"], refused: true),
        Step(arguments: ["--now", "2025-06-02T09:00", "report", "departments", "--month", "2025-05"]),
        Step(
            arguments: ["--now", "2025-06-02T09:00", "report", "monthly", "--month", "2025-05", "--format", "csv"],
            refused: true),
        Step(arguments: ["--now", "2025-06-20T09:00", "export", "tickets", "--month", "2025-05", "--out", "OUT/t.csv"]),
        Step(
            arguments: ["--now", "2025-06-20T09:00", "export", "tickets", "--month", "2025-05", "--out", "OUT/t.csv"],
            refused: true),
        Step(
            arguments: ["--actor", "op01", "import", "tickets", "OUT/missing.csv", "--mapping", "nyc311"],
            refused: true),
        Step(arguments: [
            "--actor", "op01", "--now", "2025-06-20T09:00", "import", "tickets", "OUT/import.csv",
            "--mapping", "nyc311",
        ]),
        Step(arguments: ["import", "mappings"]),
        Step(
            arguments: ["--actor", "admin", "dept", "add", "--code", "CGJ", "--name", "重复单位", "--kind", "bureau"],
            refused: true),
        Step(arguments: ["--actor", "cgj1", "dept", "deactivate", "JTJ"], refused: true),
        Step(arguments: ["dept", "list", "--limit", "0"], refused: true),
        Step(arguments: ["--actor", "nobody", "ticket", "list"], refused: true),
        Step(arguments: ["--now", "yesterday", "ticket", "list"], refused: true),
        Step(arguments: ["--actor", "db01", "db", "backup", "OUT/backup.sqlite"]),
        Step(arguments: ["--actor", "db01", "db", "backup", "OUT/backup.sqlite"], refused: true),
        Step(arguments: ["db", "check"]),
        Step(arguments: ["--actor", "op01", "month", "close", "2025-05"], refused: true),
        Step(arguments: ["month", "list"]),
        Step(arguments: ["calendar", "check", "--from", "2025-09-30", "--working-days", "5"]),
        // Refusals of the trust work: a code taken for another, a kind that never changes, a text over its limit (its
        // field named by its option), an extension after the deadline, an unknown rating actor.
        Step(
            arguments: [
                "--actor", "admin", "staff", "add", "--code", "0P01", "--name", "某人", "--dept", "CGJ", "--role",
                "liaison",
            ],
            refused: true),
        Step(arguments: ["init"], refused: true),
        Step(
            arguments: [
                "--actor", "op01", "--now", "2025-06-20T09:05", "ticket", "new", "--type", "help", "--topic",
                "城市管理/市容环境/占道经营", "--text", String(repeating: "长", count: 4001),
            ] + caller, refused: true),
        Step(
            arguments: [
                "--actor", "cgj1", "--now", "2025-06-20T09:10", "ticket", "extend", "T1", "--days", "3",
                "--reason", "需要协调",
            ],
            refused: true),
    ]

    /// A NYC 311 export of one row, for `import tickets`.
    static let importCSV =
        "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,"
        + "Incident Zip,Incident Address,Status,Due Date,Resolution Description,Borough,Open Data Channel Type\r\n"
        + "9,05/05/2025 01:00:00 AM,,NYPD,Police,Noise,Loud,Street,10468,9 MAIN ST,Open,,,BRONX,ONLINE\r\n"

    /// The output of every step, in one language.
    struct Run {
        var cli: CLIHarness
        var outputs: [(step: Step, arguments: [String], status: Int32, text: String)] = []
    }

    /// Runs the battery in a fresh training database with `--lang language`.
    static func run(_ language: String) throws -> Run {
        let cli = try CLIHarness(language: language)
        try cli.ok(["init", "--training"])
        try importCSV.write(
            toFile: cli.folder.appendingPathComponent("import.csv").path, atomically: true, encoding: .utf8)
        var run = Run(cli: cli)
        var names: [String: String] = [:]
        for step in steps {
            let arguments = step.arguments.map { argument in
                names[argument]
                    ?? argument.replacingOccurrences(of: "OUT/", with: cli.folder.path + "/")
            }
            let result = try cli.run(arguments)
            run.outputs.append((step, arguments, result.status, result.stdout + result.stderr))
            // The numbers the battery refers to by name.
            let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
            if arguments.contains("new"), result.status == 0 {
                if arguments.contains("case") {
                    names["C1"] = first
                } else {
                    names[names["T1"] == nil ? "T1" : "T2"] = first
                }
            }
            if arguments.contains("rate"), result.status == 0,
                let finding = result.stdout.range(of: #"ZG\d{8}-\d{6}"#, options: .regularExpression)
            {
                names["F1"] = String(result.stdout[finding])
            }
            if arguments.contains("issue"), result.status == 0,
                let letter = try? DatabaseQueue(path: cli.database).read({
                    try String.fetchOne($0, sql: "SELECT number FROM letter ORDER BY id LIMIT 1")
                })
            {
                names["L1"] = letter
            }
        }
        return run
    }

    /// What the database holds as data: names, codes, topics, letter numbers; with what the battery typed.
    static func data(of cli: CLIHarness) throws -> (values: [String], codes: Set<String>) {
        let queue = try DatabaseQueue(path: cli.database)
        var values: [String] = []
        var codes: Set<String> = []
        try queue.read { db in
            for table in ["department", "staff", "window", "serviceItem", "officer"] {
                values += try String.fetchAll(db, sql: "SELECT name FROM \"\(table)\"")
                codes.formUnion(try String.fetchAll(db, sql: "SELECT code FROM \"\(table)\""))
            }
            let topics = try String.fetchAll(db, sql: "SELECT code FROM topic")
            values += topics
            values += topics.flatMap { $0.split(separator: "/").map(String.init) }
            values += try String.fetchAll(db, sql: "SELECT number FROM letter")
            // A letter is a Chinese document whatever the language of the command that shows it (DESIGN §4); a
            // finding's description is what it was recorded with.
            values += try String.fetchAll(db, sql: "SELECT text FROM letter").flatMap {
                $0.split(separator: "\n").map(String.init)
            }
            values += try String.fetchAll(db, sql: "SELECT description FROM finding")
            values += try String.fetchAll(db, sql: "SELECT area FROM window")
        }
        // What the battery typed: callers, applicants, texts, reasons, notes, materials, comments, item names.
        for step in steps {
            values += step.arguments.filter { $0.unicodeScalars.contains { $0.value >= 0x3000 } }
        }
        // Masked names, the configured letter prefixes, the note GovDesk records when a poor rating assigns its
        // finding, and the built-in mappings' description templates.
        values += ["欧阳建国", "诸葛明亮", "欧**", "诸**", "诸***", "欧***", "潞热线提", "潞热线警", "差评自动交办", "{诉求内容}"]
        return (values.filter { !$0.isEmpty }.sorted { $0.count > $1.count }, codes)
    }

    /// English words left in Chinese output once codes, numbers, options, commands in backticks and paths are taken out.
    static func englishWords(in text: String, folder: String, codes: Set<String>, typed: Set<String>) -> [String] {
        // ArgumentParser's own lines around a validation message stay English (issue 13): its usage and help.
        var rest = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("Usage: ") && !$0.hasPrefix("  See '") && !$0.hasPrefix("Help: ") }
            .joined(separator: "\n")
            .replacingOccurrences(of: "Error: ", with: "")
        rest = rest.replacingOccurrences(
            of: NSRegularExpression.escapedPattern(for: folder) + #"/[^\s（），；：]*"#, with: " ",
            options: .regularExpression)
        rest = rest.replacingOccurrences(of: #"`[^`\n]*`"#, with: " ", options: .regularExpression)
        rest = rest.replacingOccurrences(of: #"govdesk( [a-z][a-z-]*)+"#, with: " ", options: .regularExpression)
        rest = rest.replacingOccurrences(of: #"\bdb (backup|check|seal)\b"#, with: " ", options: .regularExpression)
        // Built-in files and an import mapping's description template (`{Complaint Type}`): data.
        rest = rest.replacingOccurrences(of: #"Config/[^\s（）]*"#, with: " ", options: .regularExpression)
        rest = rest.replacingOccurrences(of: #"\{[^}\n]*\}"#, with: " ", options: .regularExpression)
        rest = rest.replacingOccurrences(of: #"--[a-z][a-z-]*"#, with: " ", options: .regularExpression)
        let allowed = Set([
            "GovDesk", "govdesk", "SQLite", "YAML", "JSON", "CSV", "UTF", "holiday-cn", "Asia", "Shanghai",
            "cn-spreadsheet",
            // `Channel.app` is labelled App in Chinese as well: a loanword, not an English label.
            "App",
        ])
        .union(csvTables)
        var found: [String] = []
        for token in rest.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0))) })
        {
            let word = String(token).trimmingCharacters(in: CharacterSet(charactersIn: "-_."))
            guard word.contains(where: \.isLetter), word.count > 1 else { continue }
            // A number with an English unit (`29d`, `3h`) is a word; other tokens with digits are codes and dates.
            if word.range(of: #"^[0-9]+[a-z]{1,3}$"#, options: .regularExpression) != nil {
                found.append(word)
                continue
            }
            if word.contains(where: \.isNumber) { continue }
            if word == word.uppercased() { continue }  // a department code, CSV, HTML
            if codes.contains(word) || allowed.contains(word) || typed.contains(word) { continue }
            found.append(word)
        }
        return found
    }

    /// The names `report --table` takes.
    static let csvTables: Set<String> = [
        "headline", "departments", "by-type", "by-channel", "topics", "repeat-topics", "letters", "hall-summary",
        "hall-awards",
    ]

    /// What the battery typed after an option (`--actor nobody`, `--now yesterday`): data, in whatever language.
    static let typed: Set<String> = Set(
        steps.flatMap { step in
            zip(step.arguments, step.arguments.dropFirst()).filter { $0.0.hasPrefix("--") && !$0.1.hasPrefix("--") }
                .map(\.1)
        })

    /// A configuration's keys and values, as `config show` prints them: the words of its YAML file.
    static func configurationWords(_ text: String) -> Set<String> {
        var words: Set<String> = []
        for line in text.split(separator: "\n") where line.contains(": ") {
            let key = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
            guard line.hasPrefix("  "), !key.contains(" ") else { continue }
            words.insert(key)
            words.formUnion(
                line.split(separator: ":").dropFirst().joined().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                })
        }
        return words
    }

    /// Chinese characters and punctuation left in English output once the data values are taken out.
    static func chinese(in text: String, data: [String]) -> String? {
        var rest = text
        for value in data { rest = rest.replacingOccurrences(of: value, with: " ") }
        // A value cut short to fit its column (`差评（2 分，不满意）：办件 BJ…`) is still data.
        for value in data where value.count > 2 {
            for length in stride(from: value.count - 1, through: 2, by: -1) {
                rest = rest.replacingOccurrences(of: String(value.prefix(length)) + "…", with: " ")
            }
        }
        let lines = rest.split(separator: "\n").filter { line in
            line.unicodeScalars.contains {
                (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    @Test func everyCommandSpeaksOneLanguage() throws {
        let zh = try Self.run("zh")
        defer { zh.cli.cleanUp() }
        let en = try Self.run("en")
        defer { en.cli.cleanUp() }
        let (values, codes) = try Self.data(of: zh.cli)
        #expect(Self.steps.count >= 60)
        var checked = 0
        for (chinese, english) in zip(zh.outputs, en.outputs) {
            let shown = chinese.step.arguments.joined(separator: " ")
            #expect(chinese.status == english.status, "\(shown): \(chinese.text) / \(english.text)")
            #expect((chinese.status != 0) == chinese.step.refused, "\(shown) → \(chinese.status): \(chinese.text)")
            #expect(!chinese.text.isEmpty && !english.text.isEmpty, "\(shown) printed nothing")
            var typed = Self.typed
            if chinese.step.arguments == ["config", "show"] { typed.formUnion(Self.configurationWords(chinese.text)) }
            let words = Self.englishWords(in: chinese.text, folder: zh.cli.folder.path, codes: codes, typed: typed)
            #expect(words.isEmpty, "zh: \(shown): \(words) in\n\(chinese.text)")
            let mixed = Self.chinese(in: english.text, data: values)
            #expect(mixed == nil, "en: \(shown):\n\(mixed ?? "")")
            checked += 1
        }
        #expect(checked == Self.steps.count)
    }

    /// Issue 13's last item: `db check` of a database changed behind GovDesk's back names its problems — broken event
    /// chains, rows that differ from their events and from the ledger, rows added and deleted, a seal that is not on
    /// the ledger, a schema with an object dropped and one added — in the run's language only, and so does the write
    /// refused on that schema. Chinese lines hold no run of English words (identifiers — numbers, table and object
    /// names, hashes — stay as they are); English lines hold no Chinese character.
    @Test func dbCheckOfATamperedDatabaseSpeaksOneLanguage() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["init", "--training"])
        var numbers: [String] = []
        for (minute, text) in [("00", "停水"), ("20", "水压低")] {
            numbers.append(
                try cli.ok([
                    "--now", "2025-09-01T09:\(minute)", "--actor", "op01", "ticket", "new", "--type", "complaint",
                    "--topic", "公用事业/供水/停水", "--channel", "phone", "--caller", "周敏", "--phone", "13900001111",
                    "--text", text,
                ]))
        }
        for number in numbers {
            try cli.ok(["--now", "2025-09-01T10:00", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
            try cli.ok(["--now", "2025-09-01T11:00", "--actor", "cgj1", "ticket", "sign", number])
            try cli.ok(["--now", "2025-09-02T11:00", "--actor", "cgj1", "ticket", "reply", number, "--text", "已处理"])
        }
        try cli.ok([
            "--actor", "w01", "--now", "2025-10-09T09:00", "case", "new", "--item", "QY001", "--window", "A01",
            "--applicant", "张建国",
        ])

        // With the triggers dropped: an event changed in place, an event deleted from the middle of a history, a
        // ticket's row changed, a role raised, a staff member added, a case's deadline moved. Then the triggers come
        // back but one, and an index is added.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
            try db.execute(
                sql: """
                    UPDATE ticketEvent SET actor = 'db01' WHERE ticketId = 1 AND sequence = 3;
                    DELETE FROM ticketEvent WHERE ticketId = 2 AND sequence = 2;
                    UPDATE ticket SET signDeadline = signDeadline + 864000 WHERE id = 2;
                    UPDATE staff SET roles = 'liaison,reviewer' WHERE code = 'cgj1';
                    INSERT INTO staff (code, name, department, roles, active) VALUES ('evil', '某', 'CGJ', 'admin', 1);
                    UPDATE windowCase SET due = due + 86400;
                    """)
            for trigger in triggers.dropFirst() { try db.execute(sql: trigger["sql"] as String) }
            try db.execute(sql: "CREATE INDEX evil_caller ON ticket (callerPhone)")
        }
        try queue.close()

        let foreignSeal = String(repeating: "0", count: 64)
        let folder = NSRegularExpression.escapedPattern(for: cli.folder.path)
        for language in ["zh", "en"] {
            let check = try cli.run(["--lang", language, "db", "check", "--seal", foreignSeal])
            #expect(check.status == 1, "\(language): \(check.stdout)\(check.stderr)")
            let refused = try cli.run([
                "--lang", language, "--now", "2025-09-03T09:00", "--actor", "sh01", "ticket", "approve", numbers[0],
            ])
            #expect(refused.status == 74, "\(language): \(refused.stderr)")
            let lines = check.stdout.split(separator: "\n").map(String.init) + [refused.stderr]
            #expect(lines.count >= 12, "\(language): \(check.stdout)")
            for line in lines {
                if language == "zh" {
                    // The program's name before a refusal, commands in backticks and the database's path are not words
                    // of the message.
                    let words = line.replacingOccurrences(of: #"^govdesk: "#, with: " ", options: .regularExpression)
                        .replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
                        .replacingOccurrences(of: folder + #"/\S*"#, with: " ", options: .regularExpression)
                    let run = words.range(
                        of: #"[A-Za-z]{2,}(?:[ ,.:;'()-]+[A-Za-z]{2,})+"#, options: .regularExpression)
                    #expect(run == nil, "zh: \(run.map { String(words[$0]) } ?? "") in\n\(line)")
                } else {
                    let chinese = line.unicodeScalars.contains {
                        (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
                    }
                    #expect(!chinese, "en: \(line)")
                }
            }
            // The same problems in both languages, identifiers kept.
            #expect(check.stdout.contains(numbers[0]) && check.stdout.contains("ticketEvent"), "\(check.stdout)")
            if language == "zh" {
                #expect(check.stdout.contains("工单 \(numbers[0]) 的事件链在第 3 条处断开"), "\(check.stdout)")
                #expect(refused.stderr.contains("索引 evil_caller（建在 ticket 表上）不属于 GovDesk"), "\(refused.stderr)")
            } else {
                #expect(
                    check.stdout.contains("ticket \(numbers[0]), event 3: hash does not match its content"),
                    "\(check.stdout)")
                #expect(refused.stderr.contains("index evil_caller on ticket is not GovDesk's"), "\(refused.stderr)")
            }
        }
        // JSON is for scripts: its problems stay English whatever `--lang`.
        let json = try cli.run(["--lang", "zh", "--json", "db", "check"])
        #expect(json.status == 1, "\(json.stderr)")
        #expect(
            json.stdout.contains("ticket \(numbers[0]), event 3: hash does not match its content"), "\(json.stdout)")
    }
}
