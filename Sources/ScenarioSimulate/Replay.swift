import ScenarioCompiler
import ScenarioRuntime

/// Follows a `ReplayScript`: the instance whose next recorded event comes next takes the next
/// step, and every event the step records must be the one the script has next. A read (`load`)
/// leaves no event, so it is placed from the write after it: at the last point where the
/// variable held the value that write implies, so that a lost update replays as one. At the first
/// point where the scenario cannot follow, the run fails, naming the event the script expected
/// (and its line) and what the scenario did instead.
///
/// `@unchecked Sendable`: only the simulation's thread uses it (the recorder calls `recorded` on
/// the thread that records, the simulation's).
final class Replay: RecordObserver, @unchecked Sendable {
    private let script: ReplayScript
    private let scenario: CompiledScenario
    private unowned(unsafe) var simulation: Simulation!
    /// The next script entry to reproduce.
    private var cursor = 0
    /// Per instance, the indices of its script entries, and how many it has reproduced.
    private var entriesOf: [[Int]]
    private var doneOf: [Int]
    /// Per variable, the indices of the script's writes to it.
    private var writesOf: [Int: [Int]] = [:]
    /// Instances to take one step (their read) before the script entry at each index.
    private var readsBefore: [Int: [Int]] = [:]
    /// The instance taking the current step only to read.
    private var reading: Int?
    /// The first mismatch, once found.
    private var failure: String?

    init(script: ReplayScript, scenario: CompiledScenario) {
        self.script = script
        self.scenario = scenario
        entriesOf = Array(repeating: [], count: scenario.instances.count)
        doneOf = Array(repeating: 0, count: scenario.instances.count)
        for (index, entry) in script.steps.enumerated() {
            entriesOf[Int(entry.event.instance)].append(index)
            if Self.isWrite(entry.event.kind) { writesOf[Int(entry.event.object), default: []].append(index) }
        }
    }

    static func run(_ scenario: CompiledScenario, options: RunOptions, timeout: Double, script: ReplayScript) -> RunReport {
        let replay = Replay(script: script, scenario: scenario)
        let simulation = Simulation(scenario, options: options, timeout: timeout, observer: replay)
        replay.simulation = simulation
        simulation.beforeStep = { replay.beforeStep() }
        simulation.afterStep = { replay.afterStep($0) }
        var report = simulation.run(choosingWith: ReplayChooser(replay: replay, instances: scenario.instances.count))
        report.strategy = "replay"
        return report
    }

    private static func isWrite(_ kind: EventKind) -> Bool { kind == .increment || kind == .decrement || kind == .set }

    /// The instance to step next: a pending read, the script's next, or (once the script is done)
    /// the lowest-numbered runnable one.
    /// With `peek`, only says which; otherwise the instance is about to take the step.
    func next(peek: Bool) -> Int? {
        if var readers = readsBefore[cursor], let reader = readers.last {
            if peek { return reader }
            readers.removeLast()
            readsBefore[cursor] = readers.isEmpty ? nil : readers
            reading = reader
            return reader
        }
        guard cursor < script.steps.count else { return nil }
        return Int(script.steps[cursor].event.instance)
    }

    /// Stops the run when the script's next instance cannot take a step.
    func beforeStep() -> Bool {
        guard failure == nil else { return false }
        guard readsBefore[cursor] == nil, cursor < script.steps.count else { return true }
        let instance = Int(script.steps[cursor].event.instance)
        switch simulation.scheduler.place(of: instance) {
        case .runnable, .timed: return true
        case .parked: return fail("'\(name(instance))' is blocked (it waits for a lock, a permit, an item, room, a barrier or a join)")
        case .gone: return fail("'\(name(instance))' has ended")
        }
    }

    private var seenThisStep: [Event] = []

    func recorded(instance: Int, _ kind: EventKind, object: Int, value: EventValue) {
        seenThisStep.append(Event(seq: 0, nanoseconds: 0, instance: Int32(instance), kind: kind, object: Int32(object), value: value))
    }

    /// Checks what the step recorded against the script, then places the instance's next read.
    func afterStep(_ instance: Int) -> Bool {
        defer { seenThisStep.removeAll(keepingCapacity: true) }
        let wasReading = reading == instance
        reading = nil
        for event in seenThisStep where ReplayScript.leadsSchedule(event.kind) {
            guard cursor < script.steps.count else { continue }  // past the script: free running
            let expected = script.steps[cursor].event
            guard !wasReading, Self.same(event, expected) else { return fail("the scenario did '\(describe(event))'") }
            doneOf[instance] += 1
            cursor += 1
        }
        if failure == nil, let interpreter = simulation.interpreter(instance), let read = interpreter.pendingRead {
            return placeRead(of: instance, read)
        }
        return failure == nil
    }

    /// Schedules the read of `instance` before the write that must not come between it and the
    /// value its own recorded write implies.
    private func placeRead(of instance: Int, _ read: (variable: Int, delta: Int)) -> Bool {
        let mine = entriesOf[instance]
        guard doneOf[instance] < mine.count else { return true }
        let own = mine[doneOf[instance]]
        let write = script.steps[own].event
        guard Self.isWrite(write.kind), Int(write.object) == read.variable, case .integer(let written) = write.value else {
            return true  // the script disagrees; the step that follows says how
        }
        let needed = written &- read.delta
        let writes = writesOf[read.variable] ?? []
        let before = writes.filter { $0 < own }
        // The last write before the instance's own that left the value it read (-1: the initial value).
        var source: Int?
        for index in before.reversed() {
            if case .integer(needed) = script.steps[index].event.value {
                source = index
                break
            }
        }
        if source == nil, initialValue(read.variable) == needed { source = -1 }
        guard let source else {
            return fail(at: own, "the read before it needs '\(scenario.objects[read.variable].name)' = \(needed), which it never was")
        }
        let following = writes.first { $0 > source } ?? own
        guard following >= cursor else {
            return fail(at: own, "its read of \(needed) would have to come before line \(script.steps[following].line), which has passed")
        }
        if following != own { readsBefore[following, default: []].append(instance) }
        return true
    }

    private func initialValue(_ variable: Int) -> Int? {
        if case .variable(let initial) = scenario.objects[variable].kind { return initial }
        return nil
    }

    private static func same(_ a: Event, _ b: Event) -> Bool {
        a.instance == b.instance && a.kind == b.kind && a.object == b.object && a.value == b.value
    }

    private func fail(_ did: String) -> Bool { fail(at: cursor, did) }

    private func fail(at index: Int, _ did: String) -> Bool {
        guard failure == nil else { return false }
        let entry = script.steps[min(index, script.steps.count - 1)]
        let message = "the replay expected '\(describe(entry.event))' (line \(entry.line) of the timeline), but \(did)"
        failure = message
        simulation.session.context.monitor.fail(nil, message: message, location: "\(script.path):\(entry.line)")
        return false
    }

    private func name(_ instance: Int) -> String { scenario.instances[instance].name }

    private func describe(_ event: Event) -> String {
        var text = "\(name(Int(event.instance))) \(event.kind.rawValue)"
        if scenario.objects.indices.contains(Int(event.object)) { text += " \(scenario.objects[Int(event.object)].name)" }
        switch event.value {
        case .integer(let value): text += " \(value)"
        case .text(let value): text += " \"\(value)\""
        case .none: break
        }
        return text
    }
}

/// Chooses as the replay says; once the script is done, the lowest-numbered runnable instance.
struct ReplayChooser: Chooser {
    let replay: Replay
    private var runnable: [Bool]
    private var count = 0

    init(replay: Replay, instances: Int) {
        self.replay = replay
        runnable = Array(repeating: false, count: instances)
    }

    /// Empty while the instance the script needs next is not runnable (it sleeps: the clock
    /// jumps), or when nothing is.
    var isEmpty: Bool {
        guard let next = replay.next(peek: true) else { return count == 0 }
        return !runnable[next]
    }

    mutating func insert(_ instance: Int) {
        if !runnable[instance] { count += 1 }
        runnable[instance] = true
    }

    mutating func remove(_ instance: Int) {
        if runnable[instance] { count -= 1 }
        runnable[instance] = false
    }

    mutating func choose(step: Int) -> Int {
        if let next = replay.next(peek: false) { return next }
        guard let first = runnable.firstIndex(of: true) else { preconditionFailure("the replay chose among no runnable instance") }
        return first
    }
}
