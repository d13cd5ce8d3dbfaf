/// Runs one scenario many times and gathers the distribution of outcomes (`scenario run
/// --runs N`). Engine-neutral: `run` is whatever makes run number `index` (from 0) — a real run
/// on threads or tasks, repeated, or a simulated run with its own seed — and `seed` and
/// `replay` say, when the runtime has them, which seed a run used and which command replays it.
public struct RunSeries: Sendable {
    /// How many runs.
    public var runs: Int
    /// How many run at once.
    public var jobs: Int
    /// Makes run number `index`. Its options should not keep events (`RunOptions.keepsEvents =
    /// false`, no `onEvents`), so that memory stays flat however long the series, and should
    /// join the series' `InterruptScope`.
    public var run: @Sendable (_ index: Int) async -> RunReport
    /// Run `index`'s seed; nil for runtimes without seeds.
    public var seed: (@Sendable (_ index: Int) -> UInt64)?
    /// The command that replays run `index`; nil for runtimes that cannot replay a run.
    public var replay: (@Sendable (_ index: Int) -> String)?

    public init(
        runs: Int, jobs: Int, run: @escaping @Sendable (_ index: Int) async -> RunReport,
        seed: (@Sendable (_ index: Int) -> UInt64)? = nil, replay: (@Sendable (_ index: Int) -> String)? = nil
    ) {
        self.runs = runs
        self.jobs = jobs
        self.run = run
        self.seed = seed
        self.replay = replay
    }

    /// Where a series stands, for a progress line.
    public struct Progress: Sendable {
        /// Runs ended so far (in any order).
        public var done: Int
        public var requested: Int
        /// Seconds since the series started.
        public var elapsed: Double
        /// Runs ended so far, per status.
        public var statuses: [RunStatus: Int]
    }

    /// Runs the series, `jobs` runs at a time, and returns its distribution. `onProgress` is
    /// called as it starts and after every run that ends. When `interruption` is interrupted,
    /// no more runs start; the runs it interrupted are not counted (they did not end).
    public func execute(
        interruption: InterruptScope? = nil, onProgress: (@Sendable (Progress) -> Void)? = nil
    ) async -> SeriesResult {
        let started = monotonicNanoseconds()
        let jobs = max(1, jobs)
        // Runs that ended wait here until every run before them has ended, so that they are
        // counted in index order; a run starts only within this many of the first not yet
        // counted, which bounds what waits (a slow run among fast ones would let it grow).
        let window = max(64, 8 * jobs)
        var result = SeriesResult(requested: runs)
        var ended: [Int: RunOutcome?] = [:]
        var nextToCount = 0
        var progress = Progress(done: 0, requested: runs, elapsed: 0, statuses: [:])
        onProgress?(progress)
        await withTaskGroup(of: (Int, RunReport).self) { group in
            var nextToStart = 0
            var running = 0
            func startWhatFits() {
                while running < jobs, nextToStart < runs, nextToStart < nextToCount + window,
                    interruption?.isInterrupted != true
                {
                    let index = nextToStart
                    group.addTask { (index, await run(index)) }
                    nextToStart += 1
                    running += 1
                }
            }
            startWhatFits()
            while let (index, report) = await group.next() {
                running -= 1
                // An interrupted run did not end: it has no outcome to count.
                ended[index] = report.status == .interrupted ? RunOutcome?.none : RunOutcome(report)
                while let outcome = ended.removeValue(forKey: nextToCount) {
                    if let outcome {
                        result.add(outcome, index: nextToCount, seed: seed?(nextToCount), replay: replay?(nextToCount))
                    }
                    nextToCount += 1
                }
                if report.status != .interrupted {
                    progress.done += 1
                    progress.statuses[report.status, default: 0] += 1
                }
                progress.elapsed = Double(monotonicNanoseconds() - started) / 1e9
                onProgress?(progress)
                startWhatFits()
            }
        }
        // After Ctrl-C, runs that ended after a gap (an interrupted run) are still counted.
        for index in ended.keys.sorted() {
            if let outcome = ended[index] ?? nil {
                result.add(outcome, index: index, seed: seed?(index), replay: replay?(index))
            }
        }
        result.interrupted = interruption?.isInterrupted == true && result.runs < runs
        result.duration = Double(monotonicNanoseconds() - started) / 1e9
        return result
    }
}
