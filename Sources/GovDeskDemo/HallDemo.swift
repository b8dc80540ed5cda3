import Foundation
import GovDeskCore
import GovDeskStore

/// What the hall demo generated.
public struct HallDemoSummary: Equatable, Sendable {
    public var cases = 0
    public var openCases = 0
    public var breaches = 0
    public var ratings = 0
    public var badRatings = 0
    public var findings: [FindingState: Int] = [:]
    public var reopenedFindings = 0
    public var evaluatedMonths: [String] = []
    public var finalizedMonths: [String] = []
}

/// Deterministic demo data for the service hall: cases at every window on every working day of the months, materials
/// requests (some repeated, breaking 一次性告知), completions on time and late, refusals, ratings (some 差评, each
/// opening a rectification), officer and walkthrough findings at every stage, manual scores, and a computed
/// evaluation with awards for each month (all but the last finalised).
public enum HallDemo {
    static let surnames = Array(
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
    static let givenNames = [
        "建国", "秀英", "丽", "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
        "霞", "平", "刚", "桂英", "晓东", "春梅", "志强", "海燕", "建华", "玉兰", "文斌", "晋生", "鹏飞", "佳慧", "雨涵",
    ]
    static let officerFindings: [(FindingKind, String)] = [
        (.slow, "取号后等候超过一小时，叫号屏长时间不更新"),
        (.hard, "网上预约入口难找，老年人不会操作"),
        (.cumbersome, "同一份身份证复印件在两个窗口被要求重复提交"),
        (.attitude, "窗口人员接待时玩手机，解释政策不耐烦"),
        (.cumbersome, "申请表需手工填写三份，内容完全相同"),
        (.slow, "午间只开一个窗口，排队人数超过二十人"),
        (.hard, "一次性告知单与实际要求的材料不一致"),
        (.other, "大厅导办台无人值守，群众找不到办理窗口"),
        (.hard, "自助终端故障未及时报修，无法打印证明"),
        (.slow, "审批环节在科室间流转，承诺时限内未办结"),
    ]
    static let walkthroughFindings: [(FindingKind, String)] = [
        (.cumbersome, "陪同群众办理时发现需往返两个楼层取表"),
        (.hard, "帮办代办窗口未公示代办事项清单"),
        (.slow, "材料初审与受理分两次排队"),
        (.attitude, "咨询时被告知“不归我们管”，未履行首问负责"),
    ]
    static let refusals = ["申请人不符合办理条件", "所需材料为伪造", "该事项不属本窗口受理范围，已告知办理地点"]
    static let materials = ["公司章程签字页", "股东身份证复印件", "房屋产权证明原件", "社保缴费明细", "经营场所租赁合同", "委托书"]
    static let comments = ["办事效率高", "窗口人员热情", "等候时间较长", "材料要求讲得不清楚，来回跑了两次", "服务态度差", "流程繁琐"]

    /// Fills `database` (whose reference data is loaded) with the hall's months. Everything is written in one
    /// transaction; the same seed gives the same data. `casesPerWindowDay` is the mean number of cases a staffed
    /// window receives on a working day.
    @discardableResult
    public static func generate(
        into database: GovDeskDatabase, months: [Month], seed: UInt64, rules: DeadlineRules,
        evaluation: GovDeskConfiguration.Evaluation = GovDeskConfiguration.Evaluation(), casesPerWindowDay: Int = 2
    ) throws -> HallDemoSummary {
        let sorted = months.sorted()
        guard let last = sorted.last else { return HallDemoSummary() }
        // The reference data first: the demo changes none of it. Then every write through the store's batch, the
        // public methods' own code in one transaction (`GovDeskDatabase.batch`).
        let reference = Reference(
            windows: try database.windows(), items: try database.items(), officers: try database.officers())
        var summary = try database.batch { batch in
            var generator = Generator(
                batch: batch, reference: reference, rules: rules, rng: SplitMix64(seed: seed),
                horizon: last.interval(in: rules.calendar).upperBound)
            for month in sorted {
                try generator.month(month, casesPerWindowDay: max(0, casesPerWindowDay))
            }
            try generator.progressFindings()
            for month in sorted {
                try generator.manualScores(month)
                let range = month.interval(in: rules.calendar)
                try batch.runEvaluation(
                    month: month, range: range, configuration: evaluation, actor: "admin",
                    at: range.upperBound.addingTimeInterval(9 * 3600))
                generator.summary.evaluatedMonths.append(month.description)
                if month != last {
                    try batch.finalizeEvaluation(
                        month: month, range: range, actor: "admin",
                        at: month.next.interval(in: rules.calendar).lowerBound.addingTimeInterval(5 * 86400))
                    generator.summary.finalizedMonths.append(month.description)
                }
            }
            generator.summary.reopenedFindings = generator.reopened.count
            return generator.summary
        }
        for state in FindingState.allCases {
            var filter = FindingFilter()
            filter.states = [state]
            let count = try database.count(matching: filter)
            if count > 0 { summary.findings[state] = count }
        }
        return summary
    }

    /// The hall's reference data as the demo reads it before writing.
    struct Reference {
        let windows: [ServiceWindow]
        let items: [ServiceItem]
        let officers: [Officer]
    }

    /// The state of one generation run.
    struct Generator {
        let batch: GovDeskDatabase.Batch
        let reference: Reference
        let rules: DeadlineRules
        var rng: SplitMix64
        /// Nothing happens at or after this instant: the end of the last month.
        let horizon: Date
        var summary = HallDemoSummary()
        /// Findings to move along after all cases exist: number and reporting time.
        var findings: [(number: String, at: Date)] = []
        /// Findings sent back at least once.
        var reopened: Set<String> = []

        var calendar: WorkingCalendar { rules.calendar }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }

        mutating func applicant() -> (String, String) {
            let name = String(pick(HallDemo.surnames)) + pick(HallDemo.givenNames)
            let phone =
                pick(["138", "139", "135", "150", "158", "186", "187", "152"])
                + String(format: "%08d", int(0...99_999_999))
            return (name, phone)
        }

        /// A time between 09:00 and 17:00 on `day`.
        mutating func officeTime(_ day: LocalDate) -> Date {
            calendar.startOfDay(day).addingTimeInterval(TimeInterval(9 * 3600 + int(0...(8 * 3600 - 1))))
        }

        /// A time on the `n`-th working day after the day of `instant`.
        mutating func workingTime(after instant: Date, days n: Int) throws -> Date {
            try officeTime(calendar.workingDay(n, after: calendar.localDate(of: instant)))
        }

        mutating func month(_ month: Month, casesPerWindowDay: Int) throws {
            let windows = reference.windows.filter(\.active).map(\.code)
            var staffOf: [String: [String]] = [:]
            var itemsOf: [String: [String]] = [:]
            for window in reference.windows { staffOf[window.code] = window.staff }
            for item in reference.items where item.active {
                for window in item.windows { itemsOf[window, default: []].append(item.code) }
            }
            let workingDays = try month.days.filter { try calendar.isWorkingDay($0) }
            for day in workingDays {
                for window in windows {
                    guard let staff = staffOf[window], !staff.isEmpty, let items = itemsOf[window], !items.isEmpty
                    else { continue }
                    for _ in 0..<int(0...(2 * casesPerWindowDay)) {
                        try oneCase(window: window, staff: staff, items: items, day: day)
                    }
                }
            }
            let officers = reference.officers.filter(\.active).map(\.code)
            guard !workingDays.isEmpty else { return }
            for index in 0..<(officers.isEmpty ? 0 : 10) {
                let (kind, text) = HallDemo.officerFindings[(index + month.month) % HallDemo.officerFindings.count]
                try fileFinding(
                    source: .officer, reporter: pick(officers), kind: kind, text: text, window: pick(windows),
                    at: officeTime(pick(workingDays)))
            }
            for index in 0..<3 {
                let (kind, text) = HallDemo.walkthroughFindings[
                    (index + month.month) % HallDemo.walkthroughFindings.count]
                try fileFinding(
                    source: .walkthrough, reporter: pick(["db01", "db02", "ty01"]), kind: kind, text: text,
                    window: pick(windows), at: officeTime(pick(workingDays)))
            }
        }

        mutating func oneCase(window: String, staff: [String], items: [String], day: LocalDate) throws {
            let received = officeTime(day)
            let receiver = pick(staff)
            let (name, phone) = applicant()
            let c = try batch.createCase(
                item: pick(items), window: window, applicantName: name, applicantPhone: phone, actor: receiver,
                at: received, rules: rules)
            summary.cases += 1
            var clock = received
            if chance(0.14) {
                clock = clock.addingTimeInterval(TimeInterval(int(600...5400)))
                let first = pick(HallDemo.materials)
                _ = try batch.apply(
                    .requestMaterials(materials: first), toCase: c.number, actor: receiver,
                    at: clock,
                    rules: rules, badRatingKind: .other)
                if chance(0.25) {
                    clock = try workingTime(after: clock, days: 1)
                    let asker = pick(staff)
                    if clock < horizon, clock < c.due {
                        _ = try batch.apply(
                            .requestMaterials(materials: pick(HallDemo.materials.filter { $0 != first })),
                            toCase: c.number, actor: asker,
                            at: clock, rules: rules, badRatingKind: .other)
                        summary.breaches += 1
                    }
                }
            }
            let late = chance(0.06)
            var finish: Date
            if late {
                finish = c.due.addingTimeInterval(TimeInterval(int(3600...(3 * 86400))))
            } else {
                // A working day from the last visit's day to the due day, early ones more likely.
                let dueDay = calendar.localDate(of: c.due.addingTimeInterval(-1))
                var days: [LocalDate] = []
                var day = calendar.localDate(of: clock)
                while day <= dueDay {
                    if try calendar.isWorkingDay(day) { days.append(day) }
                    day = day.adding(days: 1)
                }
                let chosen =
                    days.isEmpty
                    ? calendar.localDate(of: clock) : days[min(int(0...(days.count - 1)), int(0...(days.count - 1)))]
                if chosen == calendar.localDate(of: clock) {
                    finish = clock.addingTimeInterval(TimeInterval(int(600...7200)))
                } else {
                    finish = officeTime(chosen)
                }
                if finish > c.due { finish = c.due.addingTimeInterval(-60) }
            }
            guard finish < horizon, finish > clock else {
                summary.openCases += 1
                return
            }
            let refused = chance(0.04)
            _ = try batch.apply(
                refused ? .refuse(reason: pick(HallDemo.refusals)) : .complete(note: nil), toCase: c.number,
                actor: receiver, at: finish, rules: rules, badRatingKind: .other)
            guard chance(0.7) else { return }
            let ratedAt = finish.addingTimeInterval(TimeInterval(int(60...1800)))
            guard ratedAt < horizon else { return }
            // Most applicants are satisfied; a late or refused case is rated lower half the time.
            let roll = int(1...1000)
            var score = roll <= 700 ? 5 : roll <= 920 ? 4 : roll <= 980 ? 3 : roll <= 995 ? 2 : 1
            if late || refused, chance(0.5) { score = max(1, score - 2) }
            let comment: String? =
                score >= 4
                ? (chance(0.3) ? pick(Array(HallDemo.comments.prefix(2))) : nil)
                : pick(Array(HallDemo.comments.suffix(4)))
            let kind: FindingKind = late ? .slow : pick([.attitude, .cumbersome, .hard, .other])
            // Recorded by a colleague at the window, or by a supervisor where the receiver works alone: never by the
            // staff member who handled the case (`CaseMachine.table`).
            let colleagues = staff.filter { $0 != receiver }
            let recorder = colleagues.isEmpty ? "db01" : pick(colleagues)
            let result = try batch.apply(
                .rate(score: score, comment: comment), toCase: c.number, actor: recorder, at: ratedAt, rules: rules,
                badRatingKind: kind)
            summary.ratings += 1
            if let finding = result.finding {
                summary.badRatings += 1
                findings.append((finding.number, ratedAt))
            }
        }

        mutating func fileFinding(
            source: FindingSource, reporter: String, kind: FindingKind, text: String, window: String, at: Date
        ) throws {
            guard at < horizon else { return }
            guard let department = reference.windows.first(where: { $0.code == window })?.department else { return }
            let draft = Finding(
                number: "", source: source, reporter: reporter, reportedAt: at, window: window, item: nil,
                department: department, kind: kind, description: text)
            let finding = try batch.createFinding(draft, actor: "ty01", rules: rules)
            findings.append((finding.number, at))
        }

        /// Moves each finding along as far as the horizon allows: assign, rectify (mostly on time), verify or
        /// send back, so that every stage is present at the end.
        mutating func progressFindings() throws {
            for (number, reportedAt) in findings {
                var finding = try batch.finding(number)
                var clock = reportedAt
                // Findings of the last week are mostly not yet assigned (待交办).
                if finding.state == .open, horizon.timeIntervalSince(reportedAt) < 7 * 86400, chance(0.6) { continue }
                if finding.state == .open {
                    clock = try workingTime(after: clock, days: int(1...3))
                    guard clock < horizon else { continue }
                    finding = try batch.apply(
                        .assign(days: FindingMachine.defaultRectificationDays, note: "请按期整改"), toFinding: number,
                        actor: "ty01", at: clock, rules: rules)
                }
                if chance(0.1) { continue }  // Some are never rectified: overdue if their deadline has passed.
                clock = try workingTime(after: clock, days: chance(0.85) ? int(3...13) : int(16...25))
                guard clock < horizon else { continue }
                finding = try batch.apply(
                    .rectify(note: "已完成整改并建立长效机制"), toFinding: number, actor: "ty02", at: clock, rules: rules)
                // Most are checked within days; some wait for the next round of visits.
                clock = try workingTime(after: clock, days: chance(0.2) ? int(4...8) : int(1...3))
                guard clock < horizon else { continue }
                if chance(0.12) {
                    reopened.insert(number)
                    finding = try batch.apply(
                        .reopen(reason: "复查发现问题仍然存在", days: 10), toFinding: number, actor: "db01", at: clock,
                        rules: rules)
                    clock = try workingTime(after: clock, days: int(2...8))
                    guard clock < horizon else { continue }
                    finding = try batch.apply(
                        .rectify(note: "再次整改，已落实到人"), toFinding: number, actor: "ty02", at: clock, rules: rules)
                    clock = try workingTime(after: clock, days: 1)
                    guard clock < horizon else { continue }
                }
                _ = try batch.apply(
                    .verify(note: "现场核验通过"), toFinding: number, actor: "ty01", at: clock, rules: rules)
            }
        }

        mutating func manualScores(_ month: Month) throws {
            let staff = Set(reference.windows.flatMap(\.staff)).sorted()
            let at = month.interval(in: calendar).upperBound.addingTimeInterval(-6 * 3600)
            for code in staff {
                let points = Double(int(0...10)) / 2
                try batch.addManualScore(
                    month: month, staff: code, item: "业务考试", points: points, note: nil, actor: "admin", at: at)
            }
        }
    }
}
