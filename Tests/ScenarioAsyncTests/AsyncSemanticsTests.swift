import Foundation
import ScenarioAsync
import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioRuntime
import ScenarioValidation
import Testing

// What the async runtime must show a student, asserted on the order of events (never on times,
// which a busy machine stretches): on the event loop, tasks switch only where one waits; on the
// pool, they run in parallel.

private func compile(_ yaml: String) throws -> CompiledScenario {
    let result = FrontEnd.check(Array(yaml.utf8), path: "test.yaml", options: .init(runtime: .async))
    guard let validated = result.scenario else {
        throw ScenarioProblems(text: DiagnosticRenderer(source: result.source).render(result.diagnostics))
    }
    return Compiler.compile(validated, path: "test.yaml")
}

private struct ScenarioProblems: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

private func run(_ yaml: String, executor: AsyncEngine.Executor, speed: Double = 20) async throws -> RunReport {
    let compiled = try compile(yaml)
    // High priority, which the run's tasks inherit: synchronous tests of other suites (waiting for the
    // built binary) occupy threads of the same cooperative pool, and must not starve the run.
    return await Task(priority: .high) {
        await AsyncEngine.run(compiled, options: RunOptions(speed: speed, timeout: 60), executor: executor)
    }.value
}

private let lostUpdate = """
    scenario: Unprotected increments
    variables:
      counter: 0
    workers:
      adder:
        count: 4
        steps:
          - repeat: 20000
            do:
              - increment: counter
    """

@Suite("Async runtime: the event loop")
struct EventLoopTests {
    /// No task is interrupted between the read and the write of an increment.
    @Test func unprotectedIncrementsNeverLoseUpdates() async throws {
        let report = try await run(lostUpdate, executor: .loop)
        #expect(report.status == .ok)
        #expect(report.variables.first { $0.name == "counter" }?.value == 80_000)
        #expect(report.runtime == "async")
        #expect(report.executor == "loop")
    }

    /// `work` holds the loop: no other task has an event between a `work` and its `work_end`,
    /// so the ten works run one after another.
    @Test func workBlocksEveryOtherTask() async throws {
        let report = try await run("""
            scenario: Ten tasks computing
            workers:
              task:
                count: 10
                steps:
                  - work: 100ms
            """, executor: .loop, speed: 10)
        #expect(report.status == .ok)
        var working: Int32?
        var spans = 0
        for event in report.events {
            if let busy = working {
                #expect(event.instance == busy, "\(event.kind) of instance \(event.instance) while \(busy) works")
                if event.kind == .workEnd {
                    working = nil
                    spans += 1
                }
            } else if event.kind == .work {
                working = event.instance
            }
        }
        #expect(spans == 10)
    }

    /// A sleeping task lets the others run: all ten sleeps begin before the first ends.
    @Test func sleepLetsTheOthersRun() async throws {
        let report = try await run("""
            scenario: Ten tasks sleeping
            workers:
              task:
                count: 10
                steps:
                  - sleep: 200ms
            """, executor: .loop, speed: 10)
        #expect(report.status == .ok)
        let kinds = report.events.map(\.kind).filter { $0 == .sleep || $0 == .wake }
        #expect(kinds == Array(repeating: .sleep, count: 10) + Array(repeating: .wake, count: 10))
    }

    /// Tasks start in declaration order, each running until it first waits, as asyncio runs
    /// the tasks that gather made.
    @Test func tasksRunInDeclarationOrderUntilTheyWait() async throws {
        let report = try await run("""
            scenario: Order
            workers:
              task:
                count: 5
                steps:
                  - log: "{i}"
                  - sleep: 10ms
            """, executor: .loop)
        let logs = report.events.compactMap { event -> String? in
            if case .text(let text) = event.value, event.kind == .log { return text }
            return nil
        }
        #expect(logs == ["1", "2", "3", "4", "5"])
    }

    /// On the loop, a deadlock is decided and explained as on threads.
    @Test func aLockCycleDeadlocks() async throws {
        let report = try await run("""
            scenario: Cycle
            locks:
              a: lock
              b: lock
            barriers:
              both: 2
            workers:
              first:
                - with: a
                  do:
                    - wait: both
                    - with: b
                      do: []
              second:
                - with: b
                  do:
                    - wait: both
                    - with: a
                      do: []
            """, executor: .loop)
        #expect(report.status == .deadlock)
        #expect(report.deadlock?.cycle.count == 2)
        #expect(report.instances.allSatisfy { $0.status == .blocked })
    }

    /// 100,000 instances run (a threads run refuses more than 10,000).
    @Test func aHundredThousandInstancesRun() async throws {
        let report = try await run("""
            scenario: Many
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              task:
                count: 100000
                steps:
                  - sleep: 10ms
                  - with: guard
                    do:
                      - increment: counter
            expect:
              counter: 100000
            """, executor: .loop)
        #expect(report.status == .ok)
        #expect(report.instances.count == 100_000)
    }
}

@Suite("Async runtime: the cooperative pool")
struct PoolTests {
    /// Blocking steps suspend: sixteen tasks waiting for one lock in turn all get it, with no
    /// thread held by a waiting task (the pool has only as many threads as cores).
    @Test func waitingTasksHoldNoThread() async throws {
        let report = try await run("""
            scenario: Queue at the lock
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              task:
                count: 16
                steps:
                  - with: guard
                    do:
                      - sleep: 20ms
                      - increment: counter
            expect:
              counter: 16
            """, executor: .pool)
        #expect(report.status == .ok)
        #expect(report.executor == "pool")
    }

    /// The same unprotected increments as on the loop end at most at the exact count; the pool
    /// runs tasks in parallel, so they may lose updates (whether they do depends on the run).
    @Test func unprotectedIncrementsMayRace() async throws {
        let report = try await run(lostUpdate, executor: .pool)
        #expect(report.status == .ok)
        #expect((report.variables.first { $0.name == "counter" }?.value ?? 0) <= 80_000)
    }
}

@Suite("Compiled increments")
struct CompiledIncrementTests {
    /// An increment is a read into the instance's register, then a write: two instructions, so
    /// that an engine scheduling between instructions can interleave them.
    @Test func anIncrementIsALoadThenAnAdd() throws {
        let scenario = try compile("""
            scenario: One increment
            variables:
              v: 0
            workers:
              w:
                - increment: v
                - decrement: v
                  by: 2
            """)
        let operations = scenario.programs[0].map { instruction -> String in
            switch instruction.operation {
            case .load: "load"
            case .add(_, _, let sign): sign > 0 ? "add" : "subtract"
            default: "other"
            }
        }
        #expect(operations == ["load", "add", "load", "subtract"])
    }
}
