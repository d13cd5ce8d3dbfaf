import ScenarioRuntime

/// Where one instance's task waits while a primitive keeps it queued: a suspension, not a
/// blocked thread. A wake that comes before the task suspends is kept, never lost.
///
/// `@unchecked Sendable`: `permit` and `continuation` are only touched with `mutex` held.
final class AsyncParker: @unchecked Sendable {
    private let mutex = PThreadMutex()
    private var permit = false
    private var continuation: UnsafeContinuation<Void, Never>?

    /// Suspends until `unpark` (returns at once if it came already).
    func park() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            mutex.lock()
            if permit {
                permit = false
                mutex.unlock()
                continuation.resume()
            } else {
                self.continuation = continuation
                mutex.unlock()
            }
        }
    }

    func unpark() {
        mutex.lock()
        if let waiting = continuation {
            continuation = nil
            mutex.unlock()
            waiting.resume()
        } else {
            permit = true
            mutex.unlock()
        }
    }
}

/// Wakes an instance by resuming its task.
struct AsyncWaker: InstanceWaker {
    let parkers: [AsyncParker]

    func wake(_ instance: Int) { parkers[instance].unpark() }
}
