import ScenarioCompiler

/// What a blocked instance waits for, as far as progress is concerned.
enum WaitNeed: Sendable, Equatable {
    /// A lock or rlock to be released by its holder (or, for a plain lock, by anyone who may).
    case lock
    case semaphore
    case barrier
    /// An item in an empty queue.
    case queueItem
    /// Room in a full queue.
    case queueRoom
    /// Every task of a queue to be done (`join` on a queue).
    case queueDone
    /// Every instance of a worker to finish (`join` on a worker, `gather`), or the next one (`as_completed`).
    case worker
    /// A slot of a pool (help: a task in a slot finishing).
    case poolSlot
}

/// The object an instance waits for, and what it needs from it.
struct Wait: Sendable, Equatable {
    let object: ObjectID
    let need: WaitNeed
}

/// Where an instance is, as the progress analysis sees it.
enum InstanceState: Sendable, Equatable {
    /// Running, sleeping or working: able to take its next step.
    case running
    case blocked(Wait)
    case finished

    var wait: Wait? {
        if case .blocked(let wait) = self { return wait }
        return nil
    }
}

/// Decides which blocked instances can never go on: those that no instance able to move has a
/// step left to help — no release of the lock they want (by its holder), no put to their empty
/// queue, no arrival at their barrier, no finish of the worker they join. Instances able to
/// move are the running ones and, transitively, the blocked ones that they can help.
///
/// Engine-neutral and pure: it reads the instances' states and positions (the instruction each
/// stands at, or an earlier one: an earlier position can only promise more help) and the lock
/// holders, and answers with the stuck instances. One analysis serves every kind of deadlock:
/// a lock cycle is a set of instances that can only be helped by each other.
struct ProgressAnalysis: Sendable {
    let table: HelpTable
    /// Per instance: its program, and its worker's object ID.
    let programOf: [Int]
    let workerOf: [ObjectID]
    /// Plain locks that a `release` step names outside a `with`: any instance with such a step
    /// may release them while another holds them, as threading.Lock allows.
    let releasableByOthers: Set<ObjectID>

    init(_ scenario: CompiledScenario) {
        table = HelpTable(scenario)
        programOf = scenario.instances.map(\.program)
        workerOf = scenario.instances.map(\.worker)
        releasableByOthers = scenario.releasedOutsideWith.filter {
            if case .lock = scenario.objects[$0].kind { true } else { false }
        }
    }

    /// The blocked instances that nothing can help, in instance order.
    /// - Parameters:
    ///   - position: the instruction an instance stands at (or an earlier one it passed).
    ///   - lockOwner: who holds a lock, nil when free.
    func stuck(states: [InstanceState], position: (Int) -> Int, lockOwner: (ObjectID) -> Int?) -> [Int] {
        var movable = [Bool](repeating: false, count: states.count)
        var work: [Int] = []
        var byToken: [Int: [Int]] = [:]
        var byHolder: [Int: [(instance: Int, lock: ObjectID)]] = [:]
        var unfinished: [ObjectID: Int] = [:]
        for (instance, state) in states.enumerated() where state != .finished {
            unfinished[workerOf[instance], default: 0] += 1
        }
        func move(_ instance: Int) {
            guard !movable[instance] else { return }
            movable[instance] = true
            work.append(instance)
        }
        for (instance, state) in states.enumerated() {
            switch state {
            case .finished:
                continue
            case .running:
                move(instance)
            case .blocked(let wait):
                switch wait.need {
                case .lock where !releasableByOthers.contains(wait.object):
                    guard let holder = lockOwner(wait.object) else {
                        move(instance)  // released a moment ago; its waiter is about to retry
                        continue
                    }
                    if holder != instance { byHolder[holder, default: []].append((instance, wait.object)) }
                case .worker where unfinished[wait.object, default: 0] == 0:
                    move(instance)  // every instance finished; the join is about to return
                default:
                    byToken[Self.token(for: wait), default: []].append(instance)
                }
            }
        }
        var available = [UInt64](repeating: 0, count: table.words)
        var seen = Set<Int>()
        while let helper = work.popLast() {
            let program = programOf[helper]
            let pc = position(helper)
            if seen.insert(program << 32 | pc).inserted {
                table.merge(program: program, pc: pc, into: &available) { token in
                    for waiter in byToken.removeValue(forKey: token) ?? [] { move(waiter) }
                }
            }
            for (waiter, lock) in byHolder.removeValue(forKey: helper) ?? []
            where table.contains(program: program, pc: pc, token: HelpTable.token(lock, .primary)) {
                move(waiter)
            }
        }
        return states.indices.filter { states[$0].wait != nil && !movable[$0] }
    }

    /// The help a wait needs.
    static func token(for wait: Wait) -> Int {
        switch wait.need {
        case .lock, .semaphore, .barrier, .queueItem, .worker, .poolSlot: HelpTable.token(wait.object, .primary)
        case .queueRoom: HelpTable.token(wait.object, .get)
        case .queueDone: HelpTable.token(wait.object, .taskDone)
        }
    }

    /// Whether an instance of `instance`'s program at `pc` may still give what `wait` needs.
    func mayHelp(_ instance: Int, at pc: Int, with wait: Wait) -> Bool {
        table.contains(program: programOf[instance], pc: pc, token: Self.token(for: wait))
    }
}
