/// Where one instance's thread sleeps while it waits: for a primitive to wake it, for a sleep to
/// end, or for the run to stop. A wake that comes before the park is kept, never lost.
package final class Parker: Sendable {
    package init() {}

    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    /// Set by `unpark`, consumed by `park`; only read and written with `mutex` held, so
    /// nonisolated(unsafe) is safe.
    private nonisolated(unsafe) var permit = false

    /// Waits for `unpark` or until `deadline` (monotonic ns; nil waits without limit).
    /// Returns true when woken by `unpark`, false when the deadline passed.
    @discardableResult
    package func park(until deadline: Int64? = nil) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        while !permit {
            if let deadline {
                if !condition.wait(mutex, until: deadline), monotonicNanoseconds() >= deadline {
                    return false
                }
            } else {
                condition.wait(mutex)
            }
        }
        permit = false
        return true
    }

    package func unpark() {
        mutex.withLock { permit = true }
        condition.signal()
    }
}
