import ScenarioCompiler
import ScenarioSyntax

/// Reads the final state of a finished run into a `RunReport`.
struct ReportBuilder {
    let context: RunContext
    let outcome: RunMonitor.Outcome
    let duration: Double
    let states: [InstanceState]
    let positions: [Int]
    let statuses: [InstanceReport.Status]

    init(context: RunContext, outcome: RunMonitor.Outcome, duration: Double) {
        self.context = context
        self.outcome = outcome
        self.duration = duration
        let states = context.monitor.finalStates
        self.states = states
        self.positions = context.monitor.finalPositions
        let died = Set(context.monitor.deaths.map(\.instance))
        self.statuses = states.indices.map { instance in
            switch states[instance] {
            case .finished where died.contains(instance):
                return .failed
            case .finished:
                return .finished
            case _ where outcome.failedInstance == instance:
                return .failed
            case .blocked where outcome != .completed:
                return .blocked
            case .blocked, .running:
                return .stopped
            }
        }
    }

    var scenario: CompiledScenario { context.scenario }

    /// A `stopped` event for each instance the end of the run stopped.
    func recordStoppedInstances() {
        for (instance, status) in statuses.enumerated() where status == .stopped {
            context.recorder.record(instance: instance, .stopped)
        }
    }

    /// - Parameters:
    ///   - runtime: the engine that ran: `threads` or `async`.
    ///   - executor: for `async`, where its tasks ran: `loop` or `pool`.
    func build(runtime: String, executor: String?) -> RunReport {
        let stuck: [Int] = if case .deadlock(let stuck) = outcome { stuck } else { [] }
        let explainer = DeadlockExplainer(context: context, states: states, positions: positions, stuck: stuck)
        let deadlock: DeadlockReport? = if case .deadlock = outcome { explainer.report() } else { nil }
        let expectations = checkExpectations(deadlocked: deadlock != nil)
        let instances = scenario.instances.enumerated().map { index, info in
            InstanceReport(
                name: info.name, worker: info.workerName, index: info.index, isDaemon: info.isDaemon,
                status: statuses[index],
                waitingFor: statuses[index] == .blocked ? explainer.waitDescription(of: index) : nil)
        }
        var report = RunReport(
            scenario: scenario.title, runtime: runtime, executor: executor, status: status(expectations), duration: duration,
            variables: variables(), queues: queues(), expectations: expectations, instances: instances,
            objects: scenario.objects.map { ObjectInfo(name: $0.name, kind: $0.kind.word) },
            deadlock: deadlock, error: failure(), events: context.recorder.timeline(), contention: contention())
        report.results = futureResults()
        report.pools = pools()
        report.gil = context.gil.map { gil in
            GILReport(interval: Double(gil.interval) / 1e9, waited: gil.waited.map { Double($0) / 1e9 })
        }
        return report
    }

    private func status(_ expectations: [ExpectationResult]) -> RunStatus {
        switch outcome {
        case .failed: return .error
        case .timedOut: return .timeout
        case .interrupted: return .interrupted
        case .deadlock where scenario.expectsDeadlock != true: return .deadlock
        case .deadlock, .completed: return expectations.allSatisfy(\.ok) ? .ok : .expectationFailed
        }
    }

    private func checkExpectations(deadlocked: Bool) -> [ExpectationResult] {
        var results = scenario.expectations.map { expectation in
            ExpectationResult(
                variable: scenario.objects[expectation.variable].name, expected: expectation.value,
                actual: variableValue(expectation.variable))
        }
        if let expected = scenario.expectsDeadlock {
            results.append(ExpectationResult(
                variable: "deadlock", expected: expected ? 1 : 0, actual: deadlocked ? 1 : 0, isDeadlock: true))
        }
        return results
    }

    private func variableValue(_ object: Int) -> Int {
        guard case .variable(let cell) = context.objects.objects[object] else {
            preconditionFailure("expectation or state of '\(scenario.objects[object].name)', which is not a variable")
        }
        return cell.load()
    }

    private func variables() -> [NamedValue] {
        scenario.objects.indices.compactMap { object in
            guard case .variable = context.objects.objects[object] else { return nil }
            return NamedValue(name: scenario.objects[object].name, value: variableValue(object))
        }
    }

    private func queues() -> [NamedValue] {
        scenario.objects.indices.compactMap { object in
            guard case .queue(let queue) = context.objects.objects[object] else { return nil }
            return NamedValue(name: scenario.objects[object].name, value: queue.withLock { $0.count })
        }
    }

    private func failure() -> RuntimeFailure? {
        guard case .failed(_, let message, let location) = outcome else { return nil }
        return RuntimeFailure(message: message, location: location)
    }

    private func contention() -> [ContentionStats] {
        let end = context.clock.now
        let blockedSince = context.monitor.finalBlockedSince
        // Who still waits for each object, in one pass (a million instances, many objects).
        var waitingFor: [ObjectID: [Int]] = [:]
        for instance in states.indices {
            if let wait = states[instance].wait { waitingFor[wait.object, default: []].append(instance) }
        }
        return scenario.objects.indices.compactMap { object -> ContentionStats? in
            let name = scenario.objects[object].name
            let kind = scenario.objects[object].kind.word
            let counter: ContentionCounter
            switch context.objects.objects[object] {
            case .lock(let box): counter = box.state.withLock { $0.stats }
            case .semaphore(let semaphore): counter = semaphore.withLock { $0.stats }
            default: return nil
            }
            // Attempts still blocked when the run ended were contended too, though they never got
            // it, and their waits count up to the end.
            let waiting = waitingFor[object] ?? []
            var total = counter.totalWait
            var longest = counter.longestWait
            for instance in waiting {
                let waited = max(0, end - blockedSince[instance])
                total = total.addingReportingOverflow(waited).overflow ? .max : total + waited
                longest = max(longest, waited)
            }
            return ContentionStats(
                name: name, kind: kind, acquisitions: counter.acquisitions, contended: counter.contended + waiting.count,
                totalWait: Double(total) / 1e9, longestWait: Double(longest) / 1e9, stillWaiting: waiting.count)
        }
    }
}

extension RunMonitor.Outcome {
    var failedInstance: Int? {
        if case .failed(let instance, _, _) = self { return instance }
        return nil
    }
}

extension ObjectKind {
    /// The kind as one word, as in reports: `variable`, `lock`, `rlock`, `semaphore`, …
    public var word: String {
        switch self {
        case .variable: "variable"
        case .lock: "lock"
        case .rlock: "rlock"
        case .semaphore: "semaphore"
        case .barrier: "barrier"
        case .queue: "queue"
        case .worker: "worker"
        case .pool: "pool"
        }
    }
}
