import Synchronization

/// The time a run's steps see: when events happen, when a `sleep` or `work` ends, how long an
/// instance waited. Real engines read the monotonic clock; an engine that keeps time of its own
/// (a simulator's virtual clock) supplies a manual one. The run's time-out is always real time.
package enum RunClock: Sendable {
    case monotonic
    case manual(ManualClock)

    /// Nanoseconds on this clock.
    @inline(__always) package var now: Int64 {
        switch self {
        case .monotonic: monotonicNanoseconds()
        case .manual(let clock): clock.now
        }
    }
}

/// A clock that moves only when told to.
package final class ManualClock: Sendable {
    private let value: Atomic<Int64>

    package init(_ start: Int64 = 0) {
        value = Atomic(start)
    }

    package var now: Int64 { value.load(ordering: .acquiring) }

    /// Moves the clock to `time`; never backwards.
    package func advance(to time: Int64) {
        var current = value.load(ordering: .relaxed)
        while current < time {
            let (exchanged, original) = value.compareExchange(expected: current, desired: time, ordering: .releasing)
            if exchanged { return }
            current = original
        }
    }
}
