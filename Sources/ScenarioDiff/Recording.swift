import ScenarioRendering
import ScenarioRuntime

/// Names shared by the two runs of a diff: an event's `instance` and `object` index these
/// tables, whichever file it came from, so that events of both runs compare as numbers.
public struct NameTable: Sendable {
    public private(set) var names: [String] = []
    private var index: [String: Int32] = [:]

    public init() {}

    /// The index of `name`, added when new.
    public mutating func id(_ name: String) -> Int32 {
        if let found = index[name] { return found }
        let id = Int32(clamping: names.count)
        names.append(name)
        index[name] = id
        return id
    }

    public func existing(_ name: String) -> Int32? { index[name] }
}

/// The instance and object names of both runs.
public struct DiffNames: Sendable {
    public var instances = NameTable()
    public var objects = NameTable()

    public init() {}
}

/// One run as `scenario diff` reads it, from a timeline file or a JSON report.
public struct Recording: Sendable {
    public enum Format: String, Sendable {
        case timeline, report
    }

    /// The path given on the command line.
    public var path: String
    public var format: Format
    /// The timeline file's header, when it has one.
    public var header: TimelineHeader?
    /// "threads", "async", … when known (a report, a header).
    public var runtime: String?
    /// The scenario's title when known (a report, a header): two runs of different scenarios
    /// compare, but say little.
    public var scenario: String?
    /// The run's status (`ok`, `deadlock`, …): reports have it, timelines do not.
    public var status: String?
    /// Final values of variables: a report's `variables`; for a timeline, each variable's last write.
    public var variables: [String: Int] = [:]
    /// Items left per queue: a report's `queues`; for a timeline, its puts less its gets.
    public var queues: [String: Int] = [:]
    /// The run's instances (indices into `DiffNames.instances`) in its own order.
    public var instances: [Int32] = []
    /// Every event, in `seq` order; `instance` and `object` index `DiffNames`.
    public var events: [Event] = []
    /// The run's outcome as a timeline's report trailer holds it (`{"report": {…}}`): a
    /// timeline's last line, or a JSON report's keys besides `events`; nil when the file has none.
    /// Pictures draw the final state, expectations and deadlock from it; the diff does not use it.
    public var trailer: JSONValue?

    public init(path: String, format: Format) {
        self.path = path
        self.format = format
    }

    /// The final state a timeline implies: the last write of every variable, the items left in
    /// every queue that had a `put` or `get` (or that its header declares).
    mutating func deriveStateFromEvents(objectNames: [String]) {
        var writes: [Int32: Int] = [:]
        var items: [Int32: Int] = [:]
        for event in events where event.object >= 0 {
            switch (event.kind, event.value) {
            case (.increment, .integer(let value)), (.decrement, .integer(let value)), (.set, .integer(let value)):
                writes[event.object] = value
            case (.put, _): items[event.object, default: 0] += 1
            case (.get, _): items[event.object, default: 0] -= 1
            default: break
            }
        }
        for (object, value) in writes { variables[objectNames[Int(object)]] = value }
        for (object, count) in items { queues[objectNames[Int(object)]] = count }
        for object in header?.objects ?? [] where object.kind == "queue" && queues[object.name] == nil {
            queues[object.name] = 0
        }
    }
}
