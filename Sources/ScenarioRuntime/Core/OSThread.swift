#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A joinable OS thread with a chosen stack size.
package struct OSThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    #if canImport(Glibc)
    private let handle: pthread_t
    #else
    private let handle: pthread_t?
    #endif

    /// Starts `body` on a new thread; nil when the system refuses (too many threads).
    package init?(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            guard let raw else { preconditionFailure("pthread_create passed no argument to the thread") }
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        handle = thread
    }

    package func join() {
        #if canImport(Glibc)
        pthread_join(handle, nil)
        #else
        if let handle { pthread_join(handle, nil) }
        #endif
    }

    /// Lets the thread free its stack by itself when it ends, for a thread nobody joins. A
    /// joinable thread that is never joined keeps its stack mapped after it ends: one per run
    /// adds up to thousands in a series (`--runs`), until the system refuses new threads.
    package func detach() {
        #if canImport(Glibc)
        pthread_detach(handle)
        #else
        if let handle { pthread_detach(handle) }
        #endif
    }
}

/// Holds every instance at the start line until all threads exist, so they start together at t = 0.
package final class StartGate: Sendable {
    package init() {}

    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    /// Whether the gate is open, and whether those waiting at it are to run; only touched with
    /// `mutex` held, so nonisolated(unsafe) is safe.
    private nonisolated(unsafe) var isOpen = false
    // Guarded by `mutex` too.
    private nonisolated(unsafe) var run = false

    /// Waits until the gate opens; returns whether to run.
    package func wait() -> Bool {
        mutex.withLock {
            while !isOpen { condition.wait(mutex) }
            return run
        }
    }

    /// Lets every waiting thread go, to run (`run`) or to end at once.
    package func open(run: Bool = true) {
        mutex.withLock {
            isOpen = true
            self.run = run
        }
        condition.broadcast()
    }
}
