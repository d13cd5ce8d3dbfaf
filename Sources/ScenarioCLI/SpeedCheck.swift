import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioSyntax

/// `--speed X` divides every `sleep` and `work`, so a speed below 1 stretches them. None may then
/// last longer than a duration may in a file (24 hours): past that, a typo such as `--speed 1e-9`
/// would turn `sleep: 100ms` into years of waiting, and past 2^63 nanoseconds into nonsense.
enum SpeedCheck {
    /// The error to print, before the run, when `speed` stretches the longest `sleep` or `work`
    /// of `scenario` past the limit; nil when every duration stays within it.
    static func problem(in scenario: CompiledScenario, speed: Double) -> String? {
        guard let longest = scenario.longestDuration else { return nil }
        let stretched = Double(longest.nanoseconds) / speed
        guard stretched > Double(DurationSyntax.maximumNanoseconds) else { return nil }
        let written = DurationText.format(Double(longest.nanoseconds) / 1e9)
        return "\(scenario.describe(longest.location)): error: at --speed \(speed), this \(longest.step.rawValue) "
            + "of \(written) would last \(describe(seconds: stretched / 1e9)), longer than the 24 hours a "
            + "duration may last; give a larger --speed"
    }

    /// "26.4 hours", "1157 days", "3.2e+15 days": durations past a day, which `DurationText`
    /// writes in minutes.
    static func describe(seconds: Double) -> String {
        guard seconds.isFinite else { return "forever" }
        let hours = seconds / 3_600
        if hours < 48 { return String(format: "%.1f hours", hours) }
        let days = hours / 24
        if days < 1e6 { return "\(Int(days.rounded())) days" }
        return String(format: "%.1e days", days)
    }
}
