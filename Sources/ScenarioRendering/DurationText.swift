/// Short human durations: `850ns`, `12µs`, `1.2ms`, `340ms`, `3.40s`, `2m05s`, `13h57m15s`.
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
        // Whole seconds from a minute on: `2m05s`, and from an hour on `13h57m15s` (never
        // `837m15s`, which nobody reads at a glance).
        guard seconds < Double(Int.max / 2) else { return "?" }
        let whole = Int(seconds.rounded())
        let hours = whole / 3_600
        let minutes = whole / 60 % 60
        let secondsText = twoDigits(whole % 60) + "s"
        return hours > 0 ? "\(hours)h" + twoDigits(minutes) + "m" + secondsText : "\(minutes)m" + secondsText
    }

    private static func twoDigits(_ value: Int) -> String {
        (value < 10 ? "0" : "") + String(value)
    }

    /// A step's duration the way a scenario writes it, exact and short: `500ms`, `1s`, `1.5s`,
    /// `1m30s`, `2h`, `250µs`, `40ns`. For `sleep 500ms` and `work 1s` in the timeline.
    public static func step(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        guard nanoseconds > 0 else { return "\(nanoseconds)ns" }  // no step has one; shown as it is
        let perSecond: Int64 = 1_000_000_000
        let wholeSeconds = nanoseconds / perSecond
        let fraction = nanoseconds % perSecond
        guard wholeSeconds > 0 else {
            for (unit, size) in [("ms", Int64(1_000_000)), ("µs", 1_000)] where nanoseconds >= size {
                return decimal(nanoseconds, unit: size) + unit
            }
            return "\(nanoseconds)ns"
        }
        var text = ""
        if wholeSeconds >= 3_600 { text += "\(wholeSeconds / 3_600)h" }
        if wholeSeconds % 3_600 >= 60 { text += "\(wholeSeconds % 3_600 / 60)m" }
        let secondsPart = wholeSeconds % 60
        if secondsPart > 0 || fraction > 0 { text += decimal(secondsPart * perSecond + fraction, unit: perSecond) + "s" }
        return text
    }

    /// `value / unit` written exactly, without trailing zeros: `1.5`, `250`, `1.000001`.
    private static func decimal(_ value: Int64, unit: Int64) -> String {
        let whole = String(value / unit)
        let remainder = value % unit
        guard remainder > 0 else { return whole }
        let digits = String(unit).count - 1
        var fraction = String(remainder)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return whole + "." + fraction
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
