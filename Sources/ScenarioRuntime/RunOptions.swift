/// How to run a scenario.
public struct RunOptions: Sendable {
    /// Every `sleep` and `work` duration is divided by this (reported times stay real).
    public var speed: Double
    /// A run still going after this many seconds is stopped with status `timeout`.
    public var timeout: Double
    /// Stop with status `interrupted` on Ctrl-C (SIGINT) instead of dying.
    public var handlesInterrupt: Bool
    /// Called on a background thread with new events, in `seq` order, while the run goes on,
    /// and once more at the end with the rest. Nil records without streaming.
    public var onEvents: (@Sendable ([Event]) -> Void)?

    public init(
        speed: Double = 1, timeout: Double = 60, handlesInterrupt: Bool = false,
        onEvents: (@Sendable ([Event]) -> Void)? = nil
    ) {
        self.speed = speed
        self.timeout = timeout
        self.handlesInterrupt = handlesInterrupt
        self.onEvents = onEvents
    }
}
