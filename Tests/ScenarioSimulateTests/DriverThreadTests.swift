import Foundation
import ScenarioRuntime
import ScenarioSimulate
import Testing

/// `SimulateEngine.run` steps the simulation on a thread of its own; a series (`--runs`) makes
/// one per run, so each must give its stack back when it ends. A joinable thread nobody joins
/// keeps its stack mapped: 10,000 runs kept 10,000 stacks (430 MB resident at 50,000 runs), until
/// the system refused new threads and the runs fell back to blocking a thread of Swift's pool.
@Suite("Simulate: the driver thread")
struct DriverThreadTests {
    /// Lines of /proc/self/maps: every thread stack left mapped adds at least one.
    /// Read with fgets: Foundation reads a /proc file only up to the size it claims, 0.
    static func mappings() throws -> Int {
        let file = try #require(fopen("/proc/self/maps", "r"))
        defer { fclose(file) }
        var lines = 0
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            if strchr(buffer, 10) != nil { lines += 1 }  // a line longer than the buffer counts once
        }
        return lines
    }

    @Test func runsLeaveNoThreadStackBehind() async throws {
        let scenario = try compile("""
            scenario: Tiny
            variables:
              n: 0
            workers:
              w:
                - increment: n
            """)
        // Warm up: the first runs map what every run shares (code, caches, the pool's threads).
        for _ in 0..<20 { _ = await SimulateEngine.run(scenario) }
        let before = try Self.mappings()
        for seed in 0..<400 {
            let report = await SimulateEngine.run(scenario, settings: SimulationSettings(seed: UInt64(seed)))
            #expect(report.status == .ok)
        }
        let after = try Self.mappings()
        #expect(after - before < 100, "\(after - before) new mappings after 400 runs")
    }
}
