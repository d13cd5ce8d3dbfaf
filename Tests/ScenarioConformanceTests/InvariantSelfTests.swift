import ScenarioRuntime
import Testing

/// The invariants must be able to fail: each is fed a timeline that breaks it, and one that keeps it.
@Suite("Conformance invariants catch violations")
struct InvariantSelfTests {
    func timeline(_ steps: [(Int32, EventKind, EventValue)]) -> [Event] {
        steps.enumerated().map { Event(seq: $0, nanoseconds: 0, instance: $1.0, kind: $1.1, object: 0, value: $1.2) }
    }

    func timeline(_ steps: [(Int32, EventKind)]) -> [Event] { timeline(steps.map { ($0, $1, .none) }) }

    @Test func locks() {
        let overlapping = timeline([(0, .acquire), (1, .acquire), (0, .release), (1, .release)])
        #expect(!Invariants.mutualExclusion(overlapping, reentrant: true).isEmpty)
        let nested = timeline([(0, .acquire), (0, .acquire), (0, .release), (1, .acquire)])
        #expect(!Invariants.mutualExclusion(nested, reentrant: false).isEmpty)
        #expect(!Invariants.mutualExclusion(nested, reentrant: true).isEmpty, "free only after as many releases")
        let foreignRelease = timeline([(0, .acquire), (1, .release)])
        #expect(!Invariants.mutualExclusion(foreignRelease, reentrant: true).isEmpty)
        #expect(Invariants.mutualExclusion(foreignRelease, reentrant: false).isEmpty, "threading.Lock allows it")
    }

    @Test func semaphores() {
        let three = timeline([(0, .acquire), (1, .acquire), (2, .acquire)])
        #expect(!Invariants.semaphoreBound(three, permits: 2).isEmpty)
        #expect(Invariants.semaphoreBound(timeline([(2, .release)]) + three, permits: 2).isEmpty)
    }

    @Test func pools() {
        let three = timeline([(0, .start), (1, .start), (2, .start)])
        #expect(!Invariants.poolCapacity(three, pool: 0, size: 2).isEmpty)
        let turns = timeline([(0, .start), (1, .start), (0, .finish), (2, .start)])
        #expect(Invariants.poolCapacity(turns, pool: 0, size: 2).isEmpty)
        #expect(!Invariants.poolCapacity(turns, pool: 0, size: 1).isEmpty)
    }

    @Test func barriers() {
        #expect(!Invariants.barrierRounds(timeline([(0, .wait), (0, .pass)]), parties: 2).isEmpty)
        #expect(!Invariants.barrierRounds(timeline([(0, .wait), (0, .wait), (0, .pass), (0, .pass)]), parties: 2).isEmpty)
        #expect(Invariants.barrierRounds(timeline([(1, .wait), (0, .wait), (0, .pass), (1, .pass), (0, .wait)]), parties: 2).isEmpty)
    }

    @Test func queues() {
        let swapped = timeline([(0, .put, .integer(1)), (0, .put, .integer(2)), (1, .get, .integer(2))])
        #expect(!Invariants.queueOrder(swapped, capacity: 0).isEmpty)
        #expect(!Invariants.queueOrder(Array(swapped.prefix(2)), capacity: 1).isEmpty)
        let early = timeline([(0, .put, .integer(1)), (1, .get, .integer(1)), (2, .join, .none), (1, .taskDone, .none)])
        #expect(!Invariants.queueOrder(early, capacity: 0).isEmpty)
        #expect(Invariants.queueOrder([early[0], early[1], early[3], early[2]], capacity: 1).isEmpty)
    }

    @Test func lifecyclesAndNumbering() {
        let instances = [InstanceReport(name: "a", worker: "a", index: 1, isDaemon: false, status: .finished)]
        #expect(!Invariants.lifecycles(timeline([(0, .start), (0, .finish), (0, .log)]), instances: instances).isEmpty)
        #expect(!Invariants.lifecycles(timeline([(0, .start), (0, .stopped)]), instances: instances).isEmpty)
        #expect(Invariants.lifecycles(timeline([(0, .start), (0, .finish)]), instances: instances).isEmpty)
        #expect(!Invariants.seqNumbers([Event(seq: 1, nanoseconds: 0, instance: 0, kind: .start)]).isEmpty)
    }

    @Test func finalValuesAndJoins() {
        #expect(!Invariants.finalValue(timeline([(0, .increment, .integer(1))]), initial: 0, final: 2).isEmpty)
        #expect(Invariants.finalValue(timeline([(0, .increment, .integer(1))]), initial: 0, final: nil, checksFinal: false).isEmpty)
        #expect(Invariants.finalValue([], initial: 5, final: 5).isEmpty)
        // A read must see the last write before it.
        #expect(!Invariants.finalValue(timeline([(0, .increment, .integer(1)), (1, .read, .integer(0))]), initial: 0, final: 1).isEmpty)
        #expect(Invariants.finalValue(timeline([(0, .read, .integer(0)), (1, .increment, .integer(1)), (1, .read, .integer(1))]), initial: 0, final: 1).isEmpty)
        let joinFirst = timeline([(1, .join), (0, .finish)])
        #expect(!Invariants.joinsAfterFinishes([joinFirst[0]], of: [0], in: joinFirst).isEmpty)
    }
}

/// The comparison must see what differs and only that.
@Suite("Conformance agreement")
struct AgreementSelfTests {
    func report(_ counter: Int, _ events: [(EventKind, EventValue)]) -> RunReport {
        RunReport(
            scenario: "s", runtime: "test", status: .ok, duration: 0, variables: [NamedValue(name: "counter", value: counter)],
            queues: [], expectations: [], instances: [InstanceReport(name: "w", worker: "w", index: 1, isDaemon: false, status: .finished)],
            objects: [ObjectInfo(name: "counter", kind: "variable")], deadlock: nil, error: nil,
            events: Timeline(events.enumerated().map { Event(seq: $0, nanoseconds: 0, instance: 0, kind: $1.0, object: 0, value: $1.1) }),
            contention: [])
    }

    func differences(_ a: RunReport, _ b: RunReport, _ leeway: Leeway) -> [String] {
        zip(Agreement.aspects(of: a, leeway: leeway), Agreement.aspects(of: b, leeway: leeway)).compactMap(Agreement.difference)
    }

    @Test func eachLeewayLetsItsAspectsDiffer() {
        let one = report(1, [(.start, .none), (.increment, .integer(1)), (.finish, .none)])
        let blocked = report(1, [(.start, .none), (.block, .none), (.increment, .integer(1)), (.finish, .none)])
        #expect(differences(one, blocked, .none).isEmpty, "a block is never compared")
        let two = report(2, [(.start, .none), (.increment, .integer(2)), (.finish, .none)])
        #expect(differences(one, two, .none).count == 2)
        #expect(differences(one, two, .interleaving) == ["variables: only the reference has [counter = 1], only this one has [counter = 2]"])
        #expect(differences(one, two, .scheduleDependent).isEmpty)
        let more = report(1, [(.start, .none), (.increment, .integer(1)), (.log, .text("x")), (.finish, .none)])
        #expect(differences(one, more, .interleaving).count == 1)
        #expect(differences(one, more, .timing).isEmpty)
    }
}
