import ScenarioRuntime

/// Properties of a timeline, each returning its violations (empty when it holds), so that they
/// can be tested on hand-made timelines too.
enum TimelineCheck {
    /// `seq` numbers are exactly 0..<count, in order.
    static func seqNumbers(_ events: some Collection<Event>) -> [String] {
        var problems: [String] = []
        for (index, event) in events.enumerated() where event.seq != index {
            problems.append("event #\(index) has seq \(event.seq)")
            if problems.count > 5 { break }
        }
        return problems
    }

    /// Every instance has exactly one `start`, as its first event; a finished instance has exactly
    /// one `finish`, as its last event; an instance that did not finish has none; a stopped one
    /// ends with `stopped`.
    static func lifecycles(_ events: some Collection<Event>, instances: [InstanceReport]) -> [String] {
        var byInstance = Array(repeating: [EventKind](), count: instances.count)
        var problems: [String] = []
        for event in events {
            guard event.instance >= 0, Int(event.instance) < instances.count else {
                problems.append("event \(event.seq) names instance \(event.instance)")
                continue
            }
            byInstance[Int(event.instance)].append(event.kind)
        }
        for (index, instance) in instances.enumerated() {
            let kinds = byInstance[index]
            let name = instance.name
            let starts = kinds.filter { $0 == .start }.count
            let finishes = kinds.filter { $0 == .finish }.count
            if starts != 1 { problems.append("\(name) has \(starts) start events") }
            if kinds.first != .start { problems.append("\(name) begins with \(kinds.first.map { "\($0)" } ?? "nothing")") }
            switch instance.status {
            case .finished:
                if finishes != 1 { problems.append("\(name) finished with \(finishes) finish events") }
                if kinds.last != .finish { problems.append("\(name) finished but its last event is \(kinds.last.map { "\($0)" } ?? "none")") }
            case .stopped:
                if finishes != 0 { problems.append("\(name) was stopped but has a finish event") }
                if kinds.last != .stopped { problems.append("\(name) was stopped but its last event is \(kinds.last.map { "\($0)" } ?? "none")") }
            case .blocked, .failed:
                if finishes != 0 { problems.append("\(name) ended \(instance.status) but has a finish event") }
            }
        }
        return problems
    }

    struct LockWalk {
        var problems: [String] = []
        var acquisitions = 0
        var releases = 0
        var maximumDepth = 0
    }

    /// Walks one lock's events in `seq` order: nobody acquires it while another instance holds it,
    /// only the holder releases it, a plain lock alternates acquire and release, an rlock's owner
    /// may nest and frees it after as many releases as acquires.
    static func mutualExclusion(_ events: some Collection<Event>, lock: Int32, reentrant: Bool) -> LockWalk {
        var walk = LockWalk()
        var holder: Int32?
        var depth = 0
        for event in events where event.object == lock {
            switch event.kind {
            case .acquire:
                walk.acquisitions += 1
                if let current = holder {
                    if current != event.instance {
                        walk.problems.append("seq \(event.seq): instance \(event.instance) acquires while \(current) holds it")
                    } else if !reentrant {
                        walk.problems.append("seq \(event.seq): instance \(event.instance) acquires a plain lock it holds")
                    }
                    depth += 1
                } else {
                    holder = event.instance
                    depth = 1
                }
                walk.maximumDepth = max(walk.maximumDepth, depth)
            case .release:
                walk.releases += 1
                guard let current = holder else {
                    walk.problems.append("seq \(event.seq): instance \(event.instance) releases a free lock")
                    continue
                }
                if current != event.instance {
                    walk.problems.append("seq \(event.seq): instance \(event.instance) releases a lock held by \(current)")
                }
                depth -= 1
                if depth == 0 { holder = nil }
            default:
                break
            }
            if walk.problems.count > 5 { break }
        }
        if holder != nil { walk.problems.append("still held by \(holder!) at the end (depth \(depth))") }
        return walk
    }

    struct SemaphoreWalk {
        var problems: [String] = []
        var acquisitions = 0
        var maximumHeld = 0
    }

    /// Walks one semaphore's events: permits taken and not given back stay within 0...permits.
    static func semaphoreBound(_ events: some Collection<Event>, semaphore: Int32, permits: Int) -> SemaphoreWalk {
        var walk = SemaphoreWalk()
        var held = 0
        for event in events where event.object == semaphore {
            switch event.kind {
            case .acquire:
                walk.acquisitions += 1
                held += 1
            case .release:
                held -= 1
            default:
                continue
            }
            walk.maximumHeld = max(walk.maximumHeld, held)
            if held > permits { walk.problems.append("seq \(event.seq): \(held) permits held, more than \(permits)") }
            if held < 0 { walk.problems.append("seq \(event.seq): \(held) permits held") }
            if walk.problems.count > 5 { break }
        }
        return walk
    }

    struct BarrierWalk {
        var problems: [String] = []
        var rounds = 0
    }

    /// Walks one barrier's `wait` and `pass` events: rounds of N waits by N different instances,
    /// then N passes by exactly those instances.
    static func barrierRounds(_ events: some Collection<Event>, barrier: Int32, parties: Int) -> BarrierWalk {
        var walk = BarrierWalk()
        var waiting: [Int32] = []
        var passing: [Int32] = []
        for event in events where event.object == barrier {
            switch event.kind {
            case .wait:
                if !passing.isEmpty {
                    walk.problems.append("seq \(event.seq): a wait before the round's passes were all recorded")
                }
                if waiting.contains(event.instance) {
                    walk.problems.append("seq \(event.seq): instance \(event.instance) waits twice in one round")
                }
                waiting.append(event.instance)
                if waiting.count > parties {
                    walk.problems.append("seq \(event.seq): \(waiting.count) waits in a round of \(parties)")
                }
            case .pass:
                if waiting.count != parties {
                    walk.problems.append("seq \(event.seq): a pass after \(waiting.count) waits (parties \(parties))")
                }
                if !waiting.contains(event.instance) {
                    walk.problems.append("seq \(event.seq): instance \(event.instance) passes without waiting")
                }
                if passing.contains(event.instance) {
                    walk.problems.append("seq \(event.seq): instance \(event.instance) passes twice in one round")
                }
                passing.append(event.instance)
                if passing.count == waiting.count {
                    walk.rounds += 1
                    waiting = []
                    passing = []
                }
            default:
                continue
            }
            if walk.problems.count > 5 { break }
        }
        if !passing.isEmpty { walk.problems.append("a round ended with \(passing.count) of \(parties) passes") }
        return walk
    }

    struct QueueWalk {
        var problems: [String] = []
        var puts: [EventValue] = []
        var gets: [EventValue] = []
        var maximumCount = 0
        var tasksDone = 0
    }

    /// Walks one queue's events: items come out in the order they went in, the number of items
    /// in the queue stays within 0...capacity (when bounded), and `task_done` never outnumbers `put`.
    static func queueOrder(_ events: some Collection<Event>, queue: Int32, capacity: Int) -> QueueWalk {
        var walk = QueueWalk()
        for event in events where event.object == queue {
            switch event.kind {
            case .put:
                walk.puts.append(event.value)
            case .get:
                let index = walk.gets.count
                walk.gets.append(event.value)
                if index >= walk.puts.count {
                    walk.problems.append("seq \(event.seq): get from an empty queue")
                } else if walk.puts[index] != event.value {
                    walk.problems.append("seq \(event.seq): got \(event.value), but item #\(index + 1) put was \(walk.puts[index])")
                }
            case .taskDone:
                walk.tasksDone += 1
                if walk.tasksDone > walk.puts.count {
                    walk.problems.append("seq \(event.seq): task_done #\(walk.tasksDone) after \(walk.puts.count) puts")
                }
            default:
                continue
            }
            let count = walk.puts.count - walk.gets.count
            walk.maximumCount = max(walk.maximumCount, count)
            if capacity > 0 && count > capacity {
                walk.problems.append("seq \(event.seq): \(count) items in a queue of capacity \(capacity)")
            }
            if walk.problems.count > 5 { break }
        }
        return walk
    }
}
