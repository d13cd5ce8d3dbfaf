import ScenarioRuntime

/// A recorded run to follow (`--replay`): its events in `seq` order, each with the line of the
/// timeline file it came from, instances and objects already numbered as in this scenario.
public struct ReplayScript: Sendable {
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var event: Event

        public init(line: Int, event: Event) {
            self.line = line
            self.event = event
        }
    }

    /// Where the events came from, for messages (`run.jsonl:12`).
    public var path: String
    /// The events that say who took a step: every event but `pass` (which the instance opening a
    /// barrier records for the others) and `stopped` (which the end of the run records). A `block`
    /// is a step too (the instance tried and had to wait), but a soft one: see `Replay`.
    public var steps: [Entry]

    /// Whether the file records the reads of increments: timelines written before `read` was an
    /// event do not, and cannot be followed through an increment.
    public var hasReads: Bool

    public init(path: String, events: [Entry]) {
        self.path = path
        steps = events.sorted { $0.event.seq < $1.event.seq }.filter { Self.leadsSchedule($0.event.kind) }
        hasReads = steps.contains { $0.event.kind == .read }
    }

    static func leadsSchedule(_ kind: EventKind) -> Bool {
        switch kind {
        // The GIL's events come with a step (before it), never as one.
        case .pass, .stopped, .gilWait, .gilAcquire, .gilRelease: false
        // Pools submit every pooled instance at the start, before any step.
        case .submit: false
        default: true
        }
    }
}
