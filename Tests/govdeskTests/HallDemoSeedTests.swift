import Foundation
import GovDeskCore
import GovDeskDemo
import GovDeskStore
import Testing

@testable import govdesk

/// The hall demo over the real seeds, as `govdesk demo` will run it.
struct HallDemoSeedTests {
    @Test func theDemoRunsOverTheBuiltInSeeds() throws {
        let database = try GovDeskDatabase.inMemory()
        try database.load(try SeedLoader(directory: nil).referenceData())
        let loader = ConfigLoader(directory: nil)
        let configuration = GovDeskConfiguration()
        let rules = DeadlineRules(calendar: try loader.workingCalendar(configuration), limits: configuration.limits)
        let started = Date()
        let summary = try HallDemo.generate(
            into: database, months: [Month(year: 2025, month: 9)!], seed: 12345, rules: rules)
        print("hall demo, one month over the seeds: \(summary) in \(Date().timeIntervalSince(started)) s")
        #expect(summary.cases > 500)
        #expect(summary.badRatings > 0)
        let record = try database.evaluation(month: Month(year: 2025, month: 9)!)
        #expect(record.outcome.results.filter { $0.figures.subject == .window }.count == 28)
        #expect(record.outcome.awards.filter { $0.award == .bestWindow }.count == 3)
        #expect(record.outcome.awards.filter { $0.award == .serviceStar }.count == 5)
        #expect(record.outcome.awards.filter { $0.award == .businessModel }.count == 3)
    }
}
