import ScenarioRuntime

/// One run, laid out for drawing (issue 11): the lanes (worker instances), their spans of running,
/// blocked, sleeping and working, who unblocked whom, who held each lock when, each queue's size
/// over time, and the outcome. Every picture (the HTML page, the SVG, the Perfetto trace) is drawn
/// from this one value, whose JSON (`json()`) is the format picture-format.md describes.
///
/// Made from an in-process run (`init(report:events:file:)`) or from a `--timeline` file alone
/// (`init(timeline:file:)`); both go through the same builder (`RunPictureBuilder`).
public struct RunPicture: Sendable {
    /// The format's version: the value of the `picture` key.
    public static let version = 1
    /// How many events a picture keeps by default: past this, the rest are left out and `shortened` says so.
    public static let defaultEventLimit = 100_000

    public var scenario: String
    /// The scenario file, as given on the command line.
    public var file: String
    public var runtime: String
    public var executor: String?
    /// `ok`, `deadlock`, `failed` (an expectation), `error`, `timeout`, `interrupted`, or `unknown`
    /// (a timeline file without its report trailer).
    public var status: String
    /// Seconds from the start to the end of the run.
    public var duration: Double
    public var lanes: [Lane]
    public var objects: [ObjectInfo]
    /// The events drawn, in `seq` order; `Event.instance` indexes `lanes`.
    public var events: [Event]
    public var spans: [Span]
    public var links: [Link]
    public var holders: [Holder]
    public var levels: [Level]
    /// Final values (from the report), or each variable's last written value (from a file alone).
    public var state: [NamedValue]
    public var expectations: [ExpectationResult]
    public var deadlock: Deadlock?
    /// What was left out, in a sentence; nil when nothing was.
    public var shortened: String?
    /// The runtime error that ended the run, as `location: message`, or nil.
    public var error: String?
    /// Events to point out (`scenario diff --html`: the operations of the first divergence);
    /// written as the JSON key `marks` only when there are some.
    public var marks: [Mark] = []

    /// An event pointed out, with what to say about it.
    public struct Mark: Sendable, Equatable {
        /// An index into `events` (not a `seq`).
        public var event: Int
        public var text: String

        public init(event: Int, text: String) {
            self.event = event
            self.text = text
        }
    }

    /// A worker instance: one lane of the picture.
    public struct Lane: Sendable, Equatable {
        public var name: String
        public var worker: String

        public init(name: String, worker: String) {
            self.name = name
            self.worker = worker
        }
    }

    /// What a lane was doing from `from` to `to` (seconds).
    public struct Span: Sendable, Equatable {
        public enum State: String, Sendable {
            case running, blocked, sleeping, working, gil, queued
        }

        public var lane: Int
        public var state: State
        public var from: Double
        public var to: Double
        /// What a blocked lane waited for (or the pool a queued task waited in); nil otherwise.
        public var object: String?

        public init(lane: Int, state: State, from: Double, to: Double, object: String? = nil) {
            self.lane = lane
            self.state = state
            self.from = from
            self.to = to
            self.object = object
        }
    }

    /// "Who unblocked whom": indexes into `events` (not `seq`s).
    public struct Link: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var object: String

        public init(from: Int, to: Int, object: String) {
            self.from = from
            self.to = to
            self.object = object
        }
    }

    /// A lane held a lock, rlock or semaphore (a permit) from `from` to `to`.
    public struct Holder: Sendable, Equatable {
        public var object: String
        public var lane: Int
        public var from: Double
        public var to: Double

        public init(object: String, lane: Int, from: Double, to: Double) {
            self.object = object
            self.lane = lane
            self.from = from
            self.to = to
        }
    }

    /// A queue's size (`kind` "queue") or a semaphore's permits in use (`kind` "semaphore") over
    /// time, as step points: the level is `points[i].level` from `points[i].time` on.
    public struct Level: Sendable, Equatable {
        public var object: String
        public var kind: String
        public var points: [(time: Double, level: Int)]

        public init(object: String, kind: String, points: [(time: Double, level: Int)]) {
            self.object = object
            self.kind = kind
            self.points = points
        }

        public static func == (left: Level, right: Level) -> Bool {
            left.object == right.object && left.kind == right.kind && left.points.elementsEqual(right.points) { $0 == $1 }
        }
    }

    /// A deadlock: the report's explanation and the instances of its cycle.
    public struct Deadlock: Sendable, Equatable {
        public var text: String
        public var cycle: [CycleEntry]

        public init(text: String, cycle: [CycleEntry]) {
            self.text = text
            self.cycle = cycle
        }
    }

    /// One instance of a deadlock's cycle: what it holds and what it waits for.
    public struct CycleEntry: Sendable, Equatable {
        public var lane: Int
        public var holds: [String]
        public var waits: String?

        public init(lane: Int, holds: [String], waits: String?) {
            self.lane = lane
            self.holds = holds
            self.waits = waits
        }
    }
}
