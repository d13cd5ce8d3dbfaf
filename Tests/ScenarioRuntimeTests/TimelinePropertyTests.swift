import ScenarioRuntime
import Testing

/// Many workers, many rounds: the timeline must show what the primitives promise.
@Suite("Timeline properties")
struct TimelinePropertyTests {
    static let workers = 8
    static let rounds = 200

    /// Runs `yaml`, which must end `ok`, and checks what holds for any completed run.
    func runWellFormed(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunReport {
        let report = try runScenario(yaml)
        #expect(report.status == .ok, "\(report.brief)", sourceLocation: sourceLocation)
        let seq = TimelineCheck.seqNumbers(report.events)
        #expect(seq.isEmpty, "\(seq)", sourceLocation: sourceLocation)
        let lifecycles = TimelineCheck.lifecycles(report.events, instances: report.instances)
        #expect(lifecycles.isEmpty, "\(lifecycles)", sourceLocation: sourceLocation)
        return report
    }

    @Test func locksAreMutuallyExclusiveAndRLocksCountDepth() throws {
        let report = try runWellFormed("""
            scenario: Mutual exclusion under load
            variables:
              counter: 0
              nested: 0
            locks:
              plain: lock
              reentrant: rlock
            workers:
              w:
                count: \(Self.workers)
                steps:
                  - repeat: \(Self.rounds)
                    do:
                      - with: plain
                        do:
                          - increment: counter
                      - with: reentrant
                        do:
                          - with: reentrant
                            do:
                              - increment: nested
                          - with: reentrant
                            do:
                              - with: reentrant
                                do:
                                  - increment: nested
            expect:
              counter: \(Self.workers * Self.rounds)
              nested: \(2 * Self.workers * Self.rounds)
            """)
        let total = Self.workers * Self.rounds
        #expect(report.variable("counter") == total)
        #expect(report.variable("nested") == 2 * total)

        let plain = try #require(report.objectIndex("plain"))
        let plainWalk = TimelineCheck.mutualExclusion(report.events, lock: plain, reentrant: false)
        #expect(plainWalk.problems.isEmpty, "\(plainWalk.problems)")
        #expect(plainWalk.acquisitions == total)
        #expect(plainWalk.releases == total)
        #expect(plainWalk.maximumDepth == 1)
        // A plain lock's acquire and release strictly alternate.
        let kinds = report.events(on: plain).map(\.kind).filter { $0 == .acquire || $0 == .release }
        let alternating = kinds.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? .acquire : .release) }
        #expect(alternating)

        let reentrant = try #require(report.objectIndex("reentrant"))
        let rlockWalk = TimelineCheck.mutualExclusion(report.events, lock: reentrant, reentrant: true)
        #expect(rlockWalk.problems.isEmpty, "\(rlockWalk.problems)")
        #expect(rlockWalk.acquisitions == 4 * total)
        #expect(rlockWalk.releases == 4 * total)
        #expect(rlockWalk.maximumDepth == 3)

        // The contention statistics count the same acquisitions.
        #expect(report.contention.first { $0.name == "plain" }?.acquisitions == total)
        #expect(report.contention.first { $0.name == "reentrant" }?.acquisitions == 4 * total)
    }

    @Test func updatesUnderALockAreSeenInOrder() throws {
        // Under the lock, the increments are recorded in the order they happened, so the values
        // they wrote count 1, 2, 3, … without a gap or a repeat.
        let report = try runWellFormed("""
            scenario: Ordered updates
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              w:
                count: \(Self.workers)
                steps:
                  - repeat: \(Self.rounds)
                    do:
                      - with: guard
                        do:
                          - increment: counter
                          - increment: counter
                            by: 2
                          - decrement: counter
                            by: 2
            """)
        let counter = try #require(report.objectIndex("counter"))
        // Each update reads the value the one before it wrote, then writes.
        let values = report.events(on: counter).map(\.value)
        var expected: [EventValue] = []
        for step in 0..<(Self.workers * Self.rounds) {
            expected += [.integer(step), .integer(step + 1), .integer(step + 1), .integer(step + 3), .integer(step + 3), .integer(step + 1)]
        }
        #expect(values == expected)
    }

    @Test(arguments: [true, false])
    func aLockMakesTheCounterExact(withLock: Bool) throws {
        let increment = withLock
            ? "- with: guard\n            do:\n              - increment: counter"
            : "- increment: counter"
        let yaml = """
            scenario: Lost update, or not
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              adder:
                count: \(Self.workers)
                steps:
                  - repeat: \(Self.rounds * 5)
                    do:
                      \(increment)
              main:
                - join: adder
            """
        let report = try runWellFormed(yaml)
        let total = Self.workers * Self.rounds * 5
        let counter = try #require(report.variable("counter"))
        let increments = report.events.filter { $0.kind == .increment }.count
        #expect(increments == total)
        if withLock {
            #expect(counter == total)
        } else {
            // Updates may be lost, never invented.
            #expect((1...total).contains(counter))
        }
    }

    @Test func semaphoreHoldersStayWithinThePermits() throws {
        let report = try runWellFormed("""
            scenario: Semaphore under load
            variables:
              inside: 0
              most: 0
            locks:
              tally: lock
            semaphores:
              pool: 3
              single: 1
            workers:
              w:
                count: \(Self.workers)
                steps:
                  - repeat: \(Self.rounds)
                    do:
                      - with: pool
                        do:
                          - with: tally
                            do:
                              - increment: inside
                          - with: single
                            do:
                              - log: "{worker} alone"
                          - with: tally
                            do:
                              - decrement: inside
            expect:
              inside: 0
            """)
        let total = Self.workers * Self.rounds

        let pool = try #require(report.objectIndex("pool"))
        let poolWalk = TimelineCheck.semaphoreBound(report.events, semaphore: pool, permits: 3)
        #expect(poolWalk.problems.isEmpty, "\(poolWalk.problems)")
        #expect(poolWalk.acquisitions == total)

        let single = try #require(report.objectIndex("single"))
        let singleWalk = TimelineCheck.semaphoreBound(report.events, semaphore: single, permits: 1)
        #expect(singleWalk.problems.isEmpty, "\(singleWalk.problems)")
        #expect(singleWalk.acquisitions == total)
        #expect(singleWalk.maximumHeld == 1)

        // The number of instances inside, as counted under the lock, never exceeds the permits.
        let inside = try #require(report.objectIndex("inside"))
        for event in report.events(on: inside) {
            guard case .integer(let value) = event.value else {
                Issue.record("an update of 'inside' without a value")
                break
            }
            if !(0...3).contains(value) {
                Issue.record("seq \(event.seq): \(value) instances inside a semaphore of 3")
                break
            }
        }
    }

    @Test func releasingASemaphoreAboveItsPermitsIsAllowed() throws {
        let report = try runWellFormed("""
            scenario: Unbounded release
            semaphores:
              gate: 0
            workers:
              opener:
                - repeat: 5
                  do:
                    - release: gate
              taker:
                count: 5
                steps:
                  - acquire: gate
            """)
        let gate = try #require(report.objectIndex("gate"))
        let kinds = report.events(on: gate).map(\.kind)
        #expect(kinds.filter { $0 == .acquire }.count == 5)
        #expect(kinds.filter { $0 == .release }.count == 5)
        for instance in report.instances {
            #expect(instance.status == .finished)
        }
    }

    @Test func barriersOpenInRoundsOfTheirParties() throws {
        let report = try runWellFormed("""
            scenario: Barriers under load
            variables:
              laps: 0
            locks:
              tally: lock
            barriers:
              everyone: \(Self.workers)
              half: \(Self.workers / 2)
            workers:
              runner:
                count: \(Self.workers)
                steps:
                  - repeat: \(Self.rounds)
                    do:
                      - wait: everyone
                      - with: tally
                        do:
                          - increment: laps
                      - wait: half
            expect:
              laps: \(Self.workers * Self.rounds)
            """)

        let everyone = try #require(report.objectIndex("everyone"))
        let everyoneWalk = TimelineCheck.barrierRounds(report.events, barrier: everyone, parties: Self.workers)
        #expect(everyoneWalk.problems.isEmpty, "\(everyoneWalk.problems)")
        #expect(everyoneWalk.rounds == Self.rounds)

        let half = try #require(report.objectIndex("half"))
        let halfWalk = TimelineCheck.barrierRounds(report.events, barrier: half, parties: Self.workers / 2)
        #expect(halfWalk.problems.isEmpty, "\(halfWalk.problems)")
        #expect(halfWalk.rounds == 2 * Self.rounds)

        // Nobody starts lap r+1 before everyone has finished waiting for lap r: the instance
        // passes of each 'everyone' round come before any of its later waits.
        let runnerEvents = report.events.filter { $0.object == everyone && ($0.kind == .wait || $0.kind == .pass) }
        var passes = Array(repeating: 0, count: report.instances.count)
        var waits = Array(repeating: 0, count: report.instances.count)
        for event in runnerEvents {
            let instance = Int(event.instance)
            if event.kind == .wait {
                waits[instance] += 1
                if waits[instance] != passes[instance] + 1 {
                    Issue.record("seq \(event.seq): instance \(instance) waits again before passing")
                    break
                }
            } else {
                passes[instance] += 1
            }
        }
        #expect(passes == Array(repeating: Self.rounds, count: report.instances.count))
    }

    @Test func queuesAreFirstInFirstOutWithinTheirCapacity() throws {
        let producers = 4
        let consumers = 4
        let items = producers * Self.rounds
        let report = try runWellFormed("""
            scenario: Queues under load
            variables:
              consumed: 0
            locks:
              tally: lock
            queues:
              numbers: 3
              letters: 0
            workers:
              producer:
                count: \(producers)
                steps:
                  - repeat: \(Self.rounds)
                    do:
                      - put: numbers
                      - put: letters
                        value: "{worker}/{round}"
              consumer:
                count: \(consumers)
                steps:
                  - repeat: \(items / consumers)
                    do:
                      - get: numbers
                      - with: tally
                        do:
                          - increment: consumed
                      - task_done: numbers
                      - get: letters
                      - task_done: letters
              main:
                - join: producer
                - join: numbers
                - join: letters
                - log: "consumed {consumed}"
            expect:
              consumed: \(items)
            """)
        #expect(report.queues.allSatisfy { $0.value == 0 }, "\(report.queues)")

        let numbers = try #require(report.objectIndex("numbers"))
        let numberWalk = TimelineCheck.queueOrder(report.events, queue: numbers, capacity: 3)
        #expect(numberWalk.problems.isEmpty, "\(numberWalk.problems)")
        #expect(numberWalk.puts == (1...items).map { .integer($0) }, "put without a value numbers the items 1, 2, 3, …")
        #expect(numberWalk.gets == numberWalk.puts)
        #expect(numberWalk.maximumCount <= 3)
        #expect(numberWalk.tasksDone == items)

        let letters = try #require(report.objectIndex("letters"))
        let letterWalk = TimelineCheck.queueOrder(report.events, queue: letters, capacity: 0)
        #expect(letterWalk.problems.isEmpty, "\(letterWalk.problems)")
        #expect(letterWalk.gets == letterWalk.puts)
        #expect(Set(letterWalk.puts.map { "\($0)" }).count == items, "every text item is different")
        // Each producer's own items go in in its round order.
        for producer in 1...producers {
            let own = letterWalk.puts.compactMap { value -> String? in
                guard case .text(let text) = value, text.hasPrefix("producer-\(producer)/") else { return nil }
                return text
            }
            #expect(own == (1...Self.rounds).map { "producer-\(producer)/\($0)" })
        }

        // join: numbers returns only after the last task_done on it.
        let numberEvents = report.events(on: numbers)
        let lastTaskDone = try #require(numberEvents.last { $0.kind == .taskDone })
        let join = try #require(numberEvents.first { $0.kind == .join })
        #expect(join.seq > lastTaskDone.seq)
        #expect(report.instance("main")?.status == .finished)
    }

    @Test func joinOfAWorkerReturnsAfterEveryInstanceFinished() throws {
        let report = try runWellFormed("""
            scenario: Join under load
            variables:
              steps_done: 0
            locks:
              tally: lock
            workers:
              w:
                count: \(Self.workers)
                steps:
                  - repeat: 50
                    do:
                      - with: tally
                        do:
                          - increment: steps_done
              watcher:
                count: 3
                steps:
                  - join: w
                  - log: "saw {steps_done}"
            """)
        let worker = try #require(report.objectIndex("w"))
        let lastFinish = try #require(report.events.last {
            $0.kind == .finish && report.instances[Int($0.instance)].worker == "w"
        })
        let joins = report.events.filter { $0.kind == .join && $0.object == worker }
        #expect(joins.count == 3)
        for join in joins { #expect(join.seq > lastFinish.seq) }
        let logs = report.events.filter { $0.kind == .log }.map(\.value)
        #expect(logs == Array(repeating: .text("saw \(Self.workers * 50)"), count: 3))
    }
}

/// The checks themselves must be able to fail: each is fed a timeline that breaks its rule.
@Suite("Timeline checks catch violations")
struct TimelineCheckSelfTests {
    func event(_ seq: Int, _ instance: Int32, _ kind: EventKind, _ object: Int32 = 0, _ value: EventValue = .none) -> Event {
        Event(seq: seq, nanoseconds: Int64(seq), instance: instance, kind: kind, object: object, value: value)
    }

    @Test func overlappingHoldersAreCaught() {
        let events = [event(0, 0, .acquire), event(1, 1, .acquire), event(2, 0, .release), event(3, 1, .release)]
        #expect(!TimelineCheck.mutualExclusion(events, lock: 0, reentrant: false).problems.isEmpty)
        #expect(!TimelineCheck.mutualExclusion(events, lock: 0, reentrant: true).problems.isEmpty)
        let nested = [event(0, 0, .acquire), event(1, 0, .acquire), event(2, 0, .release), event(3, 0, .release)]
        #expect(!TimelineCheck.mutualExclusion(nested, lock: 0, reentrant: false).problems.isEmpty)
        #expect(TimelineCheck.mutualExclusion(nested, lock: 0, reentrant: true).problems.isEmpty)
        #expect(TimelineCheck.mutualExclusion(nested, lock: 0, reentrant: true).maximumDepth == 2)
    }

    @Test func tooManySemaphoreHoldersAreCaught() {
        let events = [event(0, 0, .acquire), event(1, 1, .acquire), event(2, 0, .release), event(3, 1, .release)]
        #expect(!TimelineCheck.semaphoreBound(events, semaphore: 0, permits: 1).problems.isEmpty)
        #expect(TimelineCheck.semaphoreBound(events, semaphore: 0, permits: 2).problems.isEmpty)
    }

    @Test func brokenBarrierRoundsAreCaught() {
        let early = [event(0, 0, .wait), event(1, 0, .pass), event(2, 1, .wait), event(3, 1, .pass)]
        #expect(!TimelineCheck.barrierRounds(early, barrier: 0, parties: 2).problems.isEmpty)
        let twice = [event(0, 0, .wait), event(1, 0, .wait), event(2, 0, .pass), event(3, 0, .pass)]
        #expect(!TimelineCheck.barrierRounds(twice, barrier: 0, parties: 2).problems.isEmpty)
        let good = [event(0, 1, .wait), event(1, 0, .wait), event(2, 1, .pass), event(3, 0, .pass)]
        #expect(TimelineCheck.barrierRounds(good, barrier: 0, parties: 2).rounds == 1)
    }

    @Test func outOfOrderQueuesAreCaught() {
        let swapped = [
            event(0, 0, .put, 0, .integer(1)), event(1, 0, .put, 0, .integer(2)),
            event(2, 1, .get, 0, .integer(2)), event(3, 1, .get, 0, .integer(1)),
        ]
        #expect(!TimelineCheck.queueOrder(swapped, queue: 0, capacity: 0).problems.isEmpty)
        let overfull = [event(0, 0, .put, 0, .integer(1)), event(1, 0, .put, 0, .integer(2))]
        #expect(!TimelineCheck.queueOrder(overfull, queue: 0, capacity: 1).problems.isEmpty)
        #expect(TimelineCheck.queueOrder(overfull, queue: 0, capacity: 2).problems.isEmpty)
    }

    @Test func brokenLifecyclesAreCaught() {
        let instances = [InstanceReport(name: "a", worker: "a", index: 1, isDaemon: false, status: .finished)]
        #expect(!TimelineCheck.lifecycles([event(0, 0, .start), event(1, 0, .finish), event(2, 0, .log, -1)], instances: instances).isEmpty)
        #expect(!TimelineCheck.lifecycles([event(0, 0, .start), event(1, 0, .start), event(2, 0, .finish)], instances: instances).isEmpty)
        #expect(TimelineCheck.lifecycles([event(0, 0, .start), event(1, 0, .finish)], instances: instances).isEmpty)
        #expect(!TimelineCheck.seqNumbers([event(0, 0, .start), event(2, 0, .finish)]).isEmpty)
    }
}
