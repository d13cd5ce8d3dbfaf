import Foundation
import ScenarioCompiler
import ScenarioRuntime
import ScenarioValidation
import Testing

@testable import ScenarioRendering

/// `StepDurations` finds the step behind each `sleep` and `work` event from the events before it.
@Suite struct StepDurationsTests {
    private func compile(_ yaml: String) throws -> CompiledScenario {
        let result = FrontEnd.check(Array(yaml.utf8), path: "test.yaml")
        let validated = try #require(result.scenario, "the test scenario does not compile")
        return Compiler.compile(validated, path: "test.yaml")
    }

    /// Events for `instance`, numbered from 0, each `(kind, object name or nil)`.
    private func events(_ scenario: CompiledScenario, instance: Int32, _ steps: [(EventKind, String?)]) -> [Event] {
        steps.enumerated().map { index, step in
            let object = step.1.flatMap { name in scenario.objects.firstIndex { $0.name == name } } ?? -1
            return Event(seq: index, nanoseconds: Int64(index), instance: instance, kind: step.0, object: Int32(object))
        }
    }

    /// The values given to the sleep and work events, in order (nil: none).
    private func durations(_ scenario: CompiledScenario, _ events: [Event]) -> [Int?] {
        var tracker = StepDurations(scenario: scenario)
        return events.map { tracker.annotate($0) }.filter { $0.kind == .sleep || $0.kind == .work }.map { event in
            if case .integer(let value) = event.value { value } else { nil }
        }
    }

    @Test func tellsTwoSleepsOfOneLoopApart() throws {
        let scenario = try compile("""
            scenario: fetcher
            queues: {q: 0}
            workers:
              fetcher:
                - repeat: 2
                  do:
                    - log: "fetching"
                    - sleep: 500ms
                    - put: q
                    - sleep: 1s
            """)
        let round: [(EventKind, String?)] = [(.log, nil), (.sleep, nil), (.wake, nil), (.block, "q"), (.put, "q"), (.sleep, nil), (.wake, nil)]
        let timeline = events(scenario, instance: 0, [(.start, nil)] + round + round + [(.finish, nil)])
        #expect(durations(scenario, timeline) == [500_000_000, 1_000_000_000, 500_000_000, 1_000_000_000])
    }

    @Test func aRoundCountReadAtRunTimeIsSettledByTheNextEvent() throws {
        let scenario = try compile("""
            scenario: loop
            variables: {n: 2}
            workers:
              w:
                - repeat: "{n}"
                  do:
                    - log: "round"
                    - work: 10ms
                - sleep: 20ms
                - work: 30ms
            """)
        let timeline = events(
            scenario, instance: 0,
            [(.start, nil), (.log, nil), (.work, nil), (.log, nil), (.work, nil), (.sleep, nil), (.wake, nil), (.work, nil), (.finish, nil)])
        #expect(durations(scenario, timeline) == [10_000_000, 10_000_000, 20_000_000, 30_000_000])
    }

    @Test func anAmbiguousStepGetsNoDuration() throws {
        // `{n}` may be 0, and after a round the next `work` may be the loop's again or the one after it.
        let scenario = try compile("""
            scenario: ambiguous
            variables: {n: 2}
            workers:
              w:
                - repeat: "{n}"
                  do:
                    - work: 10ms
                - work: 20ms
            """)
        let timeline = events(scenario, instance: 0, [(.start, nil), (.work, nil), (.work, nil), (.finish, nil)])
        #expect(durations(scenario, timeline) == [nil, nil])
    }

    @Test func countsTheRoundsOfARepeatWithAWrittenCount() throws {
        let scenario = try compile("""
            scenario: nested
            workers:
              w:
                - repeat: 2
                  do:
                    - repeat: 2
                      do:
                        - work: 1ms
                    - work: 2ms
                - work: 3ms
                - repeat: 0
                  do:
                    - work: 4ms
            """)
        let timeline = events(scenario, instance: 0, [(.start, nil)] + Array(repeating: (.work, nil), count: 7) + [(.finish, nil)])
        #expect(durations(scenario, timeline) == [1, 1, 2, 1, 1, 2, 3].map { $0 * 1_000_000 })
    }

    @Test func aHugeLoopThatRecordsNothingIsNotWalkedRoundByRound() throws {
        let scenario = try compile("""
            scenario: huge
            workers:
              w:
                - repeat: 1000000000
                  do:
                    - repeat: 0
                      do:
                        - log: "never"
                - work: 5ms
            """)
        let timeline = events(scenario, instance: 0, [(.start, nil), (.work, nil), (.finish, nil)])
        #expect(durations(scenario, timeline) == [5_000_000])
    }

    @Test func barriersAndInterleavedInstances() throws {
        let scenario = try compile("""
            scenario: barrier
            barriers: {gate: 2}
            workers:
              a:
                - sleep: 1ms
                - wait: gate
                - work: 2ms
              b:
                - wait: gate
                - sleep: 3ms
            """)
        let a = events(scenario, instance: 0, [(.start, nil), (.sleep, nil), (.wake, nil), (.wait, "gate"), (.pass, "gate"), (.work, nil)])
        let b = events(scenario, instance: 1, [(.start, nil), (.wait, "gate"), (.block, "gate"), (.pass, "gate"), (.sleep, nil)])
        // Interleave: b's events between a's.
        var timeline: [Event] = []
        for index in 0..<max(a.count, b.count) {
            if index < a.count { timeline.append(a[index]) }
            if index < b.count { timeline.append(b[index]) }
        }
        var tracker = StepDurations(scenario: scenario)
        let annotated = timeline.map { tracker.annotate($0) }
        let values = annotated.filter { $0.kind == .sleep || $0.kind == .work }.map { ($0.instance, $0.value) }
        #expect(values.map(\.0) == [0, 1, 0])
        #expect(values.map(\.1) == [.integer(1_000_000), .integer(3_000_000), .integer(2_000_000)])
    }

    @Test func findsItsPlaceAgainAfterMissingEvents() throws {
        let scenario = try compile("""
            scenario: gap
            workers:
              w:
                - sleep: 1s
                - log: "between"
                - work: 2s
            """)
        // The start, sleep and wake were not seen.
        let timeline = events(scenario, instance: 0, [(.log, nil), (.work, nil), (.finish, nil)])
        #expect(durations(scenario, timeline) == [2_000_000_000])
    }

    @Test func leavesAnEventThatAlreadyHasAValueAlone() throws {
        let scenario = try compile("""
            scenario: valued
            workers:
              w:
                - sleep: 1s
            """)
        var tracker = StepDurations(scenario: scenario)
        _ = tracker.annotate(Event(seq: 0, nanoseconds: 0, instance: 0, kind: .start))
        let event = Event(seq: 1, nanoseconds: 0, instance: 0, kind: .sleep, value: .integer(7))
        #expect(tracker.annotate(event) == event)
        // An instance the scenario does not have.
        let stranger = Event(seq: 2, nanoseconds: 0, instance: 9, kind: .sleep)
        #expect(tracker.annotate(stranger) == stranger)
    }

    /// A real run of the fetcher example: every sleep and work event gets its step's duration.
    @Test func aRealRunOfTheFetcherExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("scenarios/03-fetcher-processor.yaml"), encoding: .utf8)
        let scenario = try compile(yaml)
        let report = ThreadsEngine.run(scenario, options: RunOptions(speed: 50, timeout: 30))
        #expect(report.status == .ok)
        var tracker = StepDurations(scenario: scenario)
        let annotated = report.events.map { tracker.annotate($0) }
        func values(of name: String, _ kind: EventKind) -> [EventValue] {
            let instance = report.instances.firstIndex { $0.name == name }.map(Int32.init)
            return annotated.filter { $0.instance == instance && $0.kind == kind }.map(\.value)
        }
        let second = EventValue.integer(1_000_000_000)
        let half = EventValue.integer(500_000_000)
        #expect(values(of: "fetcher", .sleep) == [half, second, half, second, half, second])
        #expect(values(of: "processor", .work) == Array(repeating: .integer(300_000_000), count: 3))
    }
}
