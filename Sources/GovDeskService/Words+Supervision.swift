extension Words {
    /// The fixed words of the supervisor's pages (letters, month close, the ranking), merged into `table`. Every key
    /// starts with `sv` so that none repeats a key of `table` (a dictionary literal with a repeated key traps).
    var supervisionTable: [String: String] {
        [
            "svLetterNumber": t("文号", "Number"),
            "svKind": t("类别", "Kind"),
            "svSubjects": t("对象", "Subjects"),
            "svItems": t("件数", "Items"),
            "svIssuedAt": t("签发时间", "Issued"),
            "svIssuedBy": t("签发人", "By"),
            "svYear": t("年度", "Year"),
            "svIssueTitle": t("签发到期督办函", "Issue the letters due now"),
            "svIssueHelp": t(
                "按服务器当前时间扫描未办结的工单、办件和整改事项：已用时限达到提醒比例的发提醒函，超过时限的发预警函。"
                    + "同一时限不重复发函。签发后记入各事项的处理记录，不能撤回。",
                "Scans open tickets, window cases and rectifications at the server's time: a reminder where the "
                    + "configured share of the time has gone, a warning past the deadline. Nothing is issued twice "
                    + "for the same deadline. Issued letters are recorded on each item and cannot be withdrawn."),
            "svIssue": t("签发", "Issue"),
            "svIssuedNow": t("本次签发", "Issued just now"),
            "svLetterList": t("已签发的督办函", "Letters issued"),
            "svBackToLetters": t("返回督办函列表", "Back to the letters"),
            "svMarkdown": t("督办函原文（Markdown，可复制）", "The letter's text (Markdown, to copy)"),
            "svPrint": t("打印本页即为督办函正文（浏览器“打印”）。", "Print this page for the letter (the browser's Print)."),
            "svMonth": t("月份", "Month"),
            "svClosedAt": t("月结时间", "Closed at"),
            "svClosedBy": t("操作人", "By"),
            "svSha": t("通报数字 SHA-256", "Figures' SHA-256"),
            "svLedgerHead": t("账本封记", "Ledger head"),
            "svClosedMonths": t("已月结的月份", "Closed months"),
            "svCloseTitle": t("月结", "Close a month"),
            "svCloseHelp": t(
                "月份须依次月结，且须已经结束。月结时将该月考核定稿（未计算的先计算），存档月度通报数字及账本封记；"
                    + "此后该月及以前不再接受任何生效的记录。下一步将请您确认。",
                "Months close in order, once ended. Closing finalises the month's evaluation (running it first if it "
                    + "never ran) and stores the report's figures with the ledger head; nothing may take effect in the "
                    + "month or before it afterwards. The next step asks you to confirm."),
            "svCloseNext": t("下一步：确认", "Next: confirm"),
            "svConfirmClose": t("确认月结", "Confirm the close of"),
            "svCloseConfirmed": t("确认月结（不可撤销）", "Close it (cannot be undone)"),
            "svCancel": t("取消", "Cancel"),
            "svAwards": t("评选结果", "Awards"),
            "svAward": t("奖项", "Award"),
            "svPosition": t("名次", "Place"),
            "svCode": t("代码", "Code"),
            "svName": t("名称", "Name"),
            "svReason": t("理由", "Reason"),
            "svRank": t("名次", "Rank"),
            "svScore": t("得分", "Score"),
            "svCases": t("办结", "Cases"),
            "svOnTime": t("按时", "On time"),
            "svRatings": t("评价", "Ratings"),
            "svAverage": t("均分", "Average"),
            "svBad": t("差评", "Bad"),
            "svBreaches": t("告知违规", "Breaches"),
            "svFindings": t("核验问题", "Findings"),
            "svManual": t("加减分", "Manual"),
            "svBreakdown": t("得分构成", "Breakdown"),
            "svNotRun": t(
                "本月尚未计算考核。月份结束后可计算；计算结果在定稿前可重新计算。",
                "This month has not been evaluated yet. It can be run once the month has ended, and run again until "
                    + "it is finalised."),
            "svManualScores": t("加减分（如业务考试）", "Manual scores (such as the business exam)"),
            "svStaff": t("工作人员", "Staff member"),
            "svItem": t("项目", "Item"),
            "svPoints": t("分值（-100 至 100，至多两位小数）", "Points (-100 to 100, at most two decimals)"),
            "svPointsShort": t("分值", "Points"),
            "svNote": t("备注", "Note"),
            "svRecordedBy": t("录入人", "By"),
            "svRecordedAt": t("录入时间", "Recorded"),
            "svRunHelp": t(
                "按本月的办件、评价、告知违规、核验问题和加减分计算每位窗口人员和每个窗口的得分，替换此前未定稿的结果。",
                "Scores every window staff member and window from the month's cases, ratings, breaches, verified "
                    + "findings and manual scores, replacing an earlier result that is not final."),
            "svAddScore": t("录入加减分", "Record a manual score"),
            "svFinalize": t("定稿", "Finalise"),
            "svFinalizeHelp": t(
                "定稿后本月考核不再重新计算，也不再接受加减分。", "Once final, the month is never recomputed and takes no more scores."),
            "svComputed": t("计算", "Computed"),
            "svFinalizedBy": t("定稿", "Finalised"),
        ]
    }
}
