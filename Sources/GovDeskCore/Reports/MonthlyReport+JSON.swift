import Foundation

extension MonthlyReport {
    /// The object of `--format json` (DESIGN §6.2): fixed English keys whatever the language, rates as fractions
    /// 0–1 and null when their denominator is 0. The top-level keys are exactly those of §6.2, plus `hall` when
    /// the hall section is present. `previousMonth` and `sameMonthLastYear` say with `hasData` whether the month had
    /// any ticket by its end: their figures are zeros that mean "no data" when it is false.
    public func json() -> ReportJSON {
        typealias M = ReportJSON.Member
        var members: [M] = [M("month", .string(month.description)), M("timeZone", .string(timeZone))]
        members += Self.figureMembers(headline)
        members.append(
            M(
                "topTopics",
                .array(topTopics.map { .object([M("topic", .string($0.topic)), M("count", .int($0.count))]) })))
        members.append(M("departments", .array(departments.map(Self.departmentJSON))))
        members.append(
            M(
                "byType",
                .array(byType.map { .object([M("type", .string($0.type.rawValue))] + Self.figureMembers($0.figures)) }))
        )
        members.append(
            M(
                "byChannel",
                .array(
                    byChannel.map {
                        .object([M("channel", .string($0.channel.rawValue))] + Self.figureMembers($0.figures))
                    })))
        members += Self.recordMembers(headline)
        members.append(
            M(
                "previousMonth",
                .object(
                    [M("month", .string(month.previous.description)), M("hasData", .bool(previousMonthHasData))]
                        + Self.figureMembers(previousMonth) + Self.recordMembers(previousMonth))))
        members.append(
            M(
                "sameMonthLastYear",
                .object(
                    [
                        M("month", .string(month.sameMonthLastYear.description)),
                        M("hasData", .bool(sameMonthLastYearHasData)),
                    ] + Self.figureMembers(sameMonthLastYear) + Self.recordMembers(sameMonthLastYear))))
        if let hall { members.append(M("hall", hall.json)) }
        return .object(members)
    }

    /// The object of `report departments --format json`: `month`, `timeZone` and the ranked `departments`.
    public func departmentsJSON() -> ReportJSON {
        .object([
            .init("month", .string(month.description)), .init("timeZone", .string(timeZone)),
            .init("departments", .array(departments.map(Self.departmentJSON))),
        ])
    }

    /// The headline figures under their §6.2 keys.
    static func figureMembers(_ f: ReportFigures) -> [ReportJSON.Member] {
        typealias M = ReportJSON.Member
        return [
            M("received", .int(f.received)), M("resolvedAtIntake", .int(f.resolvedAtIntake)),
            M("closed", .int(f.closed)),
            M("backlog", .int(f.backlog)), M("overdueBacklog", .int(f.overdueBacklog)),
            M("closureRate", .fraction(f.closureRate.value)), M("onTimeRate", .fraction(f.onTimeRate.value)),
            M("responseRate", .fraction(f.responseRate.value)), M("returnRate", .fraction(f.returnRate.value)),
            M("reopenRate", .fraction(f.reopenRate.value)), M("satisfactionRate", .fraction(f.satisfactionRate.value)),
            M("resolutionRate", .fraction(f.resolutionRate.value)),
            M(
                "handlingHours",
                .object([
                    M("median", .fraction(f.handlingHours.median)), M("mean", .fraction(f.handlingHours.mean)),
                    M("p90", .fraction(f.handlingHours.p90)),
                ])),
        ]
    }

    /// `letters` (documents), `letterEntries` (the tickets they name) and `backdated` (DESIGN §6.1).
    static func recordMembers(_ f: ReportFigures) -> [ReportJSON.Member] {
        [
            .init("letters", lettersJSON(f.letters)), .init("letterEntries", lettersJSON(f.letterEntries)),
            .init("backdated", .int(f.backdated)),
        ]
    }

    static func lettersJSON(_ letters: LetterCounts) -> ReportJSON {
        .object([
            .init("reminder", .int(letters.reminder)), .init("warning", .int(letters.warning)),
            .init("total", .int(letters.total)),
        ])
    }

    static func departmentJSON(_ line: DepartmentLine) -> ReportJSON {
        typealias M = ReportJSON.Member
        return .object(
            [M("code", .string(line.code)), M("name", .string(line.name))] + figureMembers(line.figures) + [
                M("returns", .int(line.figures.returns)), M("reopens", .int(line.figures.reopens)),
            ] + recordMembers(line.figures) + [
                M("score", .fraction(line.score)), M("rank", .int(line.rank)),
                M("list", line.mark.map { .string($0.rawValue) } ?? .null),
            ])
    }
}
