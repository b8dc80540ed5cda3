import GovDeskCore

extension Words {
    /// The fixed words of the service hall's pages (window cases, 好差评, findings), merged into `table`. Every key
    /// begins with `hall` so that none repeats a key of the ticket pages.
    var hallTable: [String: String] {
        [
            "hallNewCase": t("受理办件", "Receive a case"),
            "hallNewFinding": t("登记问题", "Report a finding"),
            "hallCaseNumber": t("办件号", "Case"),
            "hallFindingNumber": t("编号", "Finding"),
            "hallItem": t("事项", "Service item"),
            "hallWindow": t("窗口", "Window"),
            "hallFirstResponsible": t("首问负责", "First responsible"),
            "hallApplicant": t("申请人", "Applicant"),
            "hallApplicantPhone": t("申请人电话", "Applicant's phone"),
            "hallApplicantName": t("申请人姓名", "Applicant's name"),
            "hallReceivedAt": t("受理时间", "Received"),
            "hallDue": t("承诺时限", "Committed deadline"),
            "hallLeft": t("剩余时间", "Time left"),
            "hallFinishedAt": t("办结时间", "Finished"),
            "hallVisits": t("跑动次数", "Visits"),
            "hallMaterialRequests": t("补正次数", "Materials requests"),
            "hallBreaches": t("一次性告知违规", "One-time notification breaches"),
            "hallRating": t("评价", "Rating"),
            "hallRefusalReason": t("不予办理理由", "Refusal reason"),
            "hallRatingFinding": t("差评整改", "Finding from the rating"),
            "hallReceive": t("受理", "Receive"),
            "hallSource": t("来源", "Source"),
            "hallReporter": t("报告人", "Reporter"),
            "hallKind": t("类别", "Kind"),
            "hallDepartment": t("责任单位", "Responsible department"),
            "hallStaff": t("责任人", "Staff concerned"),
            "hallReportedAt": t("发现时间", "Reported"),
            "hallDescription": t("问题描述", "Description"),
            "hallRectifyBy": t("整改期限", "Rectify by"),
            "hallRectifyNote": t("整改情况", "Rectification"),
            "hallRelatedCase": t("关联办件", "Case"),
            "hallReport": t("登记", "Report"),
            "hallStaffCodeHint": t("工号（可选）", "Staff code (optional)"),
            "hallDepartmentHint": t(
                "不选则为所选窗口或事项的主管单位。", "If none is chosen, the department of the window or item chosen."),
            "hallNewCaseHelp": t(
                "受理人即为首问负责人；承诺时限按事项的承诺工作日计算。申请人姓名和电话为个人信息，列表中只显示遮蔽后的形式。",
                "You become the case's first-responsible staff; the deadline follows the item's committed working days. "
                    + "The applicant's name and phone are personal data: lists show them masked."),
            "hallShowApplicant": t("查看申请人姓名和电话（记入审计日志）", "Show the applicant's name and phone (audited)"),
        ]
    }
}
