import ScenarioCompiler
import ScenarioRuntime
import ScenarioSyntax

/// What every timeline must show, whatever the engine and however the run ended. Each check
/// returns its violations (empty when it holds), so that it can be fed broken timelines too.
enum Invariants {
    /// Every check, on every object of the scenario.
    static func violations(in report: RunReport, of scenario: CompiledScenario) -> [String] {
        var problems = seqNumbers(report.events) + lifecycles(report.events, instances: report.instances)
        var byObject = Array(repeating: [Event](), count: scenario.objects.count)
        for event in report.events where byObject.indices.contains(Int(event.object)) {
            byObject[Int(event.object)].append(event)
        }
        for (id, object) in scenario.objects.enumerated() {
            let events = byObject[id]
            let found: [String] = switch object.kind {
            case .lock: mutualExclusion(events, reentrant: false)
            case .rlock: mutualExclusion(events, reentrant: true)
            case .semaphore(let permits): semaphoreBound(events, permits: permits)
            case .barrier(let parties): barrierRounds(events, parties: parties)
            case .queue(let capacity): queueOrder(events, capacity: capacity)
            case .variable(let initial):
                // The run's own variable, and each pool process's copy of it (by process id).
                finalValue(events.filter { $0.pid == 0 }, initial: initial, final: report.variables.first { $0.name == object.name }?.value)
                    + Set(events.map(\.pid)).subtracting([0]).sorted().flatMap { pid in
                        finalValue(events.filter { $0.pid == pid }, initial: initial, final: nil, checksFinal: false).map { "process \(pid): \($0)" }
                    }
            case .worker: joinsAfterFinishes(events, of: object.instances, in: report.events)
            case .pool(let size, _): poolCapacity(report.events, pool: Int32(id), size: size ?? PoolSize.cores)
            }
            problems += found.map { "\(object.name): \($0)" }
        }
        return problems
    }

    /// `seq` numbers are exactly 0..<count, in order.
    static func seqNumbers(_ events: some Collection<Event>) -> [String] {
        guard let wrong = events.enumerated().first(where: { $0.element.seq != $0.offset }) else { return [] }
        return ["event #\(wrong.offset) has seq \(wrong.element.seq)"]
    }

    /// Each instance starts once, first; a finished one finishes once, last; a stopped one
    /// ends with `stopped`; a blocked or failed one has no end event.
    static func lifecycles(_ events: some Collection<Event>, instances: [InstanceReport]) -> [String] {
        var kinds = Array(repeating: [EventKind](), count: instances.count)
        for event in events where kinds.indices.contains(Int(event.instance)) {
            kinds[Int(event.instance)].append(event.kind)
        }
        return zip(instances, kinds).flatMap { instance, allKinds -> [String] in
            // A pooled task is submitted before it starts; one still queued at the end never starts.
            let kinds = allKinds.first == .submit ? Array(allKinds.dropFirst()) : allKinds
            if allKinds.first == .submit, kinds.isEmpty || kinds == [.stopped] { return [] }
            let ends = kinds.filter { $0 == .finish || $0 == .stopped }
            var problems: [String] = []
            if kinds.first != .start || kinds.filter({ $0 == .start }).count != 1 {
                problems.append("\(instance.name) does not start exactly once, first")
            }
            let expectedEnd: EventKind? = switch instance.status {
            case .finished: .finish
            case .stopped: .stopped
            case .blocked, .failed: nil
            }
            if ends != (expectedEnd.map { [$0] } ?? []) || (expectedEnd != nil && kinds.last != expectedEnd) {
                problems.append("\(instance.name) ended \(instance.status.rawValue) but its end events are \(ends)")
            }
            return problems
        }
    }

    /// One holder at a time; an rlock's owner may nest and is the only one to release it, and
    /// frees it after as many releases as acquires. Any instance may release a plain lock
    /// (threading.Lock allows it), but only a locked one. A lock may stay held at the end.
    static func mutualExclusion(_ events: [Event], reentrant: Bool) -> [String] {
        var holder: Int32?
        var depth = 0
        for event in events {
            if event.kind == .acquire {
                if let holder, holder != event.instance || !reentrant {
                    return ["seq \(event.seq): instance \(event.instance) acquires while \(holder) holds it"]
                }
                holder = event.instance
                depth += 1
            } else if event.kind == .release {
                guard let current = holder, current == event.instance || !reentrant else {
                    return ["seq \(event.seq): instance \(event.instance) releases it, held by \(holder.map { "\($0)" } ?? "nobody")"]
                }
                depth -= 1
                if depth == 0 { holder = nil }
            }
        }
        return []
    }

    /// Permits taken and not given back never exceed the permits (more releases than acquires
    /// are allowed: a release is never refused).
    /// Never more than `size` tasks of a pool between their `start` in it and their end.
    static func poolCapacity(_ events: some Collection<Event>, pool: Int32, size: Int) -> [String] {
        var running = Set<Int32>()
        for event in events {
            if event.kind == .start, event.object == pool {
                running.insert(event.instance)
                if running.count > size { return ["seq \(event.seq): \(running.count) tasks running in a pool of \(size)"] }
            } else if event.kind == .finish || event.kind == .stopped || event.kind == .died {
                running.remove(event.instance)
            }
        }
        return []
    }

    static func semaphoreBound(_ events: [Event], permits: Int) -> [String] {
        var held = 0
        for event in events where event.kind == .acquire || event.kind == .release {
            held += event.kind == .acquire ? 1 : -1
            if held > permits { return ["seq \(event.seq): \(held) permits held of \(permits)"] }
        }
        return []
    }

    /// Rounds of `parties` waits by different instances, then one pass for each of them; the
    /// last round may stay incomplete (the run ended while some waited).
    static func barrierRounds(_ events: [Event], parties: Int) -> [String] {
        var waiting: [Int32] = []
        var passing: [Int32] = []
        for event in events where event.kind == .wait || event.kind == .pass {
            if event.kind == .wait {
                guard passing.isEmpty, !waiting.contains(event.instance), waiting.count < parties else {
                    return ["seq \(event.seq): a wait by \(event.instance) breaks the round \(waiting) of \(parties)"]
                }
                waiting.append(event.instance)
            } else {
                guard waiting.count == parties, waiting.contains(event.instance), !passing.contains(event.instance) else {
                    return ["seq \(event.seq): a pass by \(event.instance) after the waits \(waiting)"]
                }
                passing.append(event.instance)
                if passing.count == parties { (waiting, passing) = ([], []) }
            }
        }
        return passing.isEmpty ? [] : ["a round ended with \(passing.count) of \(parties) passes"]
    }

    /// Items come out in the order they went in, never from an empty queue; a bounded queue
    /// never holds more than its capacity; `task_done` never outnumbers `put`; `join` returns
    /// only when every item put has been marked done.
    static func queueOrder(_ events: [Event], capacity: Int) -> [String] {
        var puts: [EventValue] = []
        var gets = 0
        var done = 0
        for event in events {
            switch event.kind {
            case .put: puts.append(event.value)
            case .get:
                guard gets < puts.count, puts[gets] == event.value else {
                    return ["seq \(event.seq): got \(event.value), item #\(gets + 1) put was \(gets < puts.count ? "\(puts[gets])" : "none")"]
                }
                gets += 1
            case .taskDone: done += 1
            case .join where done != puts.count:
                return ["seq \(event.seq): join returned with \(puts.count - done) items not done"]
            default: continue
            }
            if capacity > 0, puts.count - gets > capacity {
                return ["seq \(event.seq): \(puts.count - gets) items in a queue of \(capacity)"]
            }
            if done > puts.count { return ["seq \(event.seq): task_done #\(done) after \(puts.count) puts"] }
        }
        return []
    }

    /// Every read sees the value the timeline last wrote before it (or the initial one), and the
    /// final value reported is the last one the timeline wrote.
    /// `checksFinal`: false for a pool process's copy, whose last value is not the run's.
    static func finalValue(_ events: [Event], initial: Int, final: Int?, checksFinal: Bool = true) -> [String] {
        var value = initial
        var problems: [String] = []
        for event in events {
            guard case .integer(let seen) = event.value else { continue }
            switch event.kind {
            case .increment, .decrement, .set: value = seen
            case .read where seen != value: problems.append("seq \(event.seq) reads \(seen), but the last write left \(value)")
            default: break
            }
        }
        if checksFinal, final != value { problems.append("ends \(final.map { "\($0)" } ?? "unreported"), the timeline last wrote \(value)") }
        return problems
    }

    /// A `join` of a worker comes after the `finish` of every instance of it.
    static func joinsAfterFinishes(_ joins: [Event], of instances: [Int], in timeline: some Collection<Event>) -> [String] {
        guard let firstJoin = joins.first(where: { $0.kind == .join }) else { return [] }
        let finished = Set(timeline.prefix(firstJoin.seq).filter { $0.kind == .finish }.map { Int($0.instance) })
        let missing = instances.filter { !finished.contains($0) }
        return missing.isEmpty ? [] : ["seq \(firstJoin.seq): joined before instances \(missing) finished"]
    }
}
