/// Counts as people read them: `1234567` as `1,234,567`. One format for every count the tool
/// prints (statistics, deadlock explanations, summaries).
public enum GroupedNumber {
    public static func text(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }
}
