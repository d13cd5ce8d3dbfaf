import ScenarioDiagnostics
import ScenarioRuntime

extension RunPicture {
    /// The picture of a run made in this process.
    /// - Parameters:
    ///   - events: the run's events in `seq` order (`report.events` when the run kept them, or
    ///     those a streamed run handed over); only the first `eventLimit` are used.
    ///   - totalEvents: how many events the run had in all, when `events` holds only the first of
    ///     them (nil: `events` is all of them).
    ///   - file: the scenario file, as given on the command line.
    public init(
        report: RunReport, events: some Sequence<Event>, totalEvents: Int? = nil, file: String,
        eventLimit: Int = RunPicture.defaultEventLimit
    ) {
        self.init(
            scenario: report.scenario, file: file, runtime: report.runtime, executor: report.executor,
            lanes: report.instances.map { Lane(name: $0.name, worker: $0.worker) }, objects: report.objects,
            outcome: report, events: events, totalEvents: totalEvents, eventLimit: eventLimit)
    }

    /// The picture of a run saved with `--timeline`: its header names the lanes and objects, its
    /// report trailer (when the file has one) gives the outcome; without the trailer, `status`
    /// is `unknown`, the state is each variable's last written value and there are no expectations.
    /// - Parameter file: the scenario file; nil takes the header's.
    public init(timeline: TimelineFile, file: String? = nil, eventLimit: Int = RunPicture.defaultEventLimit) {
        let header = timeline.header
        let objects = header?.objects ?? []
        let instanceNames = header?.instances ?? Self.unnamedInstances(timeline.events)
        let reported = Dictionary(
            (timeline.report?.instances ?? []).map { ($0.name, $0.worker) }, uniquingKeysWith: { first, _ in first })
        let workers = Set(objects.filter { $0.kind == "worker" }.map(\.name))
        let lanes = instanceNames.map { name in
            Lane(name: name, worker: reported[name] ?? Self.worker(ofInstance: name, workers: workers))
        }
        self.init(
            scenario: timeline.report?.scenario ?? header?.scenario ?? "", file: file ?? header?.file ?? "",
            runtime: header?.runtime ?? timeline.report?.runtime ?? "", executor: header?.executor,
            lanes: lanes, objects: objects, outcome: timeline.report, events: timeline.events, totalEvents: nil,
            eventLimit: eventLimit)
    }

    private init(
        scenario: String, file: String, runtime: String, executor: String?, lanes: [Lane], objects: [ObjectInfo],
        outcome: RunReport?, events source: some Sequence<Event>, totalEvents: Int?, eventLimit: Int
    ) {
        var events: [Event] = []
        var seen = 0
        for event in source {
            seen += 1
            if events.count < eventLimit { events.append(event) }
        }
        let total = max(totalEvents ?? seen, seen)
        // The run's end, or its last event's time when later (a `stopped` recorded as the run ends).
        let end = max(outcome?.duration ?? 0, events.last?.seconds ?? 0)
        var builder = RunPictureBuilder(lanes: lanes, objects: objects, duration: end)
        for index in events.indices { builder.add(events[index], at: index, in: events) }
        let isShort = total > events.count
        let finalQueues = outcome.flatMap { isShort ? nil : Dictionary($0.queues.map { ($0.name, $0.value) }) { first, _ in first } }
        let layout = builder.finish(finalQueueSizes: finalQueues)
        self.scenario = scenario
        self.file = file
        self.runtime = runtime
        self.executor = executor
        status = outcome.map { Self.statusWord($0.status) } ?? "unknown"
        duration = end
        self.lanes = lanes
        self.objects = objects
        self.events = events
        spans = layout.spans
        links = layout.links
        holders = layout.holders
        levels = layout.levels
        state = outcome?.variables ?? Self.lastWrittenValues(events, objects: objects)
        expectations = outcome?.expectations ?? []
        deadlock = outcome?.deadlock.map { Self.deadlock($0, lanes: lanes) }
        error = outcome?.error.map { "\($0.location): \($0.message)" }
        shortened = isShort
            ? "events after the first \(GroupedNumber.text(events.count)) are not drawn; \(GroupedNumber.text(total)) in all" : nil
    }

    /// The picture's word for a run's status.
    static func statusWord(_ status: RunStatus) -> String {
        status == .expectationFailed ? "failed" : status.rawValue
    }

    /// `alice-2` is an instance of `alice` when `alice` is a worker; otherwise the name is the worker's.
    static func worker(ofInstance name: String, workers: Set<String>) -> String {
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].allSatisfy(\.isNumber),
            workers.contains(String(name[..<dash]))
        {
            return String(name[..<dash])
        }
        return name
    }

    /// Lanes for a file without a header: `#0`, `#1`, … up to the highest instance index seen.
    private static func unnamedInstances(_ events: [Event]) -> [String] {
        let count = Int(events.map(\.instance).max() ?? -1) + 1
        return (0..<count).map { "#\($0)" }
    }

    /// Each variable's last written (or read) value, in declaration order; variables never seen are left out.
    private static func lastWrittenValues(_ events: [Event], objects: [ObjectInfo]) -> [NamedValue] {
        var last: [Int32: Int] = [:]
        for event in events {
            switch event.kind {
            case .read, .increment, .decrement, .set:
                if case .integer(let value) = event.value { last[event.object] = value }
            default: break
            }
        }
        return objects.indices.compactMap { index in
            guard objects[index].kind == "variable", let value = last[Int32(index)] else { return nil }
            return NamedValue(name: objects[index].name, value: value)
        }
    }
}

extension RunPicture {
    /// The title of a picture (the page's, the SVG's): the scenario's, else its file's name.
    public var pageTitle: String {
        scenario.isEmpty ? (file.isEmpty ? "A run" : file) : scenario
    }
}
