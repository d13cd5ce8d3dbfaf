// Swift twin of bench/fanout_100k.yaml: the floor for the async runtime.
//
// A task group of 100,000 child tasks; each sleeps 10 ms, then increments a
// shared counter under a lock. Prints the final counter and exits 1 if it is
// not 100000.
//
// Synchronization.Mutex is fine here (unlike in lock_counter_1m.swift): the
// tasks run on Swift's cooperative pool, one thread per core, so the threads
// that spin on it never outnumber the cores.
//
// Build: swiftc -O bench/fanout_100k.swift -o bench/.build-twin/fanout_100k
// (bench/run.sh does this).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

let instances = 100_000

/// The shared counter and the lock that guards it.
final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() { value.withLock { $0 += 1 } }
    var current: Int { value.withLock { $0 } }
}

let counter = Counter()
do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<instances {
            group.addTask {
                try await Task.sleep(for: .milliseconds(10))
                counter.increment()
            }
        }
        try await group.waitForAll()
    }
} catch {
    fputs("task failed: \(error)\n", stderr)
    exit(1)
}

print(counter.current)
if counter.current != instances {
    fputs("expected \(instances), got \(counter.current)\n", stderr)
    exit(1)
}
