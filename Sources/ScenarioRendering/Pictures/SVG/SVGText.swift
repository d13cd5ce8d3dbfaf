/// Text and numbers as the SVG picture writes them: escaped for XML, and numbers in a fixed
/// notation of our own, so that the same picture gives the same bytes on every machine (no
/// locale, no shortest-representation formatting that differs between platforms).
enum SVGText {
    /// `text` cut to `limit` characters, with `…` when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return limit <= 1 ? "…" : String(text.prefix(limit - 1)) + "…"
    }

    /// `value` with exactly `digits` decimals (at most 9), rounded half away from zero;
    /// `-0.0` is written `0.0`. Coordinates use one decimal.
    static func fixed(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        let digits = max(0, min(9, digits))
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return value < 0 ? "-9e15" : "9e15" }
        let whole = Int64(scaled)
        let divisor = Int64(scale)
        let integer = whole / divisor, fraction = whole % divisor
        let sign = value < 0 && whole != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(integer) }
        let fractionText = String(fraction)
        return sign + String(integer) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// A coordinate, to a tenth of a pixel.
    static func px(_ value: Double) -> String { fixed(value, digits: 1) }

    /// `n` grouped in thousands: 100,000.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (n < 0 ? "-" : "") + result
    }

    private static let units: [(scale: Double, unit: String)] = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]

    /// A duration in the unit that suits its size, as the page writes it: 2.001 s, 12.3 ms.
    static func duration(_ seconds: Double) -> String {
        let size = abs(seconds)
        guard size > 0 else { return "0 s" }
        let (scale, unit) = units.first { size >= $0.scale } ?? units[units.count - 1]
        let value = seconds / scale
        let digits = abs(value) >= 100 ? 1 : abs(value) >= 10 ? 2 : 3
        return trimmed(fixed(value, digits: digits)) + " " + unit
    }

    /// A tick label for `t` on an axis of ticks `step` apart: the step's unit, with the digits it needs.
    static func tick(_ t: Double, step: Double) -> String {
        let (scale, unit) = units.first { step >= $0.scale } ?? units[units.count - 1]
        let digits = max(0, min(9, -Int((step / scale).log10Floor())))
        return fixed(t / scale, digits: digits) + " " + unit
    }

    /// `1.500` → `1.5`, `2.000` → `2`.
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}

extension Double {
    /// ⌊log10(self)⌋ for a positive number, by repeated multiplication (no Foundation, exact
    /// at powers of ten within a relative 1e-9).
    func log10Floor() -> Int {
        guard self > 0, isFinite else { return 0 }
        var exponent = 0
        var value = self * (1 + 1e-9)
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
