import ScenarioRuntime

/// Hand-made reports, one per kind of run the renderers must handle.
enum Fixtures {
    /// Fixture names, as used in golden file names; test arguments are names so test output stays short.
    static let names = ["lock-counter", "deadlock", "runtime-error", "many-instances", "long-run"]

    static func named(_ name: String) -> RunReport {
        switch name {
        case "lock-counter": lockCounter
        case "deadlock": deadlock
        case "runtime-error": runtimeError
        case "many-instances": manyInstances
        case "long-names": longNames
        default: longRun
        }
    }

    /// Builds events in order, numbering `seq` from 0.
    struct EventList {
        var events: [Event] = []

        mutating func add(
            _ microseconds: Int64, _ instance: Int32, _ kind: EventKind, _ object: Int32 = -1, _ value: EventValue = .none
        ) {
            events.append(
                Event(seq: events.count, nanoseconds: microseconds * 1_000, instance: instance, kind: kind, object: object, value: value))
        }
    }

    /// Two instances of `adder` increment `counter` under `mutex`; the second has to wait.
    static var lockCounter: RunReport {
        var timeline = EventList()
        // objects: 0 counter, 1 mutex, 2 adder
        timeline.add(0, 0, .start)
        timeline.add(3, 1, .start)
        timeline.add(12, 0, .acquire, 1)
        timeline.add(15, 1, .block, 1)
        timeline.add(20, 0, .increment, 0, .integer(1))
        timeline.add(1_205, 0, .work, -1, .text("1ms"))
        timeline.add(1_250, 0, .release, 1)
        timeline.add(1_262, 1, .acquire, 1)
        timeline.add(1_270, 1, .increment, 0, .integer(2))
        timeline.add(1_300, 1, .log, -1, .text("counter is now 2"))
        timeline.add(1_310, 1, .release, 1)
        timeline.add(1_400, 0, .finish)
        timeline.add(1_412, 1, .finish)
        return RunReport(
            scenario: "counter with lock", runtime: "threads", status: .ok, duration: 0.012_345_678,
            variables: [NamedValue(name: "counter", value: 2)], queues: [],
            expectations: [ExpectationResult(variable: "counter", expected: 2, actual: 2)],
            instances: [
                InstanceReport(name: "adder-1", worker: "adder", index: 1, isDaemon: false, status: .finished),
                InstanceReport(name: "adder-2", worker: "adder", index: 2, isDaemon: false, status: .finished),
            ],
            objects: [
                ObjectInfo(name: "counter", kind: "variable"), ObjectInfo(name: "mutex", kind: "lock"),
                ObjectInfo(name: "adder", kind: "worker"),
            ],
            deadlock: nil, error: nil, events: Timeline(timeline.events),
            contention: [
                ContentionStats(name: "mutex", kind: "lock", acquisitions: 2, contended: 1, totalWait: 0.001_247, longestWait: 0.001_247)
            ])
    }

    /// `first` takes left then right, `second` right then left: a cycle.
    static var deadlock: RunReport {
        var timeline = EventList()
        // objects: 0 left, 1 right, 2 first, 3 second
        timeline.add(0, 0, .start)
        timeline.add(0, 1, .start)
        timeline.add(40, 0, .acquire, 0)
        timeline.add(41, 1, .acquire, 1)
        timeline.add(10_050, 0, .block, 1)
        timeline.add(10_052, 1, .block, 0)
        timeline.add(1_010_000, 0, .stopped)
        timeline.add(1_010_000, 1, .stopped)
        return RunReport(
            scenario: "lock order deadlock", runtime: "threads", status: .deadlock, duration: 1.01,
            variables: [], queues: [],
            expectations: [ExpectationResult(variable: "deadlock", expected: 1, actual: 1, isDeadlock: true)],
            instances: [
                InstanceReport(
                    name: "first", worker: "first", index: 1, isDaemon: false, status: .blocked,
                    waitingFor: "lock right, held by second"),
                InstanceReport(
                    name: "second", worker: "second", index: 1, isDaemon: false, status: .blocked,
                    waitingFor: "lock left, held by first"),
            ],
            objects: [
                ObjectInfo(name: "left", kind: "lock"), ObjectInfo(name: "right", kind: "lock"),
                ObjectInfo(name: "first", kind: "worker"), ObjectInfo(name: "second", kind: "worker"),
            ],
            deadlock: DeadlockReport(
                waits: ["first waits for lock right, held by second", "second waits for lock left, held by first"],
                cycle: ["first holds left, waits for right", "second holds right, waits for left"],
                objects: [
                    BlockedObject(name: "right", kind: "lock", state: "held 1 time", waiting: ["first"], holders: ["second"]),
                    BlockedObject(name: "left", kind: "lock", state: "held 1 time", waiting: ["second"], holders: ["first"]),
                ]),
            error: nil, events: Timeline(timeline.events),
            contention: [
                ContentionStats(name: "left", kind: "lock", acquisitions: 1, contended: 0, totalWait: 0, longestWait: 0),
                ContentionStats(name: "right", kind: "lock", acquisitions: 1, contended: 0, totalWait: 0, longestWait: 0),
            ])
    }

    /// A producer fills a queue for a daemon, then releases a lock it never took.
    static var runtimeError: RunReport {
        var timeline = EventList()
        // objects: 0 total, 1 jobs, 2 guard, 3 producer, 4 processor
        timeline.add(0, 0, .start)
        timeline.add(1, 1, .start)
        timeline.add(10, 0, .put, 1, .text("job \"1\"\n"))
        timeline.add(11, 0, .put, 1, .integer(3))
        timeline.add(30, 1, .get, 1, .text("job \"1\"\n"))
        timeline.add(31, 1, .set, 0, .integer(1))
        timeline.add(32, 1, .taskDone, 1)
        timeline.add(50, 0, .sleep, -1, .text("2ms"))
        timeline.add(2_060, 0, .wake)
        timeline.add(2_070, 0, .release, 2)
        timeline.add(2_100, 1, .stopped)
        return RunReport(
            scenario: "queue \"with\" error", runtime: "async", status: .error, duration: 0.002_1,
            variables: [NamedValue(name: "total", value: 1)], queues: [NamedValue(name: "jobs", value: 1)],
            expectations: [ExpectationResult(variable: "total", expected: 2, actual: 1)],
            instances: [
                InstanceReport(name: "producer", worker: "producer", index: 1, isDaemon: false, status: .failed),
                InstanceReport(name: "processor", worker: "processor", index: 1, isDaemon: true, status: .stopped),
            ],
            objects: [
                ObjectInfo(name: "total", kind: "variable"), ObjectInfo(name: "jobs", kind: "queue"),
                ObjectInfo(name: "guard", kind: "lock"), ObjectInfo(name: "producer", kind: "worker"),
                ObjectInfo(name: "processor", kind: "worker"),
            ],
            deadlock: nil,
            error: RuntimeFailure(message: "release of lock 'guard', which is not locked", location: "queue.yaml:14:11"),
            events: Timeline(timeline.events), contention: [])
    }

    /// Twelve instances meet at a barrier: too many columns for 100 characters.
    static var manyInstances: RunReport {
        let count = 12
        var timeline = EventList()
        // objects: 0 gate, 1 arrived, 2 runner
        for instance in 0..<count { timeline.add(Int64(instance), Int32(instance), .start) }
        for instance in 0..<count {
            timeline.add(100 + Int64(instance), Int32(instance), .decrement, 1, .integer(count - instance - 1))
            timeline.add(101 + Int64(instance), Int32(instance), .wait, 0)
        }
        for instance in 0..<count { timeline.add(500, Int32(instance), .pass, 0) }
        for instance in 0..<count { timeline.add(600 + Int64(instance), Int32(instance), .finish) }
        return RunReport(
            scenario: "barrier with twelve runners", runtime: "threads", status: .ok, duration: 0.000_7,
            variables: [NamedValue(name: "arrived", value: 0)], queues: [],
            expectations: [ExpectationResult(variable: "arrived", expected: 0, actual: 0)],
            instances: (1...count).map {
                InstanceReport(name: "runner-\($0)", worker: "runner", index: $0, isDaemon: false, status: .finished)
            },
            objects: [
                ObjectInfo(name: "gate", kind: "barrier"), ObjectInfo(name: "arrived", kind: "variable"),
                ObjectInfo(name: "runner", kind: "worker"),
            ],
            deadlock: nil, error: nil, events: Timeline(timeline.events), contention: [])
    }

    /// Four instances of a worker with a long name, logging CJK text and emoji, sleeping and
    /// working for durations carried as the events' values.
    static var longNames: RunReport {
        var timeline = EventList()
        // objects: 0 download_worker
        for instance in 0..<4 { timeline.add(Int64(instance), Int32(instance), .start) }
        timeline.add(10, 0, .log, -1, .text("日本語のログ"))
        timeline.add(11, 1, .log, -1, .text("🎉 done"))
        timeline.add(12, 2, .log, -1, .text("e\u{301}te\u{301} café"))
        timeline.add(13, 3, .log, -1, .text("a long message that does not fit in its column at all"))
        timeline.add(20, 0, .sleep, -1, .integer(500_000_000))
        timeline.add(21, 1, .work, -1, .integer(1_000_000_000))
        timeline.add(22, 2, .sleep, -1, .integer(90_000_000_000))
        timeline.add(23, 3, .work, -1, .integer(1_500_000))
        timeline.add(500_020, 0, .wake)
        return RunReport(
            scenario: "long names", runtime: "threads", status: .ok, duration: 0.5, variables: [], queues: [],
            expectations: [],
            instances: (1...4).map {
                InstanceReport(
                    name: "download_worker-\($0)", worker: "download_worker", index: $0, isDaemon: false, status: .finished)
            },
            objects: [ObjectInfo(name: "download_worker", kind: "worker")],
            deadlock: nil, error: nil, events: Timeline(timeline.events), contention: [])
    }

    /// Two instances incrementing 600 times each: more events than the default 200 lines.
    static var longRun: RunReport {
        var report = lockCounter
        var timeline = EventList()
        for step in 0..<1_200 {
            timeline.add(Int64(step * 10), Int32(step % 2), .increment, 0, .integer(step + 1))
        }
        report.scenario = "long run"
        report.events = Timeline(timeline.events)
        report.variables = [NamedValue(name: "counter", value: 1_200)]
        report.expectations = [ExpectationResult(variable: "counter", expected: 1_200, actual: 1_200)]
        report.contention = [
            ContentionStats(name: "mutex", kind: "lock", acquisitions: 1_200, contended: 480, totalWait: 3.4, longestWait: 0.0855)
        ]
        report.duration = 12.5
        return report
    }
}
