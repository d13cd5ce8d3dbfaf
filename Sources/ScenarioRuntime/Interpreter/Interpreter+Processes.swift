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

    /// Where a task that took its slot (at `pc`) goes back to the parent: its `complete` (its
    /// future is completed there, and its `on_done` runs there), or the end of its program.
    private var handBackPoint: Int {
        program[(pc + 1)...].firstIndex { if case .complete = $0.operation { true } else { false } } ?? program.count
    }

    /// Starts the task's steps in its real child process, through the engine's runner; the
    /// instance parks until the runner says how they ended (`takeRemote`). It waits as a thread
    /// of `ProcessPoolExecutor` waits for its child: without the GIL, and not blocked on anything
    /// another instance could help with.
    func startRemotely(_ runner: any ProcessTaskRunner) {
        guard let image = process else { preconditionFailure("a task runs remotely outside a process") }
        let end = handBackPoint
        let run = RemoteRun()
        remote = run
        let instance = self.instance
        let waker = context.waker
        runner.start(
            RemoteTask(instance: instance, start: pc + 1, end: end, image: image, eventNumber: processNumber),
            context: context
        ) { outcome in
            run.set(outcome)
            waker.wake(instance)
        }
    }

    /// Goes on after the task's stretch in its child process: nil when it reached the point where
    /// the parent goes on (`pc` is there now), else how the instance ends.
    func takeRemote(_ outcome: RemoteOutcome) throws(InstanceExit) -> Suspension? {
        switch outcome {
        case .reached(let result):
            remoteResult = result
            pc = handBackPoint
            return nil
        case .failed(let message, let location):
            monitor.fail(instance, message: message, location: location)
            throw .failed
        case .died(let how, let pid):
            return died(how, pid: pid, at: taskLocation, restart: false)
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
        return died("exited with status \(status)", pid: process?.pid ?? 0, at: taskLocation, restart: true)
    }

    /// Where a task whose process died is reported: its `pool:` (the parent cannot know which
    /// step a killed process was in), the same whatever the engine.
    private var taskLocation: String { context.scenario.describe(program[0].location) }

    /// The task's process died before the task was done: the instance fails (its future has no
    /// result, its `on_done` does not run), its slot gets a new process, and the run goes on; the
    /// run's status will be an error unless something worse happens.
    private func died(_ how: String, pid: Int32, at location: String, restart: Bool) -> Suspension {
        guard let image = process else { preconditionFailure("a task's process died outside a process") }
        context.futures.fail(instance, how: "its process (pid \(pid)) \(how)")
        monitor.noteDeath(
            instance, message: "'\(info.name)' failed: the process running it \(how) before the task was done; "
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

/// The child process's side: it runs a stretch of a task handed over by the parent.
extension Interpreter {
    /// Makes the interpreter run instructions `start` up to `end` only: `advance` returns
    /// `.finished` when it gets to `end` (without finishing the instance, which the parent does).
    package func runOnly(from start: Int, until end: Int) {
        started = true
        pc = start
        boundary = end
        handsBack = true
    }

    /// The value of the `result:` of the `complete` at `boundary`, computed here, in the child,
    /// from its variables; nil when there is none, or when it failed (the monitor says why).
    package func resultAtBoundary() -> (value: Int?, failed: Bool) {
        guard boundary < program.count, case .complete(let result?) = program[boundary].operation else { return (nil, false) }
        do {
            return (try value(of: result, at: program[boundary]), false)
        } catch {
            return (nil, true)
        }
    }
}
