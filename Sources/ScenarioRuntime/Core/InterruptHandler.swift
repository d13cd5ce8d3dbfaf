import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns Ctrl-C into an `interrupted` outcome for the duration of a run.
///
/// The signal handler only posts a semaphore (async-signal-safe); one thread of the process's
/// own waits on it and interrupts every run that handles Ctrl-C at that moment. Not a Dispatch
/// signal source: Dispatch's threads are the ones that run async tasks, and when every one of
/// them is busy in a `work` step, the source's handler would not run until a step ends.
final class InterruptHandler: Sendable {
    private let monitor: RunMonitor

    init(monitor: RunMonitor) {
        self.monitor = monitor
        InterruptDispatcher.shared.register(monitor)
    }

    func cancel() {
        InterruptDispatcher.shared.unregister(monitor)
    }
}

/// Something Ctrl-C stops: a run's monitor, or a series of runs (`InterruptScope`).
protocol Interruptible: AnyObject, Sendable {
    func interrupt()
}

extension RunMonitor: Interruptible {}

/// The process's Ctrl-C: the runs and series that handle it, and the thread that tells them.
/// SIGINT is caught while at least one of them is registered, and has its default effect
/// (ending the process) otherwise.
///
/// `@unchecked Sendable`: `monitors` and `thread` are only touched with `mutex` held; the
/// semaphore is thread-safe and `sem_post` async-signal-safe; the memory lives as long as the
/// process.
final class InterruptDispatcher: @unchecked Sendable {
    static let shared = InterruptDispatcher()

    private let mutex = PThreadMutex()
    private var monitors: [ObjectIdentifier: any Interruptible] = [:]
    private var thread: OSThread?
    fileprivate let semaphore: UnsafeMutablePointer<sem_t> = {
        let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
        return semaphore
    }()

    func register(_ monitor: any Interruptible) {
        mutex.withLock {
            if monitors.isEmpty {
                signal(SIGINT, { _ in sem_post(InterruptDispatcher.shared.semaphore) })
            }
            monitors[ObjectIdentifier(monitor)] = monitor
            if thread == nil {
                // Started once; it waits for Ctrl-C for as long as the process lives.
                thread = OSThread(stackSize: 128 << 10) { [self] in deliver() }
            }
        }
    }

    func unregister(_ monitor: any Interruptible) {
        mutex.withLock {
            monitors[ObjectIdentifier(monitor)] = nil
            if monitors.isEmpty { signal(SIGINT, SIG_DFL) }
        }
    }

    private func deliver() {
        while true {
            while sem_wait(semaphore) != 0, errno == EINTR {}
            let interrupted = mutex.withLock { Array(monitors.values) }
            for monitor in interrupted { monitor.interrupt() }
        }
    }
}
