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
    /// For each instance, the positions it may be at.
    private var positions: [[Program.Position]]

    /// Follows the instances of `scenario`.
    public init(scenario: CompiledScenario) {
        let programs = scenario.programs.map(Program.init)
        self.programs = programs
        programOfInstance = scenario.instances.map(\.program)
        positions = scenario.instances.map { programs.indices.contains($0.program) ? programs[$0.program].start : [] }
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
            positions[instance] = program.start
            return event
        case .stopped:
            positions[instance] = []
            return event
        default:
            break
        }
        var matched = positions[instance].filter { program.records(event, at: $0) }
        if matched.isEmpty {
            matched = program.anywhere.filter { program.records(event, at: $0) }
        }
        var next: [Program.Position] = []
        for position in matched {
            for successor in program.successors(of: position) where !next.contains(successor) {
                next.append(successor)
            }
        }
        positions[instance] = next
        guard event.kind == .sleep || event.kind == .work, event.value == .none else { return event }
        let durations = Set(matched.compactMap { program.steps[$0.pc].duration })
        guard durations.count == 1, let duration = durations.first, let value = Int(exactly: duration) else { return event }
        var annotated = event
        annotated.value = .integer(value)
        return annotated
    }
}

/// One compiled program seen as the events its instructions record.
private struct Program: Sendable {
    /// Where an instance may be: before the instruction at `pc` (or at the end, `pc == count`),
    /// or, `inside`, between the two events of an instruction that records two (`sleep` then
    /// `wake`, `wait` then `pass`). Positions before an instruction are only ever ones that
    /// record an event: `repeat`'s own instructions record none, so they are passed through.
    struct Position: Hashable, Sendable {
        var pc: Int
        var inside = false
        /// The current round of each enclosing `repeat`, outermost first; `unknown` where the
        /// count is read at run time, the loop runs forever, or the round was lost.
        var rounds: [Int]

        static let unknown = -1
    }

    /// The events of one instruction; nil `first` for one that records none.
    struct Step: Sendable {
        var first: EventKind?
        var object: Int = -1
        var second: EventKind? = nil
        var duration: Int64? = nil
    }

    /// How many rounds a `repeat` makes, as far as the program says.
    enum LoopCount: Sendable {
        case forever, fixed(Int), readAtRunTime
    }

    let instructions: [Instruction]
    /// One per instruction, then one for the end of the program (`finish`).
    let steps: [Step]
    /// Where an instance starts.
    var start: [Position] { reachable(from: 0, rounds: []) }
    /// Every position that records an event, with the rounds of its loops unknown: where to
    /// look for an event that fits none of the positions an instance may be at.
    let anywhere: [Position]

    /// Closures of one position never take more steps than this: a huge `repeat` whose body
    /// records nothing would otherwise be walked round by round.
    static let stepLimit = 10_000

    init(_ instructions: [Instruction]) {
        self.instructions = instructions
        let steps = instructions.map { Self.step(of: $0.operation) } + [Step(first: .finish)]
        self.steps = steps
        var depth = 0
        var anywhere: [Position] = []
        for (pc, step) in steps.enumerated() {
            if pc < instructions.count, case .loopEnd = instructions[pc].operation { depth -= 1 }
            let rounds = Array(repeating: Position.unknown, count: max(0, depth))
            if step.first != nil { anywhere.append(Position(pc: pc, rounds: rounds)) }
            if step.second != nil { anywhere.append(Position(pc: pc, inside: true, rounds: rounds)) }
            if pc < instructions.count, case .loopStart = instructions[pc].operation { depth += 1 }
        }
        self.anywhere = anywhere
    }

    /// Whether the instruction at `position` records `event` next.
    func records(_ event: Event, at position: Position) -> Bool {
        let step = steps[position.pc]
        return (position.inside ? step.second : step.first) == event.kind && Int(event.object) == step.object
    }

    /// Where an instance is after `position` recorded its event.
    func successors(of position: Position) -> [Position] {
        if !position.inside, steps[position.pc].second != nil {
            return [Position(pc: position.pc, inside: true, rounds: position.rounds)]
        }
        return position.pc < instructions.count ? reachable(from: position.pc + 1, rounds: position.rounds) : []
    }

    /// The positions before event-recording instructions (or the end) that `pc` leads to
    /// without recording anything: through the starts and ends of `repeat`s, counting rounds
    /// where the count is written in the file and both ways where it is read at run time.
    private func reachable(from pc: Int, rounds: [Int]) -> [Position] {
        var found: [Position] = []
        var seen: Set<Position> = []
        var pending = [Position(pc: pc, rounds: rounds)]
        while let current = pending.popLast() {
            guard seen.count < Self.stepLimit else { return anywhere }
            guard seen.insert(current).inserted else { continue }
            guard instructions.indices.contains(current.pc) else {
                found.append(Position(pc: instructions.count, rounds: current.rounds))
                continue
            }
            let rounds = current.rounds
            switch instructions[current.pc].operation {
            case .loopStart(_, let end):
                let body = current.pc + 1
                switch loopCount(startingAt: current.pc) {
                case .forever:
                    pending.append(Position(pc: body, rounds: rounds + [Position.unknown]))
                case .fixed(let times):
                    pending.append(times > 0 ? Position(pc: body, rounds: rounds + [1]) : Position(pc: end + 1, rounds: rounds))
                case .readAtRunTime:
                    pending.append(Position(pc: end + 1, rounds: rounds))
                    pending.append(Position(pc: body, rounds: rounds + [Position.unknown]))
                }
            case .loopEnd(let loopStart):
                let again = loopStart + 1
                let after = current.pc + 1
                let outer = Array(rounds.dropLast())
                let round = rounds.last ?? Position.unknown
                switch loopCount(startingAt: loopStart) {
                case .forever:
                    pending.append(Position(pc: again, rounds: rounds))
                case .fixed(let times) where round != Position.unknown:
                    pending.append(round >= times ? Position(pc: after, rounds: outer) : Position(pc: again, rounds: outer + [round + 1]))
                case .fixed, .readAtRunTime:
                    pending.append(Position(pc: after, rounds: outer))
                    pending.append(Position(pc: again, rounds: rounds))
                }
            default:
                found.append(current)
            }
        }
        return found
    }

    private func loopCount(startingAt start: Int) -> LoopCount {
        guard instructions.indices.contains(start), case .loopStart(let count, _) = instructions[start].operation else {
            return .readAtRunTime
        }
        switch count {
        case nil: return .forever
        case .literal(let times)?: return .fixed(times)
        case _?: return .readAtRunTime
        }
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
}
