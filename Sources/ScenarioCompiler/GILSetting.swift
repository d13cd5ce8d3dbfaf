import ScenarioSyntax

/// Whether a scenario models CPython's global interpreter lock, and how often its holder is made
/// to drop it when others wait (`sys.getswitchinterval()`).
public struct GILSetting: Sendable, Equatable {
    /// `gil: true` in the file; `--gil` turns it on too.
    public var enabled: Bool
    /// The switch interval in nanoseconds: 5 ms unless `gil_interval:` says otherwise.
    public var interval: Int64

    /// CPython's default switch interval, 5 ms.
    public static let defaultInterval: Int64 = 5_000_000

    public init(enabled: Bool = false, interval: Int64 = GILSetting.defaultInterval) {
        self.enabled = enabled
        self.interval = interval
    }

    init(_ syntax: GILSyntax) {
        self.init(enabled: syntax.enabled?.value ?? false, interval: syntax.interval?.value ?? Self.defaultInterval)
    }
}

extension CompiledScenario {
    /// The interval of the GIL this run models, or nil when it models none: `force` is `--gil`.
    public func gilInterval(force: Bool) -> Int64? {
        force || gil.enabled ? gil.interval : nil
    }
}
