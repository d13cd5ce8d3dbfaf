// Swift twin of bench/lock_counter_1m.yaml: the floor for the scenario runtime.
//
// Four threads each lock a pthread mutex 250,000 times and increment a shared
// counter inside it: 1,000,000 increments in total. Prints the final counter
// and exits 1 if it is not 1000000.
//
// A pthread mutex is used rather than Synchronization.Mutex, whose spinning
// collapses when threads outnumber cores (this machine has 2).
//
// Build: swiftc -O bench/lock_counter_1m.swift -o bench/.build-twin/lock_counter_1m
// (bench/run.sh does this).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let workers = 4
// Per thread; lock_counter_10m runs this twin with 2500000.
let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 250_000 : 250_000
let expected = workers * rounds

/// The shared state: a counter and the mutex that guards it, at stable addresses.
final class Shared {
    let mutex: UnsafeMutablePointer<pthread_mutex_t>
    var counter = 0

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}

let shared = Shared()

func work(_ shared: Shared) {
    for _ in 0..<rounds {
        pthread_mutex_lock(shared.mutex)
        shared.counter &+= 1
        pthread_mutex_unlock(shared.mutex)
    }
}

#if canImport(Glibc)
var threads: [pthread_t] = []
#else
var threads: [pthread_t?] = []
#endif

for _ in 0..<workers {
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t? = nil
    #endif
    let context = Unmanaged.passRetained(shared).toOpaque()
    let rc = pthread_create(&thread, nil, { raw in
        let shared = Unmanaged<Shared>.fromOpaque(raw!).takeRetainedValue()
        work(shared)
        return nil
    }, context)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    threads.append(thread)
}

for thread in threads {
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    pthread_join(thread!, nil)
    #endif
}

let counter = shared.counter
print(counter)
if counter != expected {
    let message = "expected \(expected), got \(counter)\n"
    fputs(message, stderr)
    exit(1)
}
