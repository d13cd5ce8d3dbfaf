import ScenarioRendering
import ScenarioRuntime

extension Recording {
    /// This run's picture, as `scenario show` draws a timeline file: its lanes in the run's
    /// instance order, its objects as its header declares them, its outcome from its trailer (or
    /// from the report it is). The picture's events are this recording's events in the same
    /// order, so a position in `events` is the same index in the picture's events (while it is
    /// under the picture's event limit).
    ///
    /// A JSON report does not declare its objects: their kinds are told from what the events did
    /// to them (`objectKinds`), so that locks and semaphores still get their strips.
    public func picture(names: DiffNames) -> RunPicture {
        let laneNames = instances.map { names.instances.names[Int($0)] }
        let objects = header?.objects ?? Self.objectKinds(events, names: names.objects.names)
        var lane: [Int32: Int32] = [:]
        for (index, instance) in instances.enumerated() where lane[instance] == nil { lane[instance] = Int32(index) }
        var object: [String: Int32] = [:]
        for (index, info) in objects.enumerated() where object[info.name] == nil { object[info.name] = Int32(index) }
        let moved = events.map { event in
            var local = event
            local.instance = lane[event.instance] ?? -1
            local.object = event.object >= 0 ? object[names.objects.names[Int(event.object)]] ?? -1 : -1
            return local
        }
        let localHeader = TimelineHeader(
            scenario: header?.scenario ?? scenario ?? "", file: header?.file ?? "", runtime: header?.runtime ?? runtime ?? "",
            executor: header?.executor, instances: laneNames, objects: objects)
        return RunPicture(timeline: TimelineFile(header: localHeader, events: moved, trailer: trailer))
    }

    /// The objects the events name, in the order they first appear, each with the kind its
    /// events show: acquired and released (a `lock`; an `rlock` when one instance takes it twice;
    /// a `semaphore` when two hold it at once), put into or got from (a `queue`), waited at (a
    /// `barrier`), read or written (a `variable`), joined (a `worker`).
    static func objectKinds(_ events: [Event], names: [String]) -> [ObjectInfo] {
        var order: [Int32] = []
        var kinds: [Int32: String] = [:]
        var holders: [Int32: [Int32: Int]] = [:]
        for event in events where event.object >= 0 && Int(event.object) < names.count {
            let id = event.object
            if kinds[id] == nil {
                order.append(id)
                kinds[id] = ""
            }
            let current = kinds[id] ?? ""
            switch event.kind {
            case .acquire:
                var held = holders[id, default: [:]]
                let again = held[event.instance, default: 0] > 0
                held[event.instance, default: 0] += 1
                let others = held.filter { $0.key != event.instance && $0.value > 0 }.count
                holders[id] = held
                if others > 0 || current == "semaphore" { kinds[id] = "semaphore" }
                else if again || current == "rlock" { kinds[id] = "rlock" }
                else { kinds[id] = "lock" }
            case .release:
                holders[id, default: [:]][event.instance, default: 0] -= 1
            case .put, .get, .taskDone:
                kinds[id] = "queue"
            case .wait, .pass:
                kinds[id] = "barrier"
            case .read, .increment, .decrement, .set:
                kinds[id] = "variable"
            case .join:
                // A queue's join follows its puts; a join of nothing else is a worker's.
                if current.isEmpty { kinds[id] = "worker" }
            default:
                break
            }
        }
        return order.map { ObjectInfo(name: names[Int($0)], kind: kinds[$0] ?? "") }
    }
}
