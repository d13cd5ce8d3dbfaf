import ScenarioCompiler
import ScenarioRuntime

/// Gives `sleep` and `work` events the duration of their step, so that the timeline can say
/// `sleep 500ms` and `work 1s`.
///
/// The runtime records these events without a value, but the duration is written in the
/// instance's compiled program, and which instruction an event came from follows from the
/// events the instance recorded before it. Each instance is followed through its program like a
/// small automaton: it may be at any of a set of positions (a `repeat` whose round count is
/// read at run time may go on or end), and each of its events keeps the positions whose
/// instruction records that event. An event is given a duration only when every position it
/// may come from agrees on it; an event that fits no position (the run dropped events past its
/// limit, say) starts the following afresh from every instruction that records such an event.
///
/// Feed it every event of the run in `seq` order.
public struct StepDurations: Sendable {
    private let programs: [Program]
    /// For each instance, the index of its program in `programs`.
    private let programOfInstance: [Int]
    /// For each instance, the positions it may be at (see `Program.position`).
    private var positions: [[Int]]

    /// Follows the instances of `scenario`.
    public init(scenario: CompiledScenario) {
        let programs = scenario.programs.map(Program.init)
        self.programs = programs
        programOfInstance = scenario.instances.map(\.program)
        positions = scenario.instances.map { programs.indices.contains($0.program) ? programs[$0.program].closure[0] : [] }
    }

    /// `event`, with its step's duration in nanoseconds as its value (`.integer`) when it is a
    /// `sleep` or `work` event without a value whose step is certain; any other event as it is.
    public mutating func annotate(_ event: Event) -> Event {
        let instance = Int(event.instance)
        guard positions.indices.contains(instance), programs.indices.contains(programOfInstance[instance]) else {
            return event
        }
        let program = programs[programOfInstance[instance]]
        switch event.kind {
        case .block:
            return event  // before the event of the step that waited: the position stays
        case .start:
            positions[instance] = program.closure[0]
            return event
        case .stopped:
            positions[instance] = []
            return event
        default:
            break
        }
        var matched = positions[instance].filter { program.records(event, at: $0) }
        if matched.isEmpty {
            matched = program.allPositions.filter { program.records(event, at: $0) }
        }
        var next: [Int] = []
        for position in matched {
            for successor in program.successors(of: position) where !next.contains(successor) {
                next.append(successor)
            }
        }
        positions[instance] = next
        guard event.kind == .sleep || event.kind == .work, event.value == .none else { return event }
        let durations = Set(matched.compactMap { program.steps[$0 / 2].duration })
        guard durations.count == 1, let duration = durations.first, let value = Int(exactly: duration) else { return event }
        var annotated = event
        annotated.value = .integer(value)
        return annotated
    }
}

/// One compiled program seen as the events its instructions record.
///
/// A position is `2 × pc` before the instruction at `pc` (or at the end, `pc == count`), and
/// `2 × pc + 1` between the two events of an instruction that records two (`sleep`, `wake`;
/// `wait`, `pass`). Positions before an instruction are only ever ones that record an event:
/// `repeat`'s own instructions record none, so they are passed through at once.
private struct Program: Sendable {
    /// The events of one instruction; nil `first` for one that records none.
    struct Step: Sendable {
        var first: EventKind?
        var object: Int = -1
        var second: EventKind? = nil
        var duration: Int64? = nil
    }

    /// One per instruction, then one for the end of the program (`finish`).
    let steps: [Step]
    /// For each pc (0...count), the positions reachable from it without recording an event.
    let closure: [[Int]]
    /// Every position that records an event.
    let allPositions: [Int]

    init(_ instructions: [Instruction]) {
        let steps = instructions.map { Self.step(of: $0.operation) } + [Step(first: .finish)]
        self.steps = steps
        closure = (0...instructions.count).map { Self.reachable(from: $0, in: instructions) }
        allPositions = steps.indices.flatMap { pc in
            steps[pc].first == nil ? [] : steps[pc].second == nil ? [2 * pc] : [2 * pc, 2 * pc + 1]
        }
    }

    /// Whether the instruction at `position` records `event` next.
    func records(_ event: Event, at position: Int) -> Bool {
        let step = steps[position / 2]
        let kind = position % 2 == 0 ? step.first : step.second
        return kind == event.kind && Int(event.object) == step.object
    }

    /// Where an instance is after `position` recorded its event.
    func successors(of position: Int) -> [Int] {
        let pc = position / 2
        if position % 2 == 0, steps[pc].second != nil { return [position + 1] }
        return pc + 1 < closure.count ? closure[pc + 1] : []  // after `finish`, nothing
    }

    private static func step(of operation: Operation) -> Step {
        switch operation {
        case .acquire(let object): Step(first: .acquire, object: object)
        case .release(let object): Step(first: .release, object: object)
        case .sleep(let nanoseconds): Step(first: .sleep, second: .wake, duration: nanoseconds)
        case .work(let nanoseconds): Step(first: .work, duration: nanoseconds)
        case .add(let object, _, let sign): Step(first: sign > 0 ? .increment : .decrement, object: object)
        case .set(let object, _): Step(first: .set, object: object)
        case .put(let object, _): Step(first: .put, object: object)
        case .get(let object): Step(first: .get, object: object)
        case .taskDone(let object): Step(first: .taskDone, object: object)
        case .joinQueue(let object), .joinWorker(let object): Step(first: .join, object: object)
        case .wait(let object): Step(first: .wait, object: object, second: .pass)
        case .log: Step(first: .log)
        case .loopStart, .loopEnd: Step(first: nil)
        }
    }

    /// The positions before event-recording instructions (or the end) that the instruction at
    /// `pc` leads to without recording anything: through the starts and ends of `repeat`s, both
    /// ways where the round count is only known at run time.
    private static func reachable(from pc: Int, in instructions: [Instruction]) -> [Int] {
        var found: [Int] = []
        var seen: Set<Int> = []
        var pending = [pc]
        while let current = pending.popLast() {
            guard seen.insert(current).inserted else { continue }
            guard instructions.indices.contains(current) else {
                found.append(2 * instructions.count)
                continue
            }
            switch instructions[current].operation {
            case .loopStart(_, let end):
                switch loopCount(startingAt: current, in: instructions) {
                case .forever: pending.append(current + 1)
                case .fixed(let times): pending.append(times > 0 ? current + 1 : end + 1)
                case .readAtRunTime: pending += [current + 1, end + 1]
                }
            case .loopEnd(let start):
                switch loopCount(startingAt: start, in: instructions) {
                case .forever: pending.append(start + 1)  // never leaves
                case .fixed(let times) where times <= 1: pending.append(current + 1)
                case .fixed, .readAtRunTime: pending += [start + 1, current + 1]
                }
            default:
                found.append(2 * current)
            }
        }
        return found.sorted()
    }

    private enum LoopCount { case forever, fixed(Int), readAtRunTime }

    /// How many rounds the `repeat` starting at `start` makes, as far as the program says.
    private static func loopCount(startingAt start: Int, in instructions: [Instruction]) -> LoopCount {
        guard instructions.indices.contains(start), case .loopStart(let count, _) = instructions[start].operation else {
            return .readAtRunTime
        }
        switch count {
        case nil: return .forever
        case .literal(let times)?: return .fixed(times)
        case _?: return .readAtRunTime
        }
    }
}
