/// How to run a scenario.
public struct RunOptions: Sendable {
    /// Every `sleep` and `work` duration is divided by this (reported times stay real).
    public var speed: Double
    /// A run still going after this many seconds is stopped with status `timeout`.
    public var timeout: Double
    /// Stop with status `interrupted` on Ctrl-C (SIGINT) instead of dying.
    public var handlesInterrupt: Bool
    /// A series' Ctrl-C, caught once for all its runs: when set, the run joins it instead of
    /// catching Ctrl-C by itself, and `handlesInterrupt` is not used.
    public var interruption: InterruptScope?
    /// Called on a background thread with new events, in `seq` order, while the run goes on,
    /// and once more at the end with the rest. Nil records without streaming.
    public var onEvents: (@Sendable ([Event]) -> Void)?
    /// As `onEvents`, without making an `Event` for each event: the batch is a view of the
    /// timeline's storage, valid only during the call. Encoders of long runs use this. When both
    /// are set, each batch goes to this one first, then to `onEvents`.
    public var onEventBatch: (@Sendable (EventBatch) -> Void)?
    /// A run that records more events than this (rounded up to a multiple of 65,536) is stopped
    /// with a runtime error: the timeline lives in memory (32 bytes an event), and a worker that
    /// loops without waiting records millions a second.
    public var maximumEvents: Int
    /// A step that would take the run's text values (log lines and text items put on queues) past
    /// this many bytes of UTF-8 stops the run with a runtime error: they live in memory too, and a
    /// long `log` in a loop fills it long before `maximumEvents` events.
    public var maximumTextBytes: Int
    /// Whether the report keeps the whole timeline (`RunReport.events`). When false, events go
    /// to `onEvents` and `onEventBatch` through a bounded window as the run goes on, writers waiting for the reader
    /// when it falls behind (nothing is dropped), and the report's `events` is empty; with neither
    /// of them, events are not kept at all. Memory then stays flat however long the
    /// run, and there is no limit on the number of events.
    public var keepsEvents = true
    /// Model CPython's global interpreter lock even when the scenario does not say `gil: true`
    /// (`--gil`); its switch interval is the scenario's `gil_interval:`, else 5 ms.
    public var gil = false
    /// Runs process-pool tasks in real child processes (the command line's starts the `scenario`
    /// binary again); nil runs each pool process as an isolated copy of the variables in this
    /// process, as the simulator always does.
    /// Made once per run (a series runs several at once).
    package var makeProcessRunner: (@Sendable () -> any ProcessTaskRunner)?
    /// How many threads the engine may start before it acts as if the system refused one; tests
    /// use it to exercise a refusal.
    package var maximumThreads = Int.max

    /// 2^26 events: 2 GiB of timeline.
    public static let defaultMaximumEvents = 1 << 26
    /// 1 GiB of text.
    public static let defaultMaximumTextBytes = 1 << 30

    /// Whether anything reads the events as the run goes on.
    var streamsEvents: Bool { onEvents != nil || onEventBatch != nil }

    /// What the runtime's streaming thread calls with each batch: `onEventBatch`, then `onEvents`.
    var batchObserver: (@Sendable (EventBatch) -> Void)? {
        switch (onEventBatch, onEvents) {
        case (nil, nil): nil
        case (let batches?, nil): batches
        case (nil, let events?): { events(Array($0)) }
        case (let batches?, let events?): { batch in
            batches(batch)
            events(Array(batch))
        }
        }
    }

    public init(
        speed: Double = 1, timeout: Double = 60, handlesInterrupt: Bool = false,
        onEvents: (@Sendable ([Event]) -> Void)? = nil, maximumEvents: Int = RunOptions.defaultMaximumEvents,
        maximumTextBytes: Int = RunOptions.defaultMaximumTextBytes
    ) {
        self.speed = speed
        self.timeout = timeout
        self.handlesInterrupt = handlesInterrupt
        self.onEvents = onEvents
        self.maximumEvents = maximumEvents
        self.maximumTextBytes = maximumTextBytes
    }
}
