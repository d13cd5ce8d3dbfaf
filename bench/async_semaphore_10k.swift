// Swift twin of bench/async_semaphore_10k.yaml: the floor for the async runtime.
//
// A task group of 10,000 child tasks; each takes one of 100 permits of a small
// async semaphore, sleeps 1 ms, gives the permit back, then counts itself done
// under a lock. Prints the count and exits 1 if it is not 10000.
//
// Build: swiftc -O bench/async_semaphore_10k.swift -o bench/.build-twin/async_semaphore_10k
// (bench/run.sh does this).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

let instances = 10_000
let permits = 100

/// A counting semaphore for tasks: `acquire` suspends (never blocks a thread)
/// while no permit is free; `release` resumes the longest waiter, first in first out.
actor AsyncSemaphore {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0  // waiters[head...] are still waiting; cheaper than removeFirst

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        guard head < waiters.count else {
            permits += 1
            return
        }
        let next = waiters[head]
        head += 1
        if head == waiters.count {
            waiters.removeAll(keepingCapacity: true)
            head = 0
        }
        next.resume()  // the permit passes straight to the waiter
    }
}

/// The shared count of finished tasks and the lock that guards it. Mutex is
/// fine here: the cooperative pool never runs more threads than cores.
final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() { value.withLock { $0 += 1 } }
    var current: Int { value.withLock { $0 } }
}

let slots = AsyncSemaphore(permits: permits)
let done = Counter()
do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<instances {
            group.addTask {
                await slots.acquire()
                do {
                    try await Task.sleep(for: .milliseconds(1))
                } catch {
                    await slots.release()
                    throw error
                }
                await slots.release()
                done.increment()
            }
        }
        try await group.waitForAll()
    }
} catch {
    fputs("task failed: \(error)\n", stderr)
    exit(1)
}

print(done.current)
if done.current != instances {
    fputs("expected \(instances), got \(done.current)\n", stderr)
    exit(1)
}
