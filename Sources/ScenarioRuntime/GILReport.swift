/// What the GIL cost a run that models one (`gil: true` or `--gil`).
public struct GILReport: Sendable, Equatable {
    /// The switch interval, in seconds.
    public var interval: Double
    /// Each instance's total time waiting for the GIL, in seconds, in instance order (a wait
    /// still going on when the run ended is not counted).
    public var waited: [Double]

    public init(interval: Double, waited: [Double]) {
        self.interval = interval
        self.waited = waited
    }

    /// The instances' waits together, in seconds.
    public var totalWaited: Double { waited.reduce(0, +) }
}

extension RunReport {
    /// The GIL's report, when the run models one; `ReportBuilder` fills it in.
    public var gil: GILReport? {
        get { gilReport }
        set { gilReport = newValue }
    }
}
