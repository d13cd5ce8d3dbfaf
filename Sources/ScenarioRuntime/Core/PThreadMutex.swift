#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex. The threads runtime blocks on pthread primitives rather than
/// `Synchronization.Mutex`, which measured ~1000× slower here when threads outnumber cores.
///
/// `@unchecked Sendable`: the pthread mutex is the synchronisation; it lives at a stable heap
/// address for the object's lifetime and is never moved.
package final class PThreadMutex: @unchecked Sendable {
    let raw: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        raw = .allocate(capacity: 1)
        raw.initialize(to: pthread_mutex_t())
        pthread_mutex_init(raw, nil)
    }

    deinit {
        pthread_mutex_destroy(raw)
        raw.deallocate()
    }

    @inline(__always) package func lock() { pthread_mutex_lock(raw) }
    @inline(__always) package func unlock() { pthread_mutex_unlock(raw) }

    @inline(__always) package func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(raw)
        defer { pthread_mutex_unlock(raw) }
        return try body()
    }
}

/// A pthread condition variable used with a `PThreadMutex`.
///
/// `@unchecked Sendable`: as for `PThreadMutex`, the pthread object provides the synchronisation.
package final class PThreadCondition: @unchecked Sendable {
    let raw: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        raw = .allocate(capacity: 1)
        raw.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if canImport(Glibc)
        // Absolute deadlines on the monotonic clock, as `monotonicNanoseconds` gives them:
        // immune to changes of the wall clock. (Darwin has no `pthread_condattr_setclock`.)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(raw, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(raw)
        raw.deallocate()
    }

    package func wait(_ mutex: PThreadMutex) { pthread_cond_wait(raw, mutex.raw) }

    /// Waits until signalled or until `deadline` (monotonic nanoseconds); false on time-out.
    /// May also return early (a spurious wake-up): callers check their condition and the time.
    package func wait(_ mutex: PThreadMutex, until deadline: Int64) -> Bool {
        #if canImport(Darwin)
        // Darwin's condition variables time out on the wall clock, never the monotonic one, and
        // a monotonic deadline read as a wall-clock time is decades past: every wait would return
        // at once. Wait for the time left instead, measured on the monotonic clock.
        // At most a day at a time (callers wait again), so that the sum the system makes of now and
        // a deadline far away, such as "never", cannot overflow.
        let left = min(max(0, deadline - monotonicNanoseconds()), 86_400 * 1_000_000_000)
        var time = Self.timeSpec(left)
        return pthread_cond_timedwait_relative_np(raw, mutex.raw, &time) == 0
        #else
        var time = Self.timeSpec(max(0, deadline))
        return pthread_cond_timedwait(raw, mutex.raw, &time) == 0
        #endif
    }

    private static func timeSpec(_ nanoseconds: Int64) -> timespec {
        timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }

    package func signal() { pthread_cond_signal(raw) }
    package func broadcast() { pthread_cond_broadcast(raw) }
}

/// Monotonic time in nanoseconds, the clock of every timestamp and deadline in a run.
@inline(__always) package func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

/// A state machine behind a pthread mutex. The mutex and the state live at fixed heap addresses,
/// so that instance threads can use them through a `Handle` of plain pointers: no reference
/// counting on the hot path, where every thread touches the same few primitives.
///
/// Sendable only when `State` is: the mutex makes access exclusive, but a state that is not
/// Sendable could still carry references shared with other threads out of the lock.
final class Guarded<State> {
    let handle: Handle

    /// The pointers of a `Guarded`, valid while the `Guarded` lives.
    ///
    /// Sendable when `State` is (below). Whoever uses a handle keeps its `Guarded` alive (the
    /// run's `RuntimeObjects` does, for the whole run).
    struct Handle {
        let mutex: UnsafeMutablePointer<pthread_mutex_t>
        let state: UnsafeMutablePointer<State>

        @inline(__always) func withLock<T>(_ body: (inout State) throws -> T) rethrows -> T {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return try body(&state.pointee)
        }
    }

    init(_ state: State) {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        let pointer = UnsafeMutablePointer<State>.allocate(capacity: 1)
        pointer.initialize(to: state)
        handle = Handle(mutex: mutex, state: pointer)
    }

    deinit {
        pthread_mutex_destroy(handle.mutex)
        handle.mutex.deallocate()
        handle.state.deinitialize(count: 1)
        handle.state.deallocate()
    }

    @inline(__always) func withLock<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try handle.withLock(body)
    }
}

/// Unchecked sendability is safe here because every access to `state` goes through `withLock`,
/// which holds the mutex, and `State` is itself Sendable, so nothing shared leaks out of the lock.
extension Guarded: @unchecked Sendable where State: Sendable {}

/// Unchecked sendability is safe here for the same reason: the pointee is only reached through
/// `withLock`, and `State` is Sendable. The pointers stay valid while the owning `Guarded` lives.
extension Guarded.Handle: @unchecked Sendable where State: Sendable {}
