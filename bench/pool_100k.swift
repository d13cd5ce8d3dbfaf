// Swift twin of bench/pool_100k.yaml: the floor for a thread pool's tasks.
//
// 8 pthreads take task indices 1...100,000 from a shared atomic counter, as a
// pool's threads take the next work item; each task increments a shared
// counter under a pthread mutex and stores i * i as its result. Prints the
// final counter and exits 1 if it is not 100000 (or a result is wrong).
//
// Build: swiftc -O bench/pool_100k.swift -o bench/.build-twin/pool_100k
// (bench/run.sh does this).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

let tasks = 100_000
let poolSize = 8

/// What the pool's threads share: the next task index, the counter and its mutex, the results.
final class Pool: @unchecked Sendable {
    // @unchecked: `counter` is only touched with `mutex` held, and each slot of `results` by the
    // one thread that took its index (read after every thread was joined).
    let next = Atomic<Int>(1)
    var mutex = pthread_mutex_t()
    var counter = 0
    let results = UnsafeMutablePointer<Int>.allocate(capacity: tasks + 1)

    init() { pthread_mutex_init(&mutex, nil) }

    func run() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i > tasks { return }
            pthread_mutex_lock(&mutex)
            counter += 1
            pthread_mutex_unlock(&mutex)
            results[i] = i * i
        }
    }
}

let pool = Pool()
var threads: [pthread_t] = []
for _ in 0..<poolSize {
    var thread = pthread_t()
    let box = Unmanaged.passRetained(pool).toOpaque()
    guard pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        Unmanaged<Pool>.fromOpaque(raw).takeRetainedValue().run()
        return nil
    }, box) == 0 else {
        fputs("pthread_create failed\n", stderr)
        exit(1)
    }
    threads.append(thread)
}
for thread in threads { pthread_join(thread, nil) }

var total = 0
for i in 1...tasks { total &+= pool.results[i] }
print(pool.counter)
if pool.counter != tasks || total != tasks * (tasks + 1) * (2 * tasks + 1) / 6 {
    fputs("expected \(tasks), got \(pool.counter) (results sum \(total))\n", stderr)
    exit(1)
}
