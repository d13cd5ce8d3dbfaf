import ScenarioCompiler

/// Explains why instances are stuck: for each one what it waits for and who holds it, and the
/// wait-for cycle through locks when there is one. Reads the primitives after every instance
/// thread has stopped, so their state is the state the run ended in.
struct DeadlockExplainer {
    let context: RunContext
    let states: [RunMonitor.InstanceState]

    private var scenario: CompiledScenario { context.scenario }

    func report() -> DeadlockReport {
        let blocked = states.indices.filter { if case .blocked = states[$0] { true } else { false } }
        let waits = blocked.map { "\(instanceName($0)) waits for \(waitDescription(of: $0) ?? "something")" }
        return DeadlockReport(waits: waits, cycle: cycle(among: blocked))
    }

    /// What a blocked instance waits for: "lock right, held by second".
    func waitDescription(of instance: Int) -> String? {
        guard case .blocked(let object) = states[instance] else { return nil }
        let name = scenario.objects[object].name
        switch context.objects.objects[object] {
        case .lock(let box):
            let (owner, depth, reentrant) = box.state.withLock { ($0.machine.owner, $0.machine.depth, $0.machine.isReentrant) }
            let kind = reentrant ? "rlock" : "lock"
            guard let owner else { return "\(kind) \(name), which is free" }
            if owner == instance {
                return "\(kind) \(name), which it holds itself (a plain lock is not reentrant)"
            }
            let times = reentrant ? " (\(depth) time\(depth == 1 ? "" : "s"))" : ""
            return "\(kind) \(name), held by \(instanceName(owner))\(times)"
        case .semaphore(let semaphore):
            let (permits, initial, holders) = semaphore.withLock {
                ($0.machine.permits, $0.machine.initialPermits, $0.machine.holders)
            }
            let held = holders.keys.sorted().map(instanceName).joined(separator: ", ")
            return "semaphore \(name) (\(permits) of \(initial) permits free"
                + (held.isEmpty ? ")" : "; held by \(held))")
        case .barrier(let barrier):
            let (arrived, parties) = barrier.withLock { ($0.waiting, $0.parties) }
            return "barrier \(name) (\(arrived.count) of \(parties) parties arrived: "
                + arrived.map(instanceName).joined(separator: ", ") + ")"
        case .queue(let queue):
            let (count, capacity, getters, putters, unfinished) = queue.withLock {
                ($0.count, $0.capacity, $0.waitingToGet, $0.waitingToPut, $0.unfinished)
            }
            if getters.contains(instance) { return "an item in queue \(name), which is empty" }
            if putters.contains(instance) { return "room in queue \(name), which is full (\(count) of \(capacity))" }
            return "queue \(name) to be done (\(unfinished) unfinished task\(unfinished == 1 ? "" : "s"))"
        case .worker:
            let left = scenario.objects[object].instances.filter { states[$0] != .finished }
            return "worker \(name) to finish (still running: "
                + left.map(instanceName).joined(separator: ", ") + ")"
        case .variable:
            return nil
        }
    }

    /// "first holds left, waits for right", one per member of the first lock cycle found.
    private func cycle(among blocked: [Int]) -> [String] {
        for start in blocked {
            var path = [start]
            var current = start
            while let object = blockedObject(current), let owner = context.objects.lockOwner(object) {
                if owner == start {
                    return describe(path)
                }
                if path.contains(owner) { break }
                path.append(owner)
                current = owner
            }
        }
        return []
    }

    private func describe(_ path: [Int]) -> [String] {
        path.indices.map { index in
            let member = path[index]
            let waitsFor = blockedObject(member).map { scenario.objects[$0].name } ?? "?"
            let previous = path[(index + path.count - 1) % path.count]
            let holds = blockedObject(previous).map { scenario.objects[$0].name } ?? "?"
            return "\(instanceName(member)) holds \(holds), waits for \(waitsFor)"
        }
    }

    private func blockedObject(_ instance: Int) -> Int? {
        if case .blocked(let object) = states[instance] { return object }
        return nil
    }

    private func instanceName(_ instance: Int) -> String { scenario.instances[instance].name }
}
