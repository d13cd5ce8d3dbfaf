import ScenarioRuntime
import Synchronization

/// Where one instance's task waits while a primitive keeps it queued: a suspension, not a
/// blocked thread. A wake that comes before the task suspends is kept, never lost.
///
/// A `Synchronization.Mutex` stored inline rather than a pthread mutex: one allocation per
/// instance instead of three (there may be a million), and it is never contended for long (a
/// park and its wake, at most).
final class AsyncParker: Sendable {
    private enum State {
        case idle
        /// A wake came before the park.
        case permit
        case parked(UnsafeContinuation<Void, Never>)
    }

    private let state = Mutex<State>(.idle)

    /// Suspends until `unpark` (returns at once if it came already).
    func park() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let woken = state.withLock { state -> Bool in
                if case .permit = state {
                    state = .idle
                    return true
                }
                state = .parked(continuation)
                return false
            }
            if woken { continuation.resume() }
        }
    }

    func unpark() {
        let parked = state.withLock { state -> UnsafeContinuation<Void, Never>? in
            if case .parked(let continuation) = state {
                state = .idle
                return continuation
            }
            state = .permit
            return nil
        }
        parked?.resume()
    }
}

/// Wakes an instance by resuming its task.
struct AsyncWaker: InstanceWaker {
    let parkers: [AsyncParker]

    func wake(_ instance: Int) { parkers[instance].unpark() }
}
