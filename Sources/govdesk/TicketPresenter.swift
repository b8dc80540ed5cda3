import Foundation
import GovDeskCore

/// Turns tickets and events into terminal text or JSON objects, masking personal data unless asked not to.
struct TicketPresenter: RecordPresenting {
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

    func callerName(_ ticket: Ticket) -> String {
        includePII ? ticket.callerName : PersonalData.maskName(ticket.callerName)
    }

    func callerPhone(_ ticket: Ticket) -> String {
        includePII ? ticket.callerPhone : PersonalData.maskPhone(ticket.callerPhone)
    }

    /// `还剩 3d 4h` or `已超期 2d 1h` for an open ticket's deadline.
    func clock(_ deadline: Date, answeredAt: Date?) -> String {
        if let answeredAt {
            return answeredAt <= deadline
                ? t("按时答复", "answered on time")
                : t(
                    "超期答复 \(LocalTime.chineseDuration(answeredAt.timeIntervalSince(deadline)))",
                    "answered late by \(LocalTime.duration(answeredAt.timeIntervalSince(deadline)))")
        }
        let left = deadline.timeIntervalSince(now)
        return left >= 0
            ? t("还剩 \(LocalTime.chineseDuration(left))", "\(LocalTime.duration(left)) left")
            : t("已超期 \(LocalTime.chineseDuration(-left))", "overdue by \(LocalTime.duration(-left))")
    }

    /// One line after an action: what happened and the clock it started or moved.
    func transitionLine(_ ticket: Ticket, _ event: TicketEvent) -> String {
        let from = event.from.map { $0.label(language) } ?? "—"
        var line =
            "\(ticket.number)  \(event.action.label(language)): \(from) → \(event.to.label(language))"
            + "  (\(event.actor), \(time.format(event.at)))"
        switch event.action {
        case .dispatch:
            if let signBy = ticket.signDeadline {
                line += "\n" + t("签收时限 ", "sign by ") + time.format(signBy)
            }
        case .sign, .approveExtension, .reopen:
            if let deadline = ticket.deadline {
                line += "\n" + t("办理时限 ", "deadline ") + deadlineText(deadline, counted: ticket.urgency == .normal)
            }
        case .approve:
            if let onTime = ticket.onTime {
                line += "\n" + (onTime ? t("按时办结", "closed on time") : t("超期办结", "closed late"))
            }
        case .extend:
            if let pending = ticket.pendingExtension {
                line +=
                    "\n"
                    + t(
                        "延期申请 \(pending.days) 个工作日，待督办审批",
                        "extension of \(pending.days) working days requested, awaiting a supervisor")
            }
        default:
            break
        }
        return line
    }

    /// The whole story of a ticket: fields, every clock, the timeline.
    func show(_ ticket: Ticket, events: [TicketEvent], departments: [String: String]) -> String {
        var lines: [String] = []
        lines.append("\(t("工单", "Ticket")) \(ticket.number)  [\(ticket.state.label(language))]")
        lines.append(
            "\(t("类型", "Type")): \(ticket.type.label(language))   \(t("渠道", "Channel")): \(ticket.channel.label(language))"
                + "   \(t("紧急程度", "Urgency")): \(ticket.urgency.label(language))")
        lines.append("\(t("诉求分类", "Topic")): \(shown(ticket.topic))")
        lines.append("\(t("来电人", "Caller")): \(shown(callerName(ticket)))  \(shown(callerPhone(ticket)))")
        if ticket.address != nil || ticket.street != nil {
            let place = [ticket.street, ticket.address].compactMap { $0 }.joined(separator: " ")
            lines.append("\(t("地址", "Address")): \(shown(place))")
        }
        lines.append("\(t("诉求内容", "Description")): \(shownLines(ticket.description))")
        if let source = ticket.sourceSystem {
            lines.append("\(t("来源", "Source")): \(shown(source)) \(shown(ticket.sourceId ?? ""))")
        }
        lines.append("\(t("受理时间", "Created")): \(time.format(ticket.createdAt))")
        if let lead = ticket.leadDepartment {
            var text = "\(t("主办单位", "Lead department")): \(shown(lead)) \(shown(departments[lead] ?? ""))"
            if !ticket.coDepartments.isEmpty {
                text +=
                    "   \(t("协办", "co")): "
                    + ticket.coDepartments.map { "\(shown($0)) \(shown(departments[$0] ?? ""))" }
                    .joined(separator: ", ")
            }
            lines.append(text)
        }
        lines.append(t("时限:", "Clocks:"))
        if let signBy = ticket.signDeadline {
            var text = "  \(t("签收时限", "sign by")) \(time.format(signBy))"
            if let signedAt = ticket.signedAt {
                text += " — \(t("已签收", "signed")) \(time.format(signedAt)) "
                text += signedAt <= signBy ? t("(按时)", "(on time)") : t("(超时)", "(late)")
            } else if ticket.state == .dispatched {
                text += " — " + clock(signBy, answeredAt: nil)
            }
            lines.append(text)
        }
        if let deadline = ticket.deadline {
            var text = "  \(t("办理时限", "deadline")) \(deadlineText(deadline, counted: ticket.urgency == .normal))"
            if ticket.state.isOpen {
                text += " — " + clock(deadline, answeredAt: ticket.repliedAt)
            } else if let answeredAt = ticket.answeredAt, ticket.state == .closed {
                text += " — " + clock(deadline, answeredAt: answeredAt)
            }
            lines.append(text)
        } else if ticket.signDeadline == nil {
            lines.append("  " + t("尚未派单，未起算时限", "not dispatched: no clock running"))
        }
        if let pending = ticket.pendingExtension {
            lines.append(
                "  " + t("延期申请", "extension requested") + " \(pending.days) " + t("个工作日（待审批）", "working days (pending)")
                    + ": \(shownLines(pending.reason))")
        }
        if let reply = ticket.replyText, ticket.state == .replied {
            lines.append(
                "\(t("答复", "Reply")) (\(ticket.replyOutcome?.label(language) ?? "")): \(shownLines(reply))")
        }
        if let answer = ticket.answerText, ticket.state == .closed {
            lines.append("\(t("办结答复", "Answer")): \(shownLines(answer))")
            if let closedAt = ticket.closedAt {
                lines.append("\(t("办结时间", "Closed")): \(time.format(closedAt))")
            }
        }
        if let into = ticket.mergedInto {
            lines.append("\(t("已合并至", "Merged into")): \(shown(into))")
        }
        lines.append("")
        lines.append(t("时间线:", "Timeline:"))
        let rows = events.map { event -> [String] in
            [
                String(event.sequence), time.format(event.at), event.action.label(language),
                "\(event.from.map { $0.label(language) } ?? "—") → \(event.to.label(language))", event.actor,
                backdatedNote(event.at, event.recordedAt, event.details, imported: ticket.sourceSystem != nil)
                    + eventSummary(event),
            ]
        }
        lines.append(
            Output.table(
                ["#", t("时间", "time"), t("动作", "action"), t("状态", "state"), t("操作人", "actor"), t("说明", "details")],
                rows, maxCell: 60))
        return lines.joined(separator: "\n")
    }

    /// The details of an event worth a person's eye, in one short line.
    func eventSummary(_ event: TicketEvent) -> String {
        let d = event.details
        switch event.action {
        case .create:
            return d[DetailKey.topic] ?? ""
        case .dispatch:
            let co = d[DetailKey.co].flatMap { $0.isEmpty ? nil : $0 }
            return "→ \(d[DetailKey.lead] ?? "")" + (co.map { " (\(t("协办", "co")) \($0))" } ?? "")
                + (EpochText.decode(d[DetailKey.signDeadline]).map { "; \(t("签收时限", "sign by")) \(time.format($0))" }
                    ?? "")
        case .sign:
            return EpochText.decode(d[DetailKey.deadline]).map { "\(t("办理时限", "deadline")) \(recordedDeadline($0, d))" }
                ?? ""
        case .extend:
            return "+\(d[DetailKey.days] ?? "?") \(t("个工作日", "working days")): \(d[DetailKey.reason] ?? "")"
        case .approveExtension:
            return EpochText.decode(d[DetailKey.deadline]).map {
                "\(t("新时限", "new deadline")) \(recordedDeadline($0, d))"
            }
                ?? ""
        case .reopen:
            return "\(d[DetailKey.reason] ?? "")"
                + (EpochText.decode(d[DetailKey.deadline]).map {
                    "; \(t("新时限", "new deadline")) \(recordedDeadline($0, d))"
                }
                    ?? "")
        case .reply:
            let outcome = d[DetailKey.outcome].flatMap(ReplyOutcome.init)?.label(language) ?? ""
            return "[\(outcome)] \(d[DetailKey.text] ?? "")"
        case .approve:
            switch d[DetailKey.onTime] {
            case "true": return t("按时", "on time")
            case "false": return t("超期", "late")
            default: return ""
            }
        case .revisit:
            let resolved = d[DetailKey.resolved].flatMap(RevisitResolution.init)?.label(language) ?? ""
            return "\(t("满意度", "satisfaction")) \(d[DetailKey.satisfaction] ?? "?")/5, \(resolved)"
                + (d[DetailKey.note].map { ": \($0)" } ?? "")
        case .merge:
            return "→ \(d[DetailKey.into] ?? "")"
        case .resolve, .importClose:
            return d[DetailKey.text] ?? ""
        case .returnTicket, .reject, .denyExtension:
            return d[DetailKey.reason] ?? ""
        case .urge, .letter:
            return d[DetailKey.note] ?? d[DetailKey.text] ?? ""
        case .recompute:
            return recomputeSummary(d, previousKey: DetailKey.previousDeadline, key: DetailKey.deadline)
        }
    }

    /// The JSON object of `ticket show --json`: the keys of DESIGN §10 and the rest of the ticket.
    func json(_ ticket: Ticket, events: [TicketEvent]?) -> [String: Any] {
        var object: [String: Any] = [
            "number": ticket.number,
            "state": ticket.state.rawValue,
            "department": jsonValue(ticket.leadDepartment),
            "coDepartments": ticket.coDepartments,
            "type": ticket.type.rawValue,
            "channel": ticket.channel.rawValue,
            "urgency": ticket.urgency.rawValue,
            "topic": ticket.topic,
            "callerName": callerName(ticket),
            "callerPhone": callerPhone(ticket),
            "address": jsonValue(ticket.address),
            "street": jsonValue(ticket.street),
            "description": ticket.description,
            "createdAt": time.iso(ticket.createdAt),
            "signDeadline": jsonValue(ticket.signDeadline.map(time.iso)),
            "signedAt": jsonValue(ticket.signedAt.map(time.iso)),
            "deadline": jsonValue(ticket.deadline.map(time.iso)),
            "deadlineProvisional": ticket.urgency == .normal && ticket.deadline.map(isProvisional) == true,
            "overdue": ticket.isOverdue(at: now),
            "repliedAt": jsonValue(ticket.repliedAt.map(time.iso)),
            "closedAt": jsonValue(ticket.closedAt.map(time.iso)),
            "onTime": jsonValue(ticket.onTime),
            "mergedInto": jsonValue(ticket.mergedInto),
        ]
        if let pending = ticket.pendingExtension {
            object["pendingExtension"] = ["days": pending.days, "reason": pending.reason]
        }
        if let events {
            object["events"] = events.map { event -> [String: Any] in
                var details = event.details
                if !includePII, event.action == .create {
                    details[DetailKey.callerName] = details[DetailKey.callerName].map(PersonalData.maskName)
                    details[DetailKey.callerPhone] = details[DetailKey.callerPhone].map(PersonalData.maskPhone)
                }
                return [
                    "sequence": event.sequence, "action": event.action.rawValue,
                    "from": jsonValue(event.from?.rawValue), "to": event.to.rawValue, "actor": event.actor,
                    "at": time.iso(event.at), "recordedAt": jsonValue(event.recordedAt.map(time.iso)),
                    "details": typedDetails(details),
                ]
            }
        }
        return object
    }
}
