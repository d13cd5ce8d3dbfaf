@testable import ScenarioRuntime
import Testing

/// The interpreter reads time only from the run's clock: an engine that keeps time of its own
/// (a simulator's virtual clock) gets event times, sleep ends and waits on that clock.
@Suite("The run's clock")
struct ClockSeamTests {
    @Test func sleepsAndEventTimesFollowAManualClock() throws {
        let scenario = try compileScenario("""
            scenario: Virtual time
            workers:
              sleeper:
                - sleep: 2s
                - log: "awake"
            """)
        let clock = ManualClock(1_000)
        let session = RunSession(scenario: scenario, options: RunOptions(), waker: NoWaker(), clock: .manual(clock))
        session.begin()
        let interpreter = Interpreter(context: session.context, instance: 0)
        #expect(interpreter.advance() == .sleep(until: 1_000 + 2_000_000_000))
        clock.advance(to: 1_000 + 2_000_000_000)
        #expect(interpreter.advance() == .finished)
        let events = session.context.recorder.timeline()
        #expect(events.map(\.kind) == [.start, .sleep, .wake, .log, .finish])
        #expect(events.map(\.nanoseconds) == [0, 0, 2_000_000_000, 2_000_000_000, 2_000_000_000])
    }

    @Test func aManualClockNeverGoesBack() {
        let clock = ManualClock(10)
        clock.advance(to: 5)
        #expect(clock.now == 10)
        clock.advance(to: 20)
        #expect(clock.now == 20)
    }
}
