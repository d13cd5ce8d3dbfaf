import ScenarioCompiler
import ScenarioRuntime
import ScenarioValidation
import Testing

/// A run whose pool processes cannot be started (too many open files, too many processes) fails
/// as a whole before it begins, on every runtime that starts real processes: no task is submitted
/// or started, and no `stopped` event says an instance was cut short in something it never began.
@Suite("Process pools that cannot start")
struct ProcessStartFailureTests {
    /// A runner whose processes never start, as when the system refuses them.
    struct RefusingRunner: ProcessTaskRunner {
        func startProcesses(for context: RunContext) -> String? { "cannot start a process of pool 'procs': no, this time" }
        func start(_ task: RemoteTask, context: RunContext, whenDone: @escaping @Sendable (RemoteOutcome) -> Void) {
            preconditionFailure("a task was started although the pool's processes were not")
        }
        func stopAll() {}
    }

    static let scenario = """
        scenario: Processes that cannot start
        variables:
          n: 0
        pools:
          procs: {kind: processes, size: 2}
        workers:
          task:
            count: 5
            pool: procs
            steps:
              - increment: n
          main:
            - log: "main runs"
        """

    @Test(arguments: Engines.all.filter { !$0.name.hasPrefix("simulate") })
    func noInstanceRunsAndTheRunFailsAsAWhole(_ engine: Engine) async throws {
        let checked = FrontEnd.check(Array(Self.scenario.utf8), path: "refused.yaml")
        let compiled = Compiler.compile(try #require(checked.scenario), path: "refused.yaml")
        var options = RunOptions(timeout: 30)
        options.makeProcessRunner = { RefusingRunner() }
        let report = await engine.run(compiled, options)
        #expect(report.status == .error)
        #expect(report.error?.message == "cannot start a process of pool 'procs': no, this time")
        #expect(report.events.map { "\($0.kind)" } == [], "no submit, start or stopped event")
        #expect(report.pools.first?.processes?.isEmpty == true, "no process started, so none has a copy to show")
    }
}
