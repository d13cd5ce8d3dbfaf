import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioRuntime

/// Follows a `ReplayScript`: the instance whose next recorded event comes next takes the next
/// step, and every event the step records must be the one the script has next. An increment's
/// read is an event of its own (`read`), so a lost update replays as one: the other instance's
/// write comes between the read and the write exactly where the timeline has it. At the first
/// point where the scenario cannot follow, the run fails, naming the event the script expected
/// (and its line) and what the scenario did instead.
///
/// A `block` leads the schedule too, so that the replay waits where the recording waited (and
/// `scenario diff` finds them the same), but softly: every primitive records a `block` under its
/// own mutex, in order with its other events, so the replay, stepping the instance there, blocks
/// too; where it does not quite (a barrier's arrival and its `block` are one step here, two on
/// threads, with others' events between them), the unmatched `block` is no divergence: a
/// recorded one whose instance already waits is passed over, as is one the instance did not need.
///
/// `@unchecked Sendable`: only the simulation's thread uses it (the recorder calls `recorded` on
/// the thread that records, the simulation's).
final class Replay: RecordObserver, @unchecked Sendable {
    private let script: ReplayScript
    private let scenario: CompiledScenario
    private unowned(unsafe) var simulation: Simulation!
    /// The next script entry to reproduce.
    private var cursor = 0
    /// The first mismatch, once found.
    private var failure: String?

    init(script: ReplayScript, scenario: CompiledScenario) {
        self.script = script
        self.scenario = scenario
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

    /// The instance to step next: the script's next, or nil once the script is done (then the
    /// lowest-numbered runnable one goes).
    func next(peek: Bool) -> Int? {
        guard cursor < script.steps.count else { return nil }
        return Int(script.steps[cursor].event.instance)
    }

    /// Stops the run when the script's next instance cannot take a step.
    func beforeStep() -> Bool {
        guard failure == nil else { return false }
        // A recorded `block` of an instance that waits already: the replay blocked it earlier.
        while cursor < script.steps.count, script.steps[cursor].event.kind == .block,
            simulation.scheduler.place(of: Int(script.steps[cursor].event.instance)) == .parked
        {
            cursor += 1
        }
        guard cursor < script.steps.count else { return true }
        let instance = Int(script.steps[cursor].event.instance)
        switch simulation.scheduler.place(of: instance) {
        case .runnable, .timed: return true
        case .parked: return fail("'\(name(instance))' is blocked (it waits for a lock, a permit, an item, room, a barrier or a join)")
        case .gone: return fail("'\(name(instance))' has ended")
        }
    }

    private var seenThisStep: [Event] = []

    func recorded(instance: Int, _ kind: EventKind, object: Int, value: EventValue, line: Int32) {
        seenThisStep.append(Event(seq: 0, nanoseconds: 0, instance: Int32(instance), kind: kind, object: Int32(object), value: value))
    }

    /// Checks what the step recorded against the script.
    func afterStep(_ instance: Int) -> Bool {
        defer { seenThisStep.removeAll(keepingCapacity: true) }
        for event in seenThisStep where ReplayScript.leadsSchedule(event.kind) {
            guard cursor < script.steps.count else { continue }  // past the script: free running
            if Self.same(event, script.steps[cursor].event) {
                cursor += 1
                continue
            }
            // A `block` the recording has elsewhere, or not at all: the instance waits a step
            // earlier than it did there, which changes no object's order.
            if event.kind == .block { continue }
            // A recorded `block` the instance did not need: passed over.
            var next = cursor
            while next < script.steps.count, script.steps[next].event.kind == .block { next += 1 }
            guard next == script.steps.count || Self.same(event, script.steps[next].event) else {
                let old = event.kind == .read && !script.hasReads
                let hint = old ? "; the timeline has no 'read' events (it was recorded before an increment's read was one): record the run again" : ""
                return fail("the scenario did '\(describe(event))'" + hint)
            }
            cursor = min(next + 1, script.steps.count)
        }
        return failure == nil
    }

    /// The same step. A `log`'s text is not compared: it is output, not a choice of schedule, and
    /// it may differ for reasons no schedule controls (`{pid}` is another process's id on replay).
    private static func same(_ a: Event, _ b: Event) -> Bool {
        a.instance == b.instance && a.kind == b.kind && a.object == b.object && (a.kind == .log || a.value == b.value)
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
        case .text(let value): text += " \"\(value.elided)\""  // a log line may be megabytes long
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
