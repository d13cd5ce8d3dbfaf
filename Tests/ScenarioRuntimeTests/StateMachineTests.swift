import ScenarioRuntime
import Testing

@Suite("LockStateMachine")
struct LockStateMachineTests {
    @Test func plainLockIsAcquiredWhenFreeAndMakesOthersWait() {
        var lock = LockStateMachine(reentrant: false)
        #expect(lock.owner == nil)
        #expect(lock.depth == 0)
        #expect(lock.acquire(by: 0) == .acquired)
        #expect(lock.owner == 0)
        #expect(lock.depth == 1)
        #expect(lock.acquire(by: 1) == .mustWait(owner: 0))
        #expect(lock.acquire(by: 2) == .mustWait(owner: 0))
        #expect(lock.waiting == [1, 2])
        #expect(lock.owner == 0)
    }

    @Test func plainLockIsNotReentrant() {
        var lock = LockStateMachine(reentrant: false)
        #expect(!lock.isReentrant)
        #expect(lock.acquire(by: 3) == .acquired)
        #expect(lock.acquire(by: 3) == .mustWait(owner: 3))
        #expect(lock.depth == 1)
        #expect(lock.waiting == [3])
    }

    @Test func releaseWakesWaitersInArrivalOrder() {
        var lock = LockStateMachine(reentrant: false)
        _ = lock.acquire(by: 0)
        _ = lock.acquire(by: 4)
        _ = lock.acquire(by: 2)
        _ = lock.acquire(by: 7)
        #expect(lock.release(by: 0) == .released(wake: 4))
        #expect(lock.owner == nil)
        #expect(lock.waiting == [2, 7])
        #expect(lock.acquire(by: 4) == .acquired)
        #expect(lock.release(by: 4) == .released(wake: 2))
        #expect(lock.acquire(by: 2) == .acquired)
        #expect(lock.release(by: 2) == .released(wake: 7))
        #expect(lock.acquire(by: 7) == .acquired)
        #expect(lock.release(by: 7) == .released(wake: nil))
        #expect(lock.waiting.isEmpty)
    }

    @Test func aWaiterIsQueuedOnceHoweverOftenItTries() {
        var lock = LockStateMachine(reentrant: false)
        _ = lock.acquire(by: 0)
        _ = lock.acquire(by: 1)
        _ = lock.acquire(by: 1)
        _ = lock.acquire(by: 1)
        #expect(lock.waiting == [1])
    }

    @Test func aWaiterThatBargesInIsNoLongerWaiting() {
        var lock = LockStateMachine(reentrant: false)
        _ = lock.acquire(by: 0)
        _ = lock.acquire(by: 1)
        _ = lock.acquire(by: 2)
        // 0 releases and wakes 1, but 2 gets there first.
        #expect(lock.release(by: 0) == .released(wake: 1))
        #expect(lock.acquire(by: 2) == .acquired)
        #expect(lock.waiting.isEmpty)
        #expect(lock.acquire(by: 1) == .mustWait(owner: 2))
        #expect(lock.waiting == [1])
    }

    @Test func releasingAnUnlockedLockIsRefused() {
        var plain = LockStateMachine(reentrant: false)
        #expect(plain.release(by: 0) == .notLocked)
        _ = plain.acquire(by: 0)
        _ = plain.release(by: 0)
        #expect(plain.release(by: 0) == .notLocked)

        var reentrant = LockStateMachine(reentrant: true)
        #expect(reentrant.release(by: 0) == .notLocked)
    }

    @Test func aPlainLockMayBeReleasedByAnotherInstance() {
        var lock = LockStateMachine(reentrant: false)
        _ = lock.acquire(by: 0)
        #expect(lock.release(by: 5) == .released(wake: nil))
        #expect(lock.owner == nil)
    }

    @Test func reentrantLockCountsDepthAndIsFreeAfterAsManyReleases() {
        var lock = LockStateMachine(reentrant: true)
        #expect(lock.isReentrant)
        #expect(lock.acquire(by: 1) == .acquired)
        #expect(lock.acquire(by: 1) == .acquired)
        #expect(lock.acquire(by: 1) == .acquired)
        #expect(lock.depth == 3)
        #expect(lock.acquire(by: 2) == .mustWait(owner: 1))
        #expect(lock.release(by: 1) == .stillHeld(depth: 2))
        #expect(lock.owner == 1)
        #expect(lock.release(by: 1) == .stillHeld(depth: 1))
        #expect(lock.depth == 1)
        #expect(lock.release(by: 1) == .released(wake: 2))
        #expect(lock.owner == nil)
        #expect(lock.depth == 0)
        #expect(lock.release(by: 1) == .notLocked)
    }

    @Test func reentrantLockRefusesARelease_byANonOwner() {
        var lock = LockStateMachine(reentrant: true)
        _ = lock.acquire(by: 1)
        _ = lock.acquire(by: 1)
        #expect(lock.release(by: 2) == .notOwner(owner: 1))
        // Refusal changes nothing.
        #expect(lock.owner == 1)
        #expect(lock.depth == 2)
    }

    @Test func cancelForgetsAWaiter() {
        var lock = LockStateMachine(reentrant: false)
        _ = lock.acquire(by: 0)
        _ = lock.acquire(by: 1)
        _ = lock.acquire(by: 2)
        lock.cancel(1)
        #expect(lock.waiting == [2])
        #expect(lock.release(by: 0) == .released(wake: 2))
        lock.cancel(9)  // not waiting: no effect
        #expect(lock.waiting.isEmpty)
    }
}

@Suite("SemaphoreStateMachine")
struct SemaphoreStateMachineTests {
    @Test func permitsAreTakenUntilNoneAreLeft() {
        var semaphore = SemaphoreStateMachine(permits: 2)
        #expect(semaphore.initialPermits == 2)
        #expect(semaphore.acquire(by: 0) == .acquired)
        #expect(semaphore.acquire(by: 1) == .acquired)
        #expect(semaphore.permits == 0)
        #expect(semaphore.holders == [0: 1, 1: 1])
        #expect(semaphore.acquire(by: 2) == .mustWait)
        #expect(semaphore.acquire(by: 3) == .mustWait)
        #expect(semaphore.waiting == [2, 3])
        #expect(semaphore.permits == 0)
    }

    @Test func releaseGivesAPermitBackAndWakesTheFirstWaiter() {
        var semaphore = SemaphoreStateMachine(permits: 1)
        _ = semaphore.acquire(by: 0)
        _ = semaphore.acquire(by: 1)
        _ = semaphore.acquire(by: 2)
        #expect(semaphore.release(by: 0) == 1)
        #expect(semaphore.permits == 1)
        #expect(semaphore.holders[0] == nil)
        #expect(semaphore.acquire(by: 1) == .acquired)
        #expect(semaphore.holders == [1: 1])
        #expect(semaphore.waiting == [2])
        #expect(semaphore.release(by: 1) == 2)
        #expect(semaphore.release(by: 5) == nil)
    }

    @Test func holdersCountPermitsPerInstance() {
        var semaphore = SemaphoreStateMachine(permits: 3)
        _ = semaphore.acquire(by: 4)
        _ = semaphore.acquire(by: 4)
        #expect(semaphore.holders == [4: 2])
        _ = semaphore.release(by: 4)
        #expect(semaphore.holders == [4: 1])
        _ = semaphore.release(by: 4)
        #expect(semaphore.holders.isEmpty)
        #expect(semaphore.permits == 3)
    }

    @Test func releaseIsNeverRefused_evenAboveTheInitialPermits() {
        var semaphore = SemaphoreStateMachine(permits: 0)
        #expect(semaphore.acquire(by: 0) == .mustWait)
        #expect(semaphore.release(by: 7) == 0)
        #expect(semaphore.permits == 1)
        #expect(semaphore.release(by: 7) == nil)
        #expect(semaphore.release(by: 8) == nil)
        #expect(semaphore.permits == 3)
        #expect(semaphore.initialPermits == 0)
        #expect(semaphore.holders.isEmpty)
        #expect(semaphore.acquire(by: 0) == .acquired)
        #expect(semaphore.waiting.isEmpty)
    }

    @Test func cancelForgetsAWaiter() {
        var semaphore = SemaphoreStateMachine(permits: 0)
        _ = semaphore.acquire(by: 1)
        _ = semaphore.acquire(by: 2)
        semaphore.cancel(1)
        #expect(semaphore.waiting == [2])
        #expect(semaphore.release(by: 0) == 2)
    }
}

@Suite("BarrierStateMachine")
struct BarrierStateMachineTests {
    @Test func opensWhenThePartiesHaveArrived() {
        var barrier = BarrierStateMachine(parties: 3)
        #expect(barrier.parties == 3)
        #expect(barrier.arrive(5) == .mustWait(generation: 0))
        #expect(barrier.arrive(1) == .mustWait(generation: 0))
        #expect(barrier.waiting == [5, 1])
        #expect(!barrier.hasOpened(0))
        #expect(barrier.arrive(3) == .opened(generation: 0, passing: [5, 1, 3]))
        #expect(barrier.hasOpened(0))
        #expect(barrier.generation == 1)
        #expect(barrier.waiting.isEmpty)
    }

    @Test func isCyclic() {
        var barrier = BarrierStateMachine(parties: 2)
        for round in 0..<5 {
            #expect(barrier.arrive(round % 2) == .mustWait(generation: round))
            #expect(!barrier.hasOpened(round))
            #expect(barrier.arrive(1 - round % 2) == .opened(generation: round, passing: [round % 2, 1 - round % 2]))
            #expect(barrier.hasOpened(round))
            #expect(!barrier.hasOpened(round + 1))
        }
        #expect(barrier.generation == 5)
    }

    @Test func aBarrierOfOneOpensOnEveryArrival() {
        var barrier = BarrierStateMachine(parties: 1)
        #expect(barrier.arrive(0) == .opened(generation: 0, passing: [0]))
        #expect(barrier.arrive(0) == .opened(generation: 1, passing: [0]))
        #expect(barrier.generation == 2)
    }

    @Test func partiesAreAtLeastOne() {
        #expect(BarrierStateMachine(parties: 0).parties == 1)
        #expect(BarrierStateMachine(parties: -3).parties == 1)
    }
}

@Suite("QueueStateMachine")
struct QueueStateMachineTests {
    @Test func boundedPutWaitsWhileFull() {
        var queue = QueueStateMachine(capacity: 2)
        #expect(queue.put(.integer(10), by: 0) == .put(item: .integer(10), wake: nil))
        #expect(queue.put(.integer(11), by: 0) == .put(item: .integer(11), wake: nil))
        #expect(queue.isFull)
        #expect(queue.put(.integer(12), by: 0) == .mustWait)
        #expect(queue.put(.integer(12), by: 1) == .mustWait)
        #expect(queue.waitingToPut == [0, 1])
        #expect(queue.count == 2)
        #expect(queue.get(by: 2) == .got(item: .integer(10), wake: 0))
        #expect(!queue.isFull)
        #expect(queue.waitingToPut == [1])
        #expect(queue.put(.integer(12), by: 0) == .put(item: .integer(12), wake: nil))
        #expect(queue.count == 2)
    }

    @Test func getIsFirstInFirstOutAndWaitsWhileEmpty() {
        var queue = QueueStateMachine(capacity: 0)
        #expect(queue.get(by: 3) == .mustWait)
        #expect(queue.get(by: 4) == .mustWait)
        #expect(queue.waitingToGet == [3, 4])
        #expect(queue.put(.text("a"), by: 0) == .put(item: .text("a"), wake: 3))
        #expect(queue.put(.text("b"), by: 0) == .put(item: .text("b"), wake: 4))
        #expect(queue.put(.text("c"), by: 0) == .put(item: .text("c"), wake: nil))
        #expect(queue.get(by: 4) == .got(item: .text("a"), wake: nil))
        #expect(queue.get(by: 3) == .got(item: .text("b"), wake: nil))
        #expect(queue.get(by: 3) == .got(item: .text("c"), wake: nil))
        #expect(queue.get(by: 3) == .mustWait)
        #expect(queue.count == 0)
    }

    @Test func putWithoutAValueNumbersItems_1_2_3() {
        var queue = QueueStateMachine(capacity: 0)
        #expect(queue.put(nil, by: 0) == .put(item: .integer(1), wake: nil))
        #expect(queue.put(nil, by: 1) == .put(item: .integer(2), wake: nil))
        // An explicit value does not use up a number.
        #expect(queue.put(.integer(42), by: 0) == .put(item: .integer(42), wake: nil))
        #expect(queue.put(nil, by: 2) == .put(item: .integer(3), wake: nil))
        let got = (0..<4).map { _ in queue.get(by: 5) }
        #expect(got == [1, 2, 42, 3].map { .got(item: .integer($0), wake: nil) })
    }

    @Test func aWaitingPutterDoesNotUseUpANumber() {
        var queue = QueueStateMachine(capacity: 1)
        #expect(queue.put(nil, by: 0) == .put(item: .integer(1), wake: nil))
        #expect(queue.put(nil, by: 1) == .mustWait)
        #expect(queue.get(by: 2) == .got(item: .integer(1), wake: 1))
        #expect(queue.put(nil, by: 1) == .put(item: .integer(2), wake: nil))
    }

    @Test func staysFirstInFirstOutOverManyItems() {
        var queue = QueueStateMachine(capacity: 0)
        var expected = 1
        var got: [Int] = []
        for batch in 1...30 {
            for _ in 0..<(batch * 7) { _ = queue.put(nil, by: 0) }
            for _ in 0..<(batch * 5) {
                guard case .got(.integer(let value), _) = queue.get(by: 1) else { Issue.record("no item"); return }
                got.append(value)
            }
        }
        while case .got(.integer(let value), _) = queue.get(by: 1) { got.append(value) }
        #expect(queue.count == 0)
        #expect(got.count == 7 * (30 * 31 / 2))
        for value in got {
            if value != expected {
                Issue.record("expected item \(expected), got \(value)")
                return
            }
            expected += 1
        }
    }

    @Test func taskDoneCountsUnfinishedItemsAndRefusesTooMany() {
        var queue = QueueStateMachine(capacity: 0)
        #expect(queue.taskDone() == .tooMany)
        _ = queue.put(nil, by: 0)
        _ = queue.put(nil, by: 0)
        #expect(queue.unfinished == 2)
        _ = queue.get(by: 1)
        #expect(queue.unfinished == 2)  // a get does not finish a task
        #expect(queue.taskDone() == .done(wake: []))
        #expect(queue.unfinished == 1)
        #expect(queue.taskDone() == .done(wake: []))
        #expect(queue.unfinished == 0)
        #expect(queue.taskDone() == .tooMany)
        #expect(queue.unfinished == 0)
    }

    @Test func joinWaitsUntilEveryItemIsDone() {
        var queue = QueueStateMachine(capacity: 0)
        #expect(queue.join(by: 4) == true)  // nothing put: returns at once
        _ = queue.put(.integer(1), by: 0)
        _ = queue.put(.integer(2), by: 0)
        #expect(queue.join(by: 4) == false)
        #expect(queue.join(by: 5) == false)
        #expect(queue.join(by: 4) == false)
        #expect(queue.waitingToJoin == [4, 5])
        #expect(queue.taskDone() == .done(wake: []))
        #expect(queue.taskDone() == .done(wake: [4, 5]))
        #expect(queue.waitingToJoin.isEmpty)
        #expect(queue.join(by: 4) == true)
    }

    @Test func cancelForgetsAnInstanceInEveryWaitingList() {
        var queue = QueueStateMachine(capacity: 1)
        _ = queue.get(by: 1)
        _ = queue.put(nil, by: 0)  // wakes 1
        _ = queue.put(nil, by: 2)
        _ = queue.join(by: 3)
        queue.cancel(2)
        queue.cancel(3)
        #expect(queue.waitingToPut.isEmpty)
        #expect(queue.waitingToJoin.isEmpty)
        #expect(queue.waitingToGet.isEmpty)
    }

    @Test func negativeCapacityMeansUnbounded() {
        var queue = QueueStateMachine(capacity: -1)
        #expect(queue.capacity == 0)
        for _ in 0..<100 { #expect(queue.put(nil, by: 0) != .mustWait) }
        #expect(!queue.isFull)
    }
}

@Suite("CompletionStateMachine")
struct CompletionStateMachineTests {
    @Test func joinWaitsForEveryInstance() {
        var completion = CompletionStateMachine(instances: 2)
        #expect(completion.remaining == 2)
        #expect(completion.join(by: 7) == false)
        #expect(completion.join(by: 8) == false)
        #expect(completion.join(by: 7) == false)
        #expect(completion.waiting == [7, 8])
        #expect(completion.finish(0) == [])
        #expect(completion.remaining == 1)
        #expect(completion.finish(0) == [7, 8])
        #expect(completion.remaining == 0)
        #expect(completion.waiting.isEmpty)
        #expect(completion.join(by: 7) == true)
        #expect(completion.join(by: 9) == true)
    }

    @Test func extraFinishesDoNotGoBelowZero() {
        var completion = CompletionStateMachine(instances: 1)
        #expect(completion.finish(0) == [])
        #expect(completion.finish(0) == [])
        #expect(completion.remaining == 0)
        #expect(completion.join(by: 0) == true)
    }

    @Test func cancelForgetsAJoiner() {
        var completion = CompletionStateMachine(instances: 1)
        _ = completion.join(by: 3)
        _ = completion.join(by: 4)
        completion.cancel(3)
        #expect(completion.waiting == [4])
        #expect(completion.finish(0) == [4])
    }
}

@Suite("Futures and pools: state machines")
struct FutureStateMachineTests {
    @Test func asCompletedSeesEachInstanceInCompletionOrder() {
        var completion = CompletionStateMachine(instances: 2)
        #expect(completion.completion(0, awaitedBy: 9) == nil)
        #expect(completion.finish(5) == [9], "a follower wakes on every finish")
        #expect(completion.completion(0, awaitedBy: 9) == 5)
        #expect(completion.completion(1, awaitedBy: 9) == nil)
        #expect(completion.finish(4) == [9])
        #expect(completion.completed == [5, 4])
    }

    @Test func aFreedSlotGoesToTheNextQueuedTask() {
        var pool = PoolStateMachine(size: 2, submissions: [10, 11, 12, 13])
        #expect(pool.start(12) == nil, "queued behind two")
        #expect(pool.start(11) == 2)
        #expect(pool.start(10) == 1)
        #expect(pool.finish(11) == 12, "the waiting task gets slot 2")
        #expect(pool.start(12) == 2)
        #expect(pool.finish(10) == nil, "13 has not tried yet; it finds slot 1 when it does")
        #expect(pool.start(13) == 1)
        #expect(pool.queued.isEmpty)
    }
}
