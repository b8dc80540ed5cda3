import Testing

@testable import govdesk

struct HallCommandTests {}
