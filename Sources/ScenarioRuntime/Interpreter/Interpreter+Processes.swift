import ScenarioCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tasks of process pools: a task runs in its slot's process, on that process's copy of the
/// variables, from the step after it took the slot to its `complete` (or its end); its future
/// completes, and its `on_done` runs, back in the run's own process.
extension Interpreter {
    /// Back in the run's own process and variables.
    func leaveProcess() {
        guard process != nil else { return }
        process = nil
        processNumber = 0
        objects = context.objects.objects
    }

    /// Runs the task's steps in its real child process, through the engine's runner; nil when
    /// they reached the point where the parent goes on (`pc` is just before it), else how the
    /// instance ends.
    func runRemotely(_ runner: any ProcessTaskRunner) throws(InstanceExit) -> Suspension? {
        guard let image = process else { preconditionFailure("a task runs remotely outside a process") }
        let end = program[(pc + 1)...].firstIndex { if case .complete = $0.operation { true } else { false } } ?? program.count
        let task = RemoteTask(instance: instance, start: pc + 1, end: end, image: image)
        let outcome = runner.run(task) { kind, object, value in record(kind, object: object, value: value) }
        switch outcome {
        case .reached(let result):
            remoteResult = result
            pc = end - 1  // `execute` steps on to `end`
            return nil
        case .failed(let message, let location):
            monitor.fail(instance, message: message, location: location)
            throw .failed
        case .died(let how):
            return died(how, at: context.scenario.describe(program[min(pc, program.count - 1)].location), restart: false)
        case .stopped:
            throw .stop
        }
    }

    /// `exit: N`: the process running the task ends. In a real child process it really does
    /// (the parent sees it die); elsewhere the task's process dies in the same way, simulated.
    func exit(status: Int, at instruction: Instruction) -> Suspension {
        if let flush = context.beforeRealExit {
            flush()
            _exit(Int32(status))
        }
        return died("exited with status \(status)", at: context.scenario.describe(instruction.location), restart: true)
    }

    /// The task's process died before the task was done: the instance fails (its future has no
    /// result, its `on_done` does not run), its slot gets a new process, and the run goes on; the
    /// run's status will be an error unless something worse happens.
    private func died(_ how: String, at location: String, restart: Bool) -> Suspension {
        guard let image = process else { preconditionFailure("a task's process died outside a process") }
        let pid = image.pid
        context.futures.fail(instance, how: "its process (pid \(pid)) \(how)")
        monitor.noteDeath(
            instance, message: "'\(info.name)' failed: its process (pid \(pid)) \(how) before the task was done; "
                + "the run went on without it", location: location)
        completeWorker(recording: .died, value: .text(how))
        leaveProcess()
        if restart, !context.processes.start(image) {
            monitor.fail(instance, message: "the run started more pool processes than it can number (65,535)", location: location)
        }
        if let pool = info.pool { leavePool(pool) }
        monitor.finish(instance)
        return .finished
    }
}
