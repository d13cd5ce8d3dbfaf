import ScenarioCompiler
import ScenarioSyntax

/// Runs one worker instance's program on its own thread.
struct InstanceRunner {
    let context: RunContext
    let instance: Int
    let info: CompiledInstance
    /// The last value this instance got from a queue.
    var item: EventValue = .none
    /// 1-based iteration of each enclosing `repeat`, innermost last.
    var rounds: [Int] = []

    init(context: RunContext, instance: Int) {
        self.context = context
        self.instance = instance
        self.info = context.scenario.instances[instance]
    }

    var monitor: RunMonitor { context.monitor }

    @inline(__always)
    func record(_ kind: EventKind, object: Int = -1, value: EventValue = .none) {
        context.recorder.record(thread: instance, instance: instance, kind, object: object, value: value)
    }

    /// Runs the whole program, then reports the instance finished (unless the run stopped it).
    mutating func run() {
        record(.start)
        do {
            try execute(context.scenario.programs[info.program])
        } catch {
            return  // stopped or failed: the engine decides how this instance ended
        }
        record(.finish)
        finishWorker()
        monitor.finish(instance)
    }

    private func finishWorker() {
        guard case .worker(let completion) = context.objects.objects[info.worker] else { return }
        let joiners = completion.withLock { $0.finish() }
        context.wake(joiners)
    }

    mutating func execute(_ program: [Instruction]) throws(InstanceExit) {
        for instruction in program {
            if monitor.isStopping { throw .stop }
            try execute(instruction)
        }
    }

    private mutating func execute(_ instruction: Instruction) throws(InstanceExit) {
        switch instruction.operation {
        case .acquire(let object):
            try acquire(object, at: instruction)
        case .release(let object):
            try release(object, at: instruction)
        case .with(let object, let body):
            try acquire(object, at: instruction)
            try execute(body)
            try release(object, at: instruction)
        case .sleep(let nanoseconds):
            try sleep(nanoseconds)
        case .work(let nanoseconds):
            try work(nanoseconds)
        case .add(let object, let operand, let sign):
            let amount = try value(of: operand, at: instruction) * sign
            guard case .variable(let cell) = context.objects.objects[object] else { return }
            // A read, then a separate write: not atomic, on purpose.
            let new = cell.value.load(ordering: .relaxed) &+ amount
            cell.value.store(new, ordering: .relaxed)
            record(sign > 0 ? .increment : .decrement, object: object, value: .integer(new))
        case .set(let object, let operand):
            let new = try value(of: operand, at: instruction)
            guard case .variable(let cell) = context.objects.objects[object] else { return }
            cell.value.store(new, ordering: .relaxed)
            record(.set, object: object, value: .integer(new))
        case .put(let object, let value):
            try put(object, value: value.map(render), at: instruction)
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
            record(.log, value: .text(text(template)))
        case .loop(let count, let body):
            var times: Int?
            if let count { times = try value(of: count, at: instruction) }
            rounds.append(0)
            defer { rounds.removeLast() }
            var round = 0
            while times.map({ round < $0 }) ?? true {
                round += 1
                rounds[rounds.count - 1] = round
                try execute(body)
                if body.isEmpty, monitor.isStopping { throw .stop }
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
