import Foundation
import GovDeskCore
import GovDeskStore

/// Text and JSON of windows, items, cases, findings and evaluations; personal data masked unless asked not to.
struct HallPresenter: RecordPresenting {
    let time: LocalTime
    let language: Language
    let now: Date
    var includePII = false
    var calendarYears: Set<Int>?

    init(time: LocalTime, language: Language, now: Date, includePII: Bool) {
        self.time = time
        self.language = language
        self.now = now
        self.includePII = includePII
    }

    static func committed(_ days: Int, _ t: (String, String) -> String) -> String {
        days == 0 ? t("即办", "same day") : t("\(days) 个工作日", "\(days) working days")
    }

    static func json(_ w: ServiceWindow) -> [String: Any] {
        [
            "code": w.code, "name": w.name, "department": w.department, "area": jsonValue(w.area), "staff": w.staff,
            "active": w.active,
        ]
    }

    static func json(_ i: ServiceItem) -> [String: Any] {
        [
            "code": i.code, "name": i.name, "department": i.department, "committedDays": i.committedDays,
            "windows": i.windows, "active": i.active,
        ]
    }

    func applicant(_ c: WindowCase) -> String {
        includePII ? c.applicantName : PersonalData.maskName(c.applicantName)
    }

    func phone(_ c: WindowCase) -> String {
        includePII ? c.applicantPhone : PersonalData.maskPhone(c.applicantPhone)
    }

    /// `还剩 …`, `已超期 …`, `按时办结`, `超期办结 …`.
    func clock(_ c: WindowCase) -> String {
        if let finished = c.finishedAt {
            return finished <= c.due
                ? t("按时", "on time")
                : t(
                    "超期 \(LocalTime.chineseDuration(finished.timeIntervalSince(c.due)))",
                    "late by \(LocalTime.duration(finished.timeIntervalSince(c.due)))")
        }
        let left = c.due.timeIntervalSince(now)
        return left >= 0
            ? t("还剩 \(LocalTime.chineseDuration(left))", "\(LocalTime.duration(left)) left")
            : t("已超期 \(LocalTime.chineseDuration(-left))", "overdue by \(LocalTime.duration(-left))")
    }

    func json(_ c: WindowCase, events: [CaseEvent]?) -> [String: Any] {
        var o: [String: Any] = [
            "number": c.number, "item": c.item, "window": c.window, "firstResponsible": c.firstResponsible,
            "applicant": applicant(c), "phone": phone(c), "receivedAt": time.iso(c.receivedAt), "due": time.iso(c.due),
            "dueProvisional": isProvisional(c.due),
            "state": c.state.rawValue, "finishedAt": jsonValue(c.finishedAt.map(time.iso)),
            "onTime": jsonValue(c.onTime), "visits": c.visits, "materialRequests": c.materialRequests,
            "breaches": c.breaches, "rating": jsonValue(c.rating), "refusalReason": jsonValue(c.refusalReason),
            "overdue": c.isOverdue(at: now),
        ]
        if let events {
            o["events"] = events.map { e -> [String: Any] in
                [
                    "sequence": e.sequence, "action": e.action.rawValue, "from": jsonValue(e.from?.rawValue),
                    "to": e.to.rawValue, "actor": e.actor, "at": time.iso(e.at), "breach": e.breach, "visits": e.visits,
                    "details": typedDetails(e.details),
                ]
            }
        }
        return o
    }

    func line(_ c: WindowCase, _ e: CaseEvent) -> String {
        let from = e.from.map { $0.label(language) } ?? "—"
        var text =
            "\(c.number)  \(e.action.label(language)): \(from) → \(e.to.label(language))  (\(e.actor), \(time.format(e.at)))"
        switch e.action {
        case .receive:
            text +=
                "\n" + t("首问负责 ", "first responsible ") + c.firstResponsible + "   "
                + t("承诺办结 ", "due ") + deadlineText(c.due)
        case .requestMaterials:
            text += "\n" + t("跑动次数 \(c.visits)", "visits \(c.visits)")
            if e.breach {
                text +=
                    "\n"
                    + t(
                        "违反一次性告知：第 \(c.materialRequests) 次要求补正，记 \(e.actor) 违规 1 次",
                        "breach of one-time notification: request \(c.materialRequests) on this case, counted against \(e.actor)"
                    )
            }
        case .complete, .refuse:
            text +=
                "\n" + (c.onTime == true ? t("按时办结", "finished on time") : t("超期办结", "finished late"))
                + t("，跑动 \(c.visits) 次", ", \(c.visits) visit(s)")
        case .rate:
            if let r = c.rating, let level = RatingLevel(rawValue: r) {
                text += "\n" + t("评价 \(r) 分（\(level.chineseLabel)）", "rated \(r) (\(level.englishLabel))")
            }
        case .letter:
            text += "\n" + letterSummary(e.details)
        case .recompute:
            text += "\n" + recomputeSummary(e.details, previousKey: "previousDue", key: "due")
        }
        return text
    }

    func show(_ c: WindowCase, events: [CaseEvent], item: ServiceItem?, window: ServiceWindow?, finding: String?)
        -> String
    {
        var lines: [String] = []
        lines.append("\(t("办件", "Case")) \(c.number)  [\(c.state.label(language))]")
        lines.append(
            "\(t("事项", "Item")): \(c.item) \(shown(item?.name ?? ""))"
                + (item.map { t("（承诺时限 ", " (committed ") + Self.committed($0.committedDays, t) + t("）", ")") } ?? ""))
        lines.append(
            "\(t("窗口", "Window")): \(c.window) \(shown(window?.name ?? ""))   \(t("首问负责", "First responsible")): \(c.firstResponsible)"
        )
        lines.append("\(t("申请人", "Applicant")): \(shown(applicant(c)))  \(shown(phone(c)))")
        lines.append(
            "\(t("受理时间", "Received")): \(time.format(c.receivedAt))   \(t("承诺办结", "Due")): \(deadlineText(c.due))   \(clock(c))"
        )
        lines.append(
            "\(t("跑动次数", "Visits")): \(c.visits)   \(t("补正次数", "Materials requests")): \(c.materialRequests)   \(t("一次性告知违规", "Breaches")): \(c.breaches)"
        )
        if let finished = c.finishedAt { lines.append("\(t("办结时间", "Finished")): \(time.format(finished))") }
        if let reason = c.refusalReason {
            lines.append("\(t("不予办理理由", "Refusal reason")): \(shownLines(reason))")
        }
        if let r = c.rating, let level = RatingLevel(rawValue: r) {
            lines.append(
                "\(t("评价", "Rating")): \(r) \(level.label(language))"
                    + (finding.map { "  → \(t("整改", "finding")) \($0)" } ?? ""))
        }
        lines.append("")
        lines.append(t("办理记录", "Timeline"))
        for e in events {
            var detail = e.details.sorted { $0.key < $1.key }
                .filter { !["due", "item", "window", "onTime", "provisional"].contains($0.key) }
                .map { "\(CLIText.detailLabel($0.key, language)): \($0.value)" }.joined(separator: "; ")
            if e.breach { detail = t("【违反一次性告知】", "[breach] ") + detail }
            if e.action == .letter { detail = letterSummary(e.details) }
            if e.action == .recompute {
                detail = recomputeSummary(e.details, previousKey: "previousDue", key: "due")
            }
            lines.append(
                "  \(e.sequence). \(time.format(e.at))  \(e.action.label(language))  \(e.actor)  \(shown(detail))")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Findings

    func json(_ f: Finding, events: [FindingEvent]?) -> [String: Any] {
        var o: [String: Any] = [
            "number": f.number, "source": f.source.rawValue, "reporter": jsonValue(f.reporter),
            "reportedAt": time.iso(f.reportedAt), "window": jsonValue(f.window), "item": jsonValue(f.item),
            "department": f.department, "staff": jsonValue(f.staff), "kind": f.kind.rawValue,
            "description": f.description, "case": jsonValue(f.caseNumber), "state": f.state.rawValue,
            "deadline": jsonValue(f.deadline.map(time.iso)),
            "deadlineProvisional": f.deadline.map(isProvisional) == true,
            "rectifiedAt": jsonValue(f.rectifiedAt.map(time.iso)),
            "verifiedAt": jsonValue(f.verifiedAt.map(time.iso)), "overdue": f.isOverdue(at: now),
            "reopenCount": f.reopenCount,
        ]
        if let events {
            o["events"] = events.map { e -> [String: Any] in
                [
                    "sequence": e.sequence, "action": e.action.rawValue, "from": jsonValue(e.from?.rawValue),
                    "to": e.to.rawValue, "actor": e.actor, "at": time.iso(e.at),
                    "deadline": jsonValue(e.deadline.map(time.iso)), "details": typedDetails(e.details),
                ]
            }
        }
        return o
    }

    func findingClock(_ f: Finding) -> String {
        guard f.state == .assigned, let deadline = f.deadline else {
            if let d = f.deadline, let r = f.rectifiedAt {
                return r <= d ? t("按期整改", "rectified on time") : t("逾期整改", "rectified late")
            }
            return "—"
        }
        let left = deadline.timeIntervalSince(now)
        return left >= 0
            ? t("还剩 \(LocalTime.chineseDuration(left))", "\(LocalTime.duration(left)) left")
            : t("已逾期 \(LocalTime.chineseDuration(-left))", "overdue by \(LocalTime.duration(-left))")
    }

    /// A `letter` event's details as `潞热线警〔2026〕第3号 预警函 (deadline 2026-10-20 24:00)`.
    func letterSummary(_ details: [String: String]) -> String {
        let kind = details[LetterDetailKey.kind].flatMap(LetterKind.init).map { " " + $0.label(language) } ?? ""
        let deadline = EpochText.decode(details[DetailKey.deadline]).map {
            t("（时限 ", " (deadline ") + deadlineText($0) + t("）", ")")
        }
        return (details[LetterDetailKey.letterNumber] ?? "") + kind + (deadline ?? "")
    }

    func line(_ f: Finding, _ e: FindingEvent) -> String {
        let from = e.from.map { $0.label(language) } ?? "—"
        var text =
            "\(f.number)  \(e.action.label(language)): \(from) → \(e.to.label(language))  (\(e.actor), \(time.format(e.at)))"
        if let d = e.deadline { text += "\n" + t("整改期限 ", "rectify by ") + deadlineText(d) }
        return text
    }

    func show(_ f: Finding, events: [FindingEvent]) -> String {
        var lines: [String] = []
        lines.append("\(t("整改事项", "Finding")) \(f.number)  [\(f.state.label(language))]")
        lines.append(
            "\(t("来源", "Source")): \(f.source.label(language))" + (f.reporter.map { "（\(shown($0))）" } ?? "")
                + "   \(t("类别", "Kind")): \(f.kind.label(language))")
        lines.append(
            "\(t("责任单位", "Department")): \(shown(f.department))   \(t("窗口", "Window")): \(shown(f.window ?? "—"))   "
                + "\(t("事项", "Item")): \(shown(f.item ?? "—"))   \(t("责任人", "Staff")): \(shown(f.staff ?? "—"))")
        if let c = f.caseNumber { lines.append("\(t("关联办件", "Case")): \(shown(c))") }
        lines.append("\(t("发现时间", "Reported")): \(time.format(f.reportedAt))")
        lines.append("\(t("问题", "Description")): \(shownLines(f.description))")
        if let d = f.deadline {
            lines.append("\(t("整改期限", "Deadline")): \(deadlineText(d))   \(findingClock(f))")
        }
        if let note = f.rectifyNote { lines.append("\(t("整改情况", "Rectification")): \(shownLines(note))") }
        lines.append("")
        lines.append(t("处理记录", "Timeline"))
        for e in events {
            var detail = e.details.sorted { $0.key < $1.key }
                .filter {
                    ![
                        "deadline", "description", "source", "kind", "department", "window", "item", "staff", "case",
                        "reporter", "provisional",
                    ].contains($0.key)
                }
                .map { "\(CLIText.detailLabel($0.key, language)): \($0.value)" }.joined(separator: "; ")
            if let d = e.deadline {
                detail = t("期限 ", "due ") + recordedDeadline(d, e.details) + (detail.isEmpty ? "" : "; " + detail)
            }
            if e.action == .letter { detail = letterSummary(e.details) }
            if e.action == .recompute {
                detail = recomputeSummary(e.details, previousKey: "previousDeadline", key: "deadline")
            }
            lines.append(
                "  \(e.sequence). \(time.format(e.at))  \(e.action.label(language))  \(e.actor)  \(shown(detail))")
        }
        return lines.joined(separator: "\n")
    }
}
