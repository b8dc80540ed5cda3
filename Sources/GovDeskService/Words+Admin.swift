import GovDeskCore

extension Words {
    /// The administrator's pages: log-in locks and API clients.
    var adminTable: [String: String] {
        [
            "lockedOut": t("登录已锁定", "Locked out"),
            "lockedHelp": t(
                "连续 5 次登录失败的工号锁定 15 分钟。确认是本人后可提前解除（记入审计日志）。",
                "A code with 5 failed log-ins in a row is locked for 15 minutes. Once you know it is the person, you may "
                    + "let them in sooner (audited)."),
            "lockedUntil": t("锁定至", "Locked until"),
            "unlock": t("解除锁定", "Unlock"),
            "apiClientsHelp": t(
                "接口客户端通过 Open311（/open311/v2/）提交诉求，每个客户端一个密钥；密钥只在添加时显示一次。吊销后其请求被拒绝，已提交的工单保留。",
                "API clients send requests through Open311 (/open311/v2/), each with a key of its own, shown once when "
                    + "the client is added. A revoked client's requests are refused; its tickets stay."),
            "clientName": t("客户端名称", "Client"),
            "addedAt": t("添加时间", "Added"),
            "addedBy": t("添加人", "By"),
            "revoke": t("吊销密钥", "Revoke the key"),
            "addClient": t("添加客户端", "Add a client"),
            "channelApp": t("App", "App"),
            "channelWeb": t("网站", "Website"),
            "keyOnce": t("新密钥（只显示这一次）", "The new key (shown this once)"),
            "keyOnceHelp": t(
                "请立即复制并交给该客户端的负责人。GovDesk 只保存密钥的 SHA-256，离开本页后无法再查看；遗失只能吊销后重新添加。",
                "Copy it now and give it to the client's owner. GovDesk keeps only its SHA-256: once you leave this "
                    + "page it cannot be shown again; a lost key means revoking the client and adding a new one."),
        ]
    }
}
