/// Short human durations: `850ns`, `12µs`, `1.2ms`, `340ms`, `3.40s`, `2m05s`.
public enum DurationText {
    /// `seconds` in the largest unit that keeps it readable; one decimal below 10 of a sub-second
    /// unit, two decimals for seconds under a minute.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 0 { return "-" + format(-seconds) }
        let nanoseconds = (seconds * 1e9).rounded()
        if nanoseconds == 0 { return "0s" }
        if nanoseconds < 1_000 { return "\(Int(nanoseconds))ns" }
        if let text = subSecond(nanoseconds / 1_000, unit: "µs") { return text }
        if let text = subSecond(nanoseconds / 1_000_000, unit: "ms") { return text }
        let hundredths = (seconds * 100).rounded()
        if hundredths < 6_000 {
            return fixed(hundredths, decimals: 2) + "s"
        }
        let whole = Int(seconds.rounded())
        let remainder = whole % 60
        return "\(whole / 60)m" + (remainder < 10 ? "0" : "") + "\(remainder)s"
    }

    /// `value` (in `unit`) when it stays below 1000 after rounding, else nil.
    private static func subSecond(_ value: Double, unit: String) -> String? {
        let tenths = (value * 10).rounded()
        if tenths < 100 { return fixed(tenths, decimals: 1) + unit }
        let whole = value.rounded()
        return whole < 1_000 ? "\(Int(whole))\(unit)" : nil
    }

    /// An integer count of 10^-decimals units, written with that many decimals.
    private static func fixed(_ scaled: Double, decimals: Int) -> String {
        let value = Int(scaled)
        var divisor = 1
        for _ in 0..<decimals { divisor *= 10 }
        let fraction = String(value % divisor)
        return "\(value / divisor)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// Seconds with millisecond precision, for timeline rows: `0.012s`, `12.345s`.
    static func clock(nanoseconds: Int64) -> String {
        let milliseconds = max(0, nanoseconds) / 1_000_000
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + "s"
    }
}
