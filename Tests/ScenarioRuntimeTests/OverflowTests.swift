@testable import ScenarioRuntime
import Testing

/// Arithmetic on the scenario's integers stops the run with a runtime error at the step instead of
/// wrapping around (`increment` of the largest integer used to give the smallest) or trapping.
@Suite("Integer overflow")
struct OverflowTests {
    /// A one-instance scenario whose step at line 6, column 7 is `verb: v` (`by: amount`).
    struct Case: Sendable, CustomTestStringConvertible {
        var initial: String
        var verb: String
        var amount: String?
        var message: String

        var testDescription: String { "v: \(initial), \(verb) by \(amount ?? "1")" }

        var scenario: String {
            """
            scenario: Overflow
            variables:
              v: \(initial)
            workers:
              w:
                - \(verb): v
            \(amount.map { "      by: \($0)\n" } ?? "")    - log: "never printed"
            """
        }
    }

    static let overflowing: [Case] = [
        .init(initial: "9223372036854775807", verb: "increment",
              message: "'w' increments 'v' past the largest integer (9223372036854775807)"),
        .init(initial: "1", verb: "increment", amount: "9223372036854775807",
              message: "'w' increments 'v' past the largest integer (9223372036854775807)"),
        .init(initial: "-9223372036854775808", verb: "decrement",
              message: "'w' decrements 'v' past the smallest integer (-9223372036854775808)"),
        .init(initial: "-9223372036854775808", verb: "increment", amount: "-1",
              message: "'w' increments 'v' past the smallest integer (-9223372036854775808)"),
        .init(initial: "0", verb: "decrement", amount: "-9223372036854775808",
              message: "'w' decrements 'v' past the largest integer (9223372036854775807)"),
        .init(initial: "9223372036854775807", verb: "decrement", amount: "-1",
              message: "'w' decrements 'v' past the largest integer (9223372036854775807)"),
        .init(initial: "-9223372036854775807", verb: "increment", amount: "\"{v}\"",
              message: "'w' increments 'v' past the smallest integer (-9223372036854775808)"),
    ]

    @Test(arguments: overflowing)
    func anIncrementPastTheIntegersIsARuntimeErrorAtTheStep(_ overflow: Case) throws {
        let report = try runScenario(overflow.scenario)
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.message == overflow.message)
        #expect(error.location == "test.yaml:6:7")
        #expect(report.instance("w")?.status == .failed)
        #expect(!report.events.contains { $0.value == .text("never printed") })
        #expect(report.variable("v") == Int(overflow.initial), "the variable changed")
        #expect(!report.events.contains { $0.kind == .increment || $0.kind == .decrement })
    }

    @Test func reachingTheEndsOfTheIntegersIsFine() throws {
        let report = try runScenario("""
            scenario: To the ends
            variables:
              top: 9223372036854775806
              bottom: -9223372036854775807
              flip: -1
            workers:
              w:
                - increment: top
                - decrement: bottom
                - decrement: flip
                  by: -9223372036854775808
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("top") == Int.max)
        #expect(report.variable("bottom") == Int.min)
        #expect(report.variable("flip") == Int.max)
    }

    /// A semaphore's permits are unbounded on release, as in Python, but must not wrap around.
    @Test func releasingASemaphorePastTheLargestCountIsARuntimeError() throws {
        let report = try runScenario("""
            scenario: Too many permits
            semaphores:
              s: 9223372036854775807
            workers:
              w:
                - release: s
            """)
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.error?.message == "'w' releases semaphore 's' past the largest number of permits (9223372036854775807)")
        #expect(report.error?.location == "test.yaml:6:7")
        #expect(report.contention.first { $0.name == "s" }?.acquisitions == 0)
    }

    /// A `--speed` so low that a scaled duration does not fit in the integers waits "forever" (until
    /// the time-out) instead of trapping.
    @Test func aTinySpeedMakesAnEndlessSleepNotACrash() throws {
        let report = try runScenario("""
            scenario: Slow
            workers:
              w:
                - sleep: 1ms
              v:
                - work: 1ms
            """, speed: 1e-300, timeout: 0.3)
        #expect(report.status == .timeout, "\(report.brief)")
    }

    /// Total waiting time saturates rather than trapping (reachable only with thousands of instances
    /// waiting for years, but a trap would lose the whole report).
    @Test func theTotalWaitOfALockSaturates() {
        var counter = ContentionCounter()
        counter.totalWait = .max - 1
        counter.count(waitedSince: 0, now: 1_000_000)
        #expect(counter.totalWait == .max)
        #expect(counter.contended == 1)
    }
}
