import ScenarioCompiler

/// One instance's future, for a worker with a `result:`: what it returned and when it completed.
public struct FutureResult: Sendable, Equatable {
    public var worker: String
    public var instance: String
    /// The value, or nil when the instance never completed.
    public var value: Int?
    /// 1-based place in completion order (among every future of the run), nil when never completed.
    public var completed: Int?

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

    public init(name: String, size: Int, sizeIsCores: Bool) {
        self.name = name
        self.size = size
        self.sizeIsCores = sizeIsCores
    }

    /// "pool executor: size 2 (the number of cores)".
    public var summary: String {
        "pool \(name): size \(size)" + (sizeIsCores ? " (the number of cores)" : "")
    }
}

extension ReportBuilder {
    /// Every future of the workers with a `result:`, in submission (declaration) order.
    func futureResults() -> [FutureResult] {
        scenario.instances.indices.compactMap { instance in
            let info = scenario.instances[instance]
            guard scenario.objects[info.worker].hasResult else { return nil }
            let rank = context.futures.rank(instance)
            return FutureResult(
                worker: info.workerName, instance: info.name, value: rank > 0 ? context.futures.value(instance) : nil,
                completed: rank > 0 ? rank : nil)
        }
    }

    func pools() -> [PoolInfo] {
        scenario.objects.compactMap { object in
            guard case .pool(let size) = object.kind else { return nil }
            return PoolInfo(name: object.name, size: PoolSize.resolved(size), sizeIsCores: size == nil)
        }
    }
}
