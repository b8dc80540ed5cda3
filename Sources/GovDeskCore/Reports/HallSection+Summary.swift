import Foundation

extension HallSection {
    /// The hall's part of the monthly closure report (DESIGN §6.2): cases, ratings, 一次性告知 breaches, findings
    /// and, when the evaluation was run, its awards. The JSON key `hall` carries the same figures.
    public init(_ summary: HallMonthSummary, language: Language) {
        let l = ReportLabels(language)
        let figures: [(String, String)] = [
            (l.t("受理件数", "Cases received"), String(summary.casesReceived)),
            (l.t("办结件数", "Cases finished"), String(summary.casesFinished)),
            (l.t("按时办结率", "On-time completion rate"), l.percent(summary.onTimeRate)),
            (l.t("一次办结率", "One-visit rate"), l.percent(summary.oneVisitRate)),
            (l.t("平均评分", "Average rating"), Self.rating(summary.averageRating, count: summary.ratings, l)),
            (l.t("差评", "Bad ratings"), String(summary.badRatings)),
            (l.t("一次性告知违规", "One-time-notification breaches"), String(summary.breaches)),
            (l.t("新增问题", "Findings opened"), String(summary.findingsOpened)),
            (l.t("已整改", "Findings rectified"), String(summary.findingsRectified)),
            (l.t("已核验", "Findings verified"), String(summary.findingsVerified)),
            (l.t("月末未整改", "Findings open at month end"), String(summary.findingsOpen)),
            (l.t("月末逾期", "Findings overdue at month end"), String(summary.findingsOverdue)),
        ]
        var tables = [
            ReportTable(
                title: l.t("政务服务大厅", "Service hall"), headers: [l.t("指标", "figure"), l.t("本月", "this month")],
                rows: figures.map { [$0.0, $0.1] }, numericColumns: [1], key: "hall-summary")
        ]
        let awardsTitle = l.t("月度考评表彰", "Evaluation awards")
        if let awards = summary.awards {
            tables.append(
                ReportTable(
                    title: awardsTitle,
                    headers: [
                        l.t("奖项", "award"), l.t("名次", "place"), l.t("获奖者", "winner"),
                        l.t("理由", "reason"),
                    ],
                    rows: awards.map { a in
                        [
                            a.award.label(language), String(a.position), "\(a.name) (\(a.code))",
                            l.t(a.reasonZh, a.reasonEn),
                        ]
                    }, numericColumns: [1], note: awards.isEmpty ? l.t("本月无人获奖。", "No awards this month.") : nil,
                    key: "hall-awards"))
        } else {
            tables.append(
                ReportTable(
                    title: awardsTitle, headers: [], rows: [],
                    note: l.t("本月考评尚未进行。", "The month's evaluation has not been run."), key: "hall-awards"))
        }
        typealias M = ReportJSON.Member
        let awardsJSON: ReportJSON =
            summary.awards.map { awards in
                .array(
                    awards.map { a in
                        .object([
                            M("award", .string(a.award.rawValue)), M("position", .int(a.position)),
                            M("subject", .string(a.subject.rawValue)), M("code", .string(a.code)),
                            M("name", .string(a.name)), M("reason", .string(a.reasonEn)),
                        ])
                    })
            } ?? .null
        let json = ReportJSON.object([
            M("casesReceived", .int(summary.casesReceived)), M("casesFinished", .int(summary.casesFinished)),
            M("onTimeRate", .fraction(summary.onTimeRate)), M("oneVisitRate", .fraction(summary.oneVisitRate)),
            M("ratings", .int(summary.ratings)), M("averageRating", .fraction(summary.averageRating)),
            M("badRatings", .int(summary.badRatings)), M("breaches", .int(summary.breaches)),
            M(
                "findings",
                .object([
                    M("opened", .int(summary.findingsOpened)), M("rectified", .int(summary.findingsRectified)),
                    M("verified", .int(summary.findingsVerified)), M("open", .int(summary.findingsOpen)),
                    M("overdue", .int(summary.findingsOverdue)),
                ])),
            M("awards", awardsJSON),
        ])
        self.init(tables: tables, json: json, summary: summary)
    }

    /// `4.25 (8)`: the average to two places and how many ratings it rests on; `—` without ratings.
    private static func rating(_ average: Double?, count: Int, _ l: ReportLabels) -> String {
        guard let average else { return "—" }
        return String(format: "%.2f", average) + " (\(count))"
    }
}
