import ScenarioCompiler

/// One instance's future, for a worker with a `result:`: what it returned and when it completed.
public struct FutureResult: Sendable, Equatable {
    public var worker: String
    public var instance: String
    /// The value, or nil when the instance never completed.
    public var value: Int?
    /// 1-based place in completion order (among every future of the run), nil when never completed.
    public var completed: Int?
    /// Why the future has no result: "its process (pid 123) exited with status 3".
    public var failure: String?

    public init(worker: String, instance: String, value: Int?, completed: Int?) {
        self.worker = worker
        self.instance = instance
        self.value = value
        self.completed = completed
    }
}

/// A pool as the run used it.
public struct PoolInfo: Sendable, Equatable {
    public var name: String
    public var size: Int
    /// Whether the size was left out and is the number of cores.
    public var sizeIsCores: Bool
    /// For a process pool: each process's copy of the variables as the run ended; nil for a thread pool.
    public var processes: [ProcessCopy]?

    public init(name: String, size: Int, sizeIsCores: Bool) {
        self.name = name
        self.size = size
        self.sizeIsCores = sizeIsCores
    }

    /// "pool executor: size 2 (the number of cores)"; "pool procs: 2 processes".
    public var summary: String {
        let count = processes == nil ? "size \(size)" : "\(size) process\(size == 1 ? "" : "es")"
        return "pool \(name): \(count)" + (sizeIsCores ? " (the number of cores)" : "")
    }
}

/// A process of a process pool as the run ended: its copy of the variables, which its tasks
/// wrote and the parent never saw.
public struct ProcessCopy: Sendable, Equatable {
    /// 1-based: `executor-N`.
    public var slot: Int
    /// The id of the process that held the copy last.
    public var pid: Int
    public var variables: [NamedValue]

    public init(slot: Int, pid: Int, variables: [NamedValue]) {
        self.slot = slot
        self.pid = pid
        self.variables = variables
    }
}

extension ReportBuilder {
    /// Every future of the workers with a `result:`, in submission (declaration) order.
    func futureResults() -> [FutureResult] {
        scenario.instances.indices.compactMap { instance in
            let info = scenario.instances[instance]
            guard scenario.objects[info.worker].hasResult else { return nil }
            let rank = context.futures.rank(instance)
            var result = FutureResult(
                worker: info.workerName, instance: info.name, value: rank > 0 ? context.futures.value(instance) : nil,
                completed: rank > 0 ? rank : nil)
            result.failure = context.futures.failure(instance)
            return result
        }
    }

    func pools() -> [PoolInfo] {
        scenario.objects.enumerated().compactMap { id, object in
            guard case .pool(let size, _) = object.kind else { return nil }
            var info = PoolInfo(name: object.name, size: PoolSize.resolved(size), sizeIsCores: size == nil)
            if case .pool(_, true) = object.kind {
                info.processes = (1...info.size).compactMap { slot in
                    // A process that never started (the run failed before it began) has no copy to show.
                    guard let image = context.processes.image(pool: id, slot: slot), image.pid != 0 else { return nil }
                    let variables = image.values.map { NamedValue(name: scenario.objects[$0.object].name, value: $0.value) }
                    return ProcessCopy(slot: slot, pid: Int(image.pid), variables: variables)
                }
            }
            return info
        }
    }
}
