/// Durations: a non-negative number of seconds (`2`, `0.5`) or a string of unit-suffixed parts in
/// decreasing order (`1h`, `1m30s`, `1.5s`, `250ms`, `100us`, `100µs`, `20ns`). Numbers are
/// written as integers are: without a sign and without a leading zero.
public enum DurationSyntax {
    public struct Problem: Error, Equatable {
        public var message: String
    }

    /// The longest duration accepted; longer ones are almost certainly a slip of units.
    public static let maximumNanoseconds: Int64 = 24 * 3600 * 1_000_000_000

    /// Units from largest to smallest, with their length in nanoseconds.
    static let units: [(suffix: String, nanoseconds: Double)] = [
        ("h", 3_600e9), ("m", 60e9), ("s", 1e9), ("ms", 1e6), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ns", 1),
    ]

    public static func parse(_ text: String) -> Result<DurationValue, Problem> {
        let trimmed = text.trimmingCharacters(in: " ")
        // One message for every sign: '-0' is not negative, but it is not how a duration is written.
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("+") {
            return .failure(Problem(message:
                "'\(text.elided)' has a sign, and a duration is written without one (it is never negative)"))
        }
        if numbers(in: trimmed).contains(where: { NumberSpelling.hasLeadingZero($0.prefix { $0 != "." }) }) {
            return .failure(Problem(message: NumberSpelling.leadingZero(in: text)))
        }
        var total: Double = 0
        if let seconds = number(trimmed) {
            total = seconds * 1e9
        } else {
            guard let parts = parts(of: trimmed) else {
                return .failure(Problem(message:
                    "'\(text.elided)' is not a duration; write seconds as a number (2, 0.5) or use units, "
                        + "as in '250ms', '1.5s', '100us', '2m', '1m30s'"))
            }
            total = parts
        }
        guard total <= Double(maximumNanoseconds) else {
            return .failure(Problem(message: "'\(text.elided)' is longer than the 24 hours a duration may last"))
        }
        return .success(DurationValue(nanoseconds: Int64(total.rounded())))
    }

    /// The unit-suffixed form, in nanoseconds; nil when malformed or out of order.
    private static func parts(of text: String) -> Double? {
        var rest = Substring(text)
        var total: Double = 0
        var lastUnit = -1
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCIIDigit || $0 == "." }
            guard let value = number(String(digits)) else { return nil }
            rest = rest.dropFirst(digits.count)
            // Longest suffix first, so that "ms" is not read as "m" followed by "s".
            let letters = rest.prefix { !$0.isASCIIDigit && $0 != "." }
            guard let unit = units.firstIndex(where: { $0.suffix == letters }), unit > lastUnit else { return nil }
            // "us", "µs" (micro sign) and "μs" (Greek mu) are one unit: at most one of them.
            if units[unit].nanoseconds == 1e3, lastUnit >= 0, units[lastUnit].nanoseconds == 1e3 { return nil }
            lastUnit = unit
            total += value * units[unit].nanoseconds
            rest = rest.dropFirst(letters.count)
        }
        return total
    }

    /// The runs of digits and '.' in `text`: the number of each component ("1m05s" → "1", "05").
    private static func numbers(in text: String) -> [Substring] {
        text.split { !$0.isASCIIDigit && $0 != "." }
    }

    /// A plain non-negative decimal: `2`, `0.5`, `.5`.
    private static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            text.filter({ $0 == "." }).count <= 1, text != "."
        else { return nil }
        return Double(text)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
