import ScenarioRuntime

/// Lays out a run's events as a `RunPicture`, in one pass in `seq` order: each lane's spans, the
/// links from the event that ended a wait's cause to the event that ended the wait, who held
/// each lock when, and each queue's and semaphore's level. The one builder for a run in process
/// and for a file read back.
struct RunPictureBuilder {
    private let objects: [ObjectInfo]
    private let laneCount: Int
    /// The worker object of each lane, or -1: a `finish` ends a join on its worker.
    private let laneWorkers: [Int32]
    private let duration: Double
    private var lanes: [LaneTrack]
    private var spans: [RunPicture.Span] = []
    private var links: [RunPicture.Link] = []
    private var holds = HolderTracker()
    private var levels: LevelTracker
    /// Per object: the index of the last event of each kind that can end another's wait on it.
    private var enablers: [Enablers]

    init(lanes: [RunPicture.Lane], objects: [ObjectInfo], duration: Double) {
        self.objects = objects
        laneCount = lanes.count
        self.duration = duration
        var workerIndex: [String: Int32] = [:]
        for (index, object) in objects.enumerated() where object.kind == "worker" {
            workerIndex[object.name] = Int32(index)
        }
        laneWorkers = lanes.map { workerIndex[$0.worker] ?? -1 }
        self.lanes = Array(repeating: LaneTrack(), count: lanes.count)
        levels = LevelTracker(objects: objects)
        enablers = Array(repeating: Enablers(), count: objects.count)
    }

    /// What one lane is doing now.
    private struct LaneTrack {
        var state: RunPicture.Span.State?
        var object: Int32 = -1
        var since: Double = 0
        /// Inside a `work` step (under the GIL, it is interrupted by waits for the GIL).
        var inWork = false
        /// The object of the lane's last `block`, until the event that ends the wait.
        var waitingOn: Int32 = -1
    }

    private struct Enablers {
        var release = -1, put = -1, get = -1, wait = -1, taskDone = -1, done = -1
    }

    /// Adds the event at `index` of `events` (every earlier one has been added).
    mutating func add(_ event: Event, at index: Int, in events: [Event]) {
        let lane = Int(event.instance)
        guard lane >= 0, lane < laneCount else { return }
        let time = event.seconds
        let object = objects.indices.contains(Int(event.object)) ? event.object : -1
        link(event, at: index, lane: lane, object: object, in: events)
        switch event.kind {
        case .submit: enter(lane, .queued, object: object, at: time)
        case .finish, .stopped, .died: close(lane, at: time)
        case .block: enter(lane, .blocked, object: object, at: time)
        case .sleep: enter(lane, .sleeping, at: time)
        case .work:
            lanes[lane].inWork = true
            enter(lane, .working, at: time)
        case .workEnd:
            lanes[lane].inWork = false
            enter(lane, .running, at: time)
        case .gilWait: enter(lane, .gil, at: time)
        case .gilAcquire: enter(lane, lanes[lane].inWork ? .working : .running, at: time)
        case .gilRelease: break
        default: enter(lane, .running, at: time)
        }
        if object >= 0 {
            holds.add(event, lane: lane, kind: objects[Int(object)].kind, time: time)
            levels.add(event, time: time)
        }
        remember(event, at: index, lane: lane, object: object)
    }

    /// Links the event that ends a lane's wait to the event that let it end.
    private mutating func link(_ event: Event, at index: Int, lane: Int, object: Int32, in events: [Event]) {
        let waited = lanes[lane].waitingOn
        switch event.kind {
        case .block:
            lanes[lane].waitingOn = object
            return
        case .gilWait, .gilAcquire, .gilRelease:
            return  // taking the GIL back is part of waking, not the end of the wait
        default:
            lanes[lane].waitingOn = -1
        }
        guard waited >= 0, object == waited else { return }
        let known = enablers[Int(object)]
        let cause: Int = switch event.kind {
        case .acquire: known.release
        case .get: known.put
        case .put: known.get
        case .pass: known.wait
        case .join: objects[Int(object)].kind == "worker" ? known.done : known.taskDone
        default: -1
        }
        guard cause >= 0, Int(events[cause].instance) != lane else { return }
        links.append(RunPicture.Link(from: cause, to: index, object: objects[Int(object)].name))
    }

    private mutating func remember(_ event: Event, at index: Int, lane: Int, object: Int32) {
        if event.kind == .finish || event.kind == .died, laneWorkers[lane] >= 0 { enablers[Int(laneWorkers[lane])].done = index }
        guard object >= 0 else { return }
        switch event.kind {
        case .release: enablers[Int(object)].release = index
        case .put: enablers[Int(object)].put = index
        case .get: enablers[Int(object)].get = index
        case .wait: enablers[Int(object)].wait = index
        case .taskDone: enablers[Int(object)].taskDone = index
        case .done: enablers[Int(object)].done = index
        default: break
        }
    }

    private mutating func enter(_ lane: Int, _ state: RunPicture.Span.State, object: Int32 = -1, at time: Double) {
        let track = lanes[lane]
        if track.state == state, track.object == object { return }
        close(lane, at: time)
        lanes[lane].state = state
        lanes[lane].object = object
        lanes[lane].since = time
    }

    private mutating func close(_ lane: Int, at time: Double) {
        let track = lanes[lane]
        lanes[lane].state = nil
        guard let state = track.state, time > track.since else { return }
        let name = track.object >= 0 ? objects[Int(track.object)].name : nil
        spans.append(RunPicture.Span(lane: lane, state: state, from: track.since, to: time, object: name))
    }

    /// The layout once every event is added: what is still open ends at `duration`.
    mutating func finish(finalQueueSizes: [String: Int]?) -> (
        spans: [RunPicture.Span], links: [RunPicture.Link], holders: [RunPicture.Holder], levels: [RunPicture.Level]
    ) {
        for lane in 0..<laneCount { close(lane, at: max(duration, lanes[lane].since)) }
        // Back to back per lane, lanes in order: stable, as spans were added in time order.
        let ordered = spans.enumerated().sorted { ($0.element.lane, $0.offset) < ($1.element.lane, $1.offset) }.map(\.element)
        return (ordered, links, holds.finish(at: duration, objects: objects), levels.finish(finalQueueSizes: finalQueueSizes) { objects[Int($0)].name })
    }
}
