import ScenarioCompiler
import ScenarioSyntax

/// Runs one worker instance's program on its own thread. A class, made and used by that thread
/// alone, so that the closures its waits pass around share it rather than copy it.
///
/// The shared objects are `let` properties, which the hot path borrows without reference counting.
final class InstanceRunner {
    let context: RunContext
    let monitor: RunMonitor
    let recorder: EventRecorder
    let parker: Parker
    let objects: [RuntimeObjects.Object]
    let instance: Int
    let info: CompiledInstance
    let program: [Instruction]
    /// The last value this instance got from a queue.
    var item: EventValue = .none
    /// The index of the instruction being executed, for the monitor's progress analysis.
    var position = 0
    /// The enclosing `repeat`s, innermost last: the current 1-based round and the round count.
    var loops: [(round: Int, count: Int?)] = []

    init(context: RunContext, instance: Int) {
        self.context = context
        self.monitor = context.monitor
        self.recorder = context.recorder
        self.parker = context.parkers[instance]
        self.objects = context.objects.objects
        self.instance = instance
        self.info = context.scenario.instances[instance]
        self.program = context.scenario.programs[info.program]
    }

    @inline(__always)
    func record(_ kind: EventKind, object: Int = -1, value: EventValue = .none) {
        recorder.record(instance: instance, kind, object: object, value: value)
    }

    /// Runs the whole program, then reports the instance finished (unless the run stopped it).
    func run() {
        record(.start)
        do {
            try execute()
        } catch {
            return  // stopped or failed: the engine decides how this instance ended
        }
        record(.finish)
        guard case .worker(let completion) = objects[info.worker] else {
            preconditionFailure("the worker of '\(info.name)' is not a worker object")
        }
        context.wake(completion.withLock { $0.finish() })
        monitor.finish(instance)
    }

    private func execute() throws(InstanceExit) {
        var pc = 0
        var rounds = 0
        while pc < program.count {
            if monitor.isStopping { throw .stop }
            let instruction = program[pc]
            position = pc
            pc += 1
            switch instruction.operation {
            case .acquire(let object):
                try acquire(object, at: instruction)
            case .release(let object):
                try release(object, at: instruction)
            case .sleep(let nanoseconds):
                try sleep(nanoseconds)
            case .work(let nanoseconds):
                try work(nanoseconds)
            case .add(let object, let operand, let sign):
                try add(operand, sign: sign, to: object, at: instruction)
            case .set(let object, let operand):
                try set(object, to: operand, at: instruction)
            case .put(let object, let value):
                let item = try value.map { index throws(InstanceExit) in
                    try render(context.scenario.putValues[index], at: instruction)
                }
                try put(object, value: item, at: instruction)
            case .get(let object):
                try get(object)
            case .taskDone(let object):
                try taskDone(object, at: instruction)
            case .joinQueue(let object):
                try joinQueue(object)
            case .joinWorker(let object):
                try joinWorker(object)
            case .wait(let object):
                try wait(object)
            case .log(let template):
                let line = text(context.scenario.templates[template])
                try admit(line, at: instruction)
                record(.log, value: .text(line))
            case .loopStart(let count, let end):
                var times: Int?
                if let count { times = try value(of: count, at: instruction) }
                if let times, times <= 0 {
                    pc = end + 1
                } else {
                    loops.append((round: 1, count: times))
                }
            case .loopEnd(let start):
                // Instances looping without waiting that outnumber the cores can keep the engine's
                // thread from running for long after its time-out timer fired (a 1 s time-out ended
                // after 52 s with 5,000 of them): they watch the deadline themselves, now and then.
                // Only a loop runs for long, so its end is where to look.
                rounds &+= 1
                if rounds & 255 == 0 { monitor.timeOutIfDue(monotonicNanoseconds()) }
                let top = loops.count - 1
                if let count = loops[top].count, loops[top].round >= count {
                    loops.removeLast()
                } else if loops[top].round == Int.max {
                    // Only a `repeat: forever` gets here, after longer than any run may last.
                    throw fail("'\(info.name)' repeats more rounds than '{round}' can count (\(Int.max))", at: instruction)
                } else {
                    loops[top].round += 1
                    pc = start + 1
                }
            }
        }
    }

    /// Stops the run with a runtime error that names the step.
    func fail(_ message: String, at instruction: Instruction) -> InstanceExit {
        monitor.fail(instance, message: message, location: context.scenario.describe(instruction.location))
        return .failed
    }

    func name(_ object: Int) -> String { context.scenario.objects[object].name }
}
