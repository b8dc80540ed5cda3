import GovDeskCore

// The demo's messages, English then Chinese.

extension DemoGenerationError {
    public var englishMessage: String {
        switch self {
        case .missingStaff(let role):
            return "the seeds have no active \(role.englishLabel); the demo needs operators, dispatchers, reviewers, "
                + "supervisors and department liaisons"
        case .noTopics: return "no topic of topics.yaml names a department with a liaison; the demo needs at least one"
        case .invalidPeriod(let message), .noCalendar(let message): return message.english
        }
    }
}

extension DemoGenerationError {
    public var chineseMessage: String {
        switch self {
        case .missingStaff(let role):
            return "种子数据中没有在岗的\(role.chineseLabel)；演示需要受理员、派单员、审核员、督办和各单位的承办人"
        case .noTopics: return "topics.yaml 中没有一个诉求分类的主办单位有承办人；演示至少需要一个"
        case .invalidPeriod(let message), .noCalendar(let message): return message.chinese
        }
    }
}
