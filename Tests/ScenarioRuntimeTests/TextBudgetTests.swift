import ScenarioRuntime
import ScenarioThreads
import Testing

/// Log lines and text items live in memory until the run ends, and one event can carry a long
/// text, so the event limit does not bound them: a 1 KB `log` repeated 10 million times used to
/// abort the process (failed to allocate). Past a budget of bytes, the run stops with a runtime
/// error at the step.
@Suite("Text budget")
struct TextBudgetTests {
    static let kilobyte = String(repeating: "x", count: 1024)

    @Test func aLogLoopStopsAtTheTextBudgetWithAnErrorAtTheStep() throws {
        let compiled = try compileScenario("""
            scenario: Chatty
            workers:
              talker:
                - repeat: 10000000
                  do:
                    - log: "\(Self.kilobyte)"
                - log: "never printed"
              sleeper:
                daemon: true
                steps:
                  - sleep: 1h
            """)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 1, timeout: 600, maximumTextBytes: 100_000))
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.location == "test.yaml:6:11")
        #expect(error.message == "'talker' takes the run's text (log lines and text items) past 100000 bytes, the most one run may keep")
        #expect(report.instance("talker")?.status == .failed)
        #expect(report.instance("sleeper")?.status == .stopped)
        let logged = report.events.filter { $0.kind == .log }
        #expect(logged.count == 100_000 / 1024, "every line that fits is kept, and no other")
        #expect(!report.events.contains { $0.value == .text("never printed") })
        #expect(TimelineCheck.lifecycles(report.events, instances: report.instances).isEmpty)
    }

    @Test func textItemsPutOnAQueueCountToo() throws {
        let compiled = try compileScenario("""
            scenario: Hoarder
            queues:
              pile: 0
            workers:
              producer:
                - repeat: forever
                  do:
                    - put: pile
                      value: "\(Self.kilobyte)"
            """)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 1, timeout: 600, maximumTextBytes: 10_000))
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.error?.location == "test.yaml:8:11")
        #expect(report.error?.message.contains("past 10000 bytes") == true, "\(report.brief)")
        #expect(report.queues.first?.value == 9)
    }

    /// A `get` records the item it took again, without counting its bytes again.
    @Test func anItemTakenFromAQueueIsNotCountedTwice() throws {
        let compiled = try compileScenario("""
            scenario: Passing notes
            queues:
              notes: 1
            workers:
              writer:
                - repeat: 9
                  do:
                    - put: notes
                      value: "\(Self.kilobyte)"
              reader:
                - repeat: 9
                  do:
                    - get: notes
            """)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 1, timeout: 600, maximumTextBytes: 10_000))
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.events.filter { $0.kind == .get }.count == 9)
    }

    @Test func theDefaultBudgetIsOneGibibyte() {
        #expect(RunOptions().maximumTextBytes == 1 << 30)
    }
}

@Suite("Durations in the timeline")
struct DurationEventTests {
    /// `sleep` and `work` events carry the scenario's duration in nanoseconds, whatever `--speed`
    /// does to the wait, so that the timeline can say `sleep 500ms`.
    @Test func sleepAndWorkEventsCarryTheirUnscaledDuration() throws {
        let report = try runScenario("""
            scenario: Durations
            workers:
              w:
                - sleep: 500ms
                - work: 1ms
                - sleep: 2s
            """, speed: 100)
        #expect(report.status == .ok, "\(report.brief)")
        let values = report.events.filter { [.sleep, .work, .wake].contains($0.kind) }.map { "\($0.kind) \($0.value)" }
        #expect(values == [
            "sleep integer(500000000)", "wake none", "work integer(1000000)", "sleep integer(2000000000)", "wake none",
        ])
    }
}
