import ScenarioCompiler
import ScenarioDiagnostics

/// Explains why instances are stuck: what each waits for and who holds it, grouped so that the
/// explanation grows linearly with the number of instances (10,000 instances waiting at one
/// barrier make one line, not 10,000 lines each naming 10,000 arrivals); the wait-for cycle
/// through locks when there is one; and the instances still running that cannot help. Reads the
/// primitives after every instance thread has stopped, so their state is the state the run ended in.
struct DeadlockExplainer {
    let context: RunContext
    let states: [InstanceState]
    /// Where each instance stood when the run ended (or a step it had passed).
    let positions: [Int]
    /// The blocked instances nothing could help when the deadlock was decided.
    let stuck: [Int]

    /// How many names a list shows before "… and N more".
    static let namesShown = 3

    private var scenario: CompiledScenario { context.scenario }

    func report() -> DeadlockReport {
        let blocked = states.indices.filter { states[$0].wait != nil }
        return DeadlockReport(
            waits: groupedWaits(blocked), cycle: cycle(among: blocked),
            running: runningThatCannotHelp(stuck.isEmpty ? blocked : stuck),
            objects: blockedObjects(blocked))
    }

    /// What a blocked instance waits for, in a few words: "lock right, held by second".
    func waitDescription(of instance: Int) -> String? {
        guard let wait = states[instance].wait else { return nil }
        let name = scenario.objects[wait.object].name
        switch context.objects.objects[wait.object] {
        case .lock(let box):
            let (owner, depth, reentrant) = box.state.withLock { ($0.machine.owner, $0.machine.depth, $0.machine.isReentrant) }
            let kind = reentrant ? "rlock" : "lock"
            guard let owner else { return "\(kind) \(name), which is free" }
            if owner == instance {
                return "\(kind) \(name), which it holds itself (a plain lock is not reentrant)"
            }
            let times = reentrant ? " (\(Self.count(depth, "time")))" : ""
            let finished = states[owner] == .finished ? ", which finished without releasing it" : ""
            return "\(kind) \(name), held by \(instanceName(owner))\(times)\(finished)"
        case .semaphore(let semaphore):
            let (permits, initial, holders) = semaphore.withLock {
                ($0.machine.permits, $0.machine.initialPermits, $0.machine.holders)
            }
            let held = holders.keys.sorted()
            return "semaphore \(name) (\(Self.grouped(permits)) of \(Self.grouped(initial)) permits free"
                + (held.isEmpty ? ")" : "; held by \(names(held)))")
        case .barrier(let barrier):
            let (arrived, parties) = barrier.withLock { ($0.waiting.count, $0.parties) }
            return "barrier \(name) (\(Self.grouped(arrived)) of \(Self.count(parties, "party", plural: "parties")) arrived)"
        case .queue(let queue):
            let (count, capacity, unfinished) = queue.withLock { ($0.count, $0.capacity, $0.unfinished) }
            switch wait.need {
            case .queueItem: return "an item in queue \(name), which is empty"
            case .queueRoom:
                return "room in queue \(name), which is full (\(Self.grouped(count)) of \(Self.grouped(capacity)))"
            default: return "queue \(name) to be done (\(Self.count(unfinished, "unfinished task")))"
            }
        case .worker:
            let left = scenario.objects[wait.object].instances.filter { states[$0] != .finished }
            let described = left.prefix(Self.namesShown).map { other in
                "\(instanceName(other)) " + (states[other].wait != nil ? "blocked" : "still running")
            }
            return "worker \(name) to finish (not finished: \(described.joined(separator: ", "))"
                + Self.more(left.count - described.count) + ")"
        case .pool(let pool):
            let (size, holders) = pool.withLock { ($0.size, $0.holders) }
            let described = holders.prefix(Self.namesShown).map { other in
                "\(instanceName(other)) " + (states[other].wait != nil ? "blocked" : "still running")
            }
            return "a slot of pool \(name) (all \(Self.grouped(size)) taken: \(described.joined(separator: ", "))"
                + Self.more(holders.count - described.count) + ")"
        case .variable:
            preconditionFailure("instance \(instance) is blocked on variable '\(name)'")
        }
    }

    /// One line per group of instances of one worker waiting for the same thing:
    /// "alice waits for lock b, held by bob"; "10,000 instances of w wait for barrier b (…): w-1, w-2, w-3 … and 9,997 more".
    private func groupedWaits(_ blocked: [Int]) -> [String] {
        var order: [String] = []
        var groups: [String: (worker: String, members: [Int])] = [:]
        for instance in blocked {
            let what = waitDescription(of: instance) ?? "something"
            let key = scenario.instances[instance].workerName + "\u{0}" + what
            if groups[key] == nil {
                order.append(key)
                groups[key] = (scenario.instances[instance].workerName, [])
            }
            groups[key]?.members.append(instance)
        }
        return order.compactMap { key in
            guard let group = groups[key], let what = key.split(separator: "\u{0}", maxSplits: 1).last else { return nil }
            let daemon = scenario.instances[group.members[0]].isDaemon ? "daemon " : ""
            if group.members.count == 1 { return "\(daemon)\(instanceName(group.members[0])) waits for \(what)" }
            return "\(Self.grouped(group.members.count)) \(daemon)instances of \(group.worker) wait for \(what): "
                + names(group.members)
        }
    }

    /// Instances still running when the deadlock was decided, grouped by worker, with why they
    /// cannot help: none of the steps they have left gives what the stuck instances wait for.
    private func runningThatCannotHelp(_ blocked: [Int]) -> [String] {
        let running = states.indices.filter { states[$0] == .running }
        guard !running.isEmpty else { return [] }
        var needs: [Wait] = []
        for instance in blocked {
            if let wait = states[instance].wait, !needs.contains(wait) { needs.append(wait) }
        }
        let words = needs.prefix(4).map(helpWords) + (needs.count > 4 ? ["… (\(needs.count - 4) more)"] : [])
        var byWorker: [String: [Int]] = [:]
        var order: [String] = []
        for instance in running {
            let worker = scenario.instances[instance].workerName
            if byWorker[worker] == nil { order.append(worker) }
            byWorker[worker, default: []].append(instance)
        }
        return order.map { worker in
            let members = byWorker[worker] ?? []
            let daemon = scenario.instances[members[0]].isDaemon ? "daemon " : ""
            let who = members.count == 1
                ? "\(daemon)\(instanceName(members[0])) is" : "\(Self.grouped(members.count)) \(daemon)instances of \(worker) are"
            return "\(who) still running, but none of the steps \(members.count == 1 ? "it has" : "they have") left "
                + "would " + words.joined(separator: ", or ")
        }
    }

    /// "release lock a", "put to queue jobs", …: the help a wait needs.
    private func helpWords(_ wait: Wait) -> String {
        let name = scenario.objects[wait.object].name
        let kind = scenario.objects[wait.object].kind.word
        switch wait.need {
        case .lock where !context.monitor.analysis.releasableByOthers.contains(wait.object):
            // Only its holder may release it (an rlock always; a plain lock here, as no `release`
            // step outside a `with` names it).
            guard let holder = context.objects.lockOwner(wait.object) else { return "release \(kind) \(name)" }
            return "release \(kind) \(name), which only its holder \(instanceName(holder)) can release"
        case .lock, .semaphore: return "release \(kind) \(name)"
        case .barrier: return "arrive at barrier \(name)"
        case .queueItem: return "put to queue \(name)"
        case .queueRoom: return "get from queue \(name)"
        case .queueDone: return "mark a task of queue \(name) done"
        case .worker: return "finish (as worker \(name))"
        case .poolSlot: return "finish a task of pool \(name)"
        }
    }

    /// Each object someone waits for, once, with every waiter and holder named: what JSON
    /// readers get in full, linear in the number of instances.
    private func blockedObjects(_ blocked: [Int]) -> [BlockedObject] {
        var order: [ObjectID] = []
        var waiting: [ObjectID: [Int]] = [:]
        for instance in blocked {
            guard let wait = states[instance].wait else { continue }
            if waiting[wait.object] == nil { order.append(wait.object) }
            waiting[wait.object, default: []].append(instance)
        }
        return order.map { object in
            let waiters = waiting[object] ?? []
            var holders: [Int] = []
            var state = ""
            switch context.objects.objects[object] {
            case .lock(let box):
                let (owner, depth) = box.state.withLock { ($0.machine.owner, $0.machine.depth) }
                holders = owner.map { [$0] } ?? []
                let reentrant = box.isReentrant
                state = owner == nil ? "free" : reentrant ? "held \(Self.count(depth, "time"))" : "held"
            case .semaphore(let semaphore):
                let (permits, initial, held) = semaphore.withLock { ($0.machine.permits, $0.machine.initialPermits, $0.machine.holders) }
                holders = held.keys.sorted()
                state = "\(permits) of \(initial) permits free"
            case .barrier(let barrier):
                let (arrived, parties) = barrier.withLock { ($0.waiting, $0.parties) }
                holders = arrived
                state = "\(arrived.count) of \(parties) parties arrived"
            case .queue(let queue):
                let (count, capacity, unfinished) = queue.withLock { ($0.count, $0.capacity, $0.unfinished) }
                state = "\(count) items" + (capacity > 0 ? " of \(capacity)" : "") + ", \(unfinished) unfinished"
            case .worker:
                holders = scenario.objects[object].instances.filter { states[$0] != .finished }
                state = "\(holders.count) of \(scenario.objects[object].instances.count) instances not finished"
            case .pool(let pool):
                let (size, inSlots, queued) = pool.withLock { ($0.size, $0.holders, $0.queued.count) }
                holders = inSlots
                state = "\(inSlots.count) of \(size) slots taken, \(queued) tasks queued"
            case .variable:
                preconditionFailure("an instance is blocked on variable '\(scenario.objects[object].name)'")
            }
            return BlockedObject(
                name: scenario.objects[object].name, kind: scenario.objects[object].kind.word, state: state,
                waiting: waiters.map(instanceName), holders: holders.map(instanceName))
        }
    }

    /// "first holds left, waits for right", one per member of the first cycle found through locks
    /// and semaphores whose permits one instance holds.
    private func cycle(among blocked: [Int]) -> [String] {
        var visited = Set<Int>()
        for start in blocked where !visited.contains(start) {
            var path = [start]
            var onPath = [start: 0]
            var current = start
            while let wait = states[current].wait, let owner = soleHolder(of: wait) {
                if let index = onPath[owner] { return describe(Array(path[index...])) }
                if visited.contains(owner) { break }
                onPath[owner] = path.count
                path.append(owner)
                current = owner
            }
            visited.formUnion(path)
        }
        return []
    }

    /// The one instance that can give what `wait` needs back: a lock's owner, or the only holder
    /// of a semaphore's permits. Nil when there is none, or several.
    private func soleHolder(of wait: Wait) -> Int? {
        switch context.objects.objects[wait.object] {
        case .lock: return context.objects.lockOwner(wait.object)
        case .semaphore(let semaphore):
            let holders = semaphore.withLock { Array($0.machine.holders.keys) }
            return holders.count == 1 ? holders.first : nil
        default: return nil
        }
    }

    private func describe(_ path: [Int]) -> [String] {
        path.indices.map { index in
            let member = path[index]
            let waitsFor = states[member].wait.map { scenario.objects[$0.object].name } ?? "?"
            let previous = path[(index + path.count - 1) % path.count]
            let holds = states[previous].wait.map { scenario.objects[$0.object].name } ?? "?"
            return "\(instanceName(member)) holds \(holds), waits for \(waitsFor)"
        }
    }

    /// "a, b, c … and 9,997 more".
    private func names(_ instances: [Int]) -> String {
        instances.prefix(Self.namesShown).map(instanceName).joined(separator: ", ")
            + Self.more(instances.count - Self.namesShown)
    }

    private static func more(_ hidden: Int) -> String { hidden > 0 ? " … and \(grouped(hidden)) more" : "" }

    private func instanceName(_ instance: Int) -> String { scenario.instances[instance].name }

    /// "1 time", "3 times", "10,001 parties".
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(number)) \(number == 1 ? noun : plural ?? noun + "s")"
    }

    /// 10000 → "10,000".
    static func grouped(_ number: Int) -> String { GroupedNumber.text(number) }
}
