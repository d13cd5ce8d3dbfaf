/// "00", "01", … "99": two digits per division. A literal, so that reading it costs no lazy
/// initialisation check.
private let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

/// How many decimal digits `value` has (1 for 0): a few comparisons, no division.
@inline(__always) func decimalDigitCount(_ value: UInt64) -> Int {
    if value < 100_000_000 {
        if value < 10_000 {
            if value < 100 { return value < 10 ? 1 : 2 }
            return value < 1_000 ? 3 : 4
        }
        if value < 1_000_000 { return value < 100_000 ? 5 : 6 }
        return value < 10_000_000 ? 7 : 8
    }
    var digits = 9
    var scale: UInt64 = 1_000_000_000
    while digits < 20, value >= scale {
        digits += 1
        scale = scale &* 10
    }
    return digits
}

/// Plain stores into a buffer the caller sized: the event encoder's primitives, with no
/// reference counting, no bounds checks past the caller's one, and no formatting by the standard
/// library (a timeline has millions of events).
extension UnsafeMutablePointer<UInt8> {
    @inline(__always) mutating func write(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        update(from: text.utf8Start, count: count)
        self += count
    }

    @inline(__always) mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        update(from: base, count: bytes.count)
        self += bytes.count
    }

    /// A decimal integer: at most 20 bytes.
    @inline(__always) mutating func writeInteger(_ value: Int64) {
        if value < 0 { write("-") }
        writeDigits(value.magnitude)
    }

    /// The digits of `value`: at most 20 bytes.
    @inline(__always) mutating func writeDigits(_ value: UInt64) {
        writeDigits(value, count: decimalDigitCount(value))
    }

    /// Exactly `count` digits of `value` (leading zeros included), two at a time.
    @inline(__always) mutating func writeDigits(_ value: UInt64, count: Int) {
        var rest = value
        var index = count
        while index >= 2 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            index -= 2
            self[index] = digitPairs.utf8Start[pair]
            self[index + 1] = digitPairs.utf8Start[pair + 1]
        }
        if index == 1 { self[0] = UInt8(ascii: "0") &+ UInt8(rest % 10) }
        self += count
    }

    /// Seconds with up to 9 decimals and no trailing zeros: `0.000012`, `3`, `-0.5`. At most 21 bytes.
    @inline(__always) mutating func writeSeconds(nanoseconds: Int64) {
        if nanoseconds < 0 { write("-") }
        let magnitude = nanoseconds.magnitude
        writeDigits(magnitude / 1_000_000_000)
        let fraction = magnitude % 1_000_000_000
        guard fraction != 0 else { return }
        // All nine digits, then the trailing zeros taken back: cheaper than dividing them off first.
        write(".")
        writeDigits(fraction, count: 9)
        while self[-1] == UInt8(ascii: "0") { self -= 1 }
    }

    /// Writes `word`'s first `count` bytes (at most 8) with one store of all 8: the caller has
    /// room for 8.
    @inline(__always) mutating func writeWord(_ word: UInt64, count: Int) {
        UnsafeMutableRawPointer(self).storeBytes(of: word, as: UInt64.self)
        self += count
    }

    /// A JSON string literal, escaped as `JSONBytes.appendString` does: at most
    /// `2 + 6 * utf8.count` bytes.
    mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        write("\"")
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            write(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            writeEscape(for: byte)
        }
        write(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        write("\"")
    }

    private mutating func writeEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): write("\\\"")
        case UInt8(ascii: "\\"): write("\\\\")
        case 0x08: write("\\b")
        case 0x0C: write("\\f")
        case 0x0A: write("\\n")
        case 0x0D: write("\\r")
        case 0x09: write("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            write("\\u00")
            self[0] = hex.utf8Start[Int(byte >> 4)]
            self[1] = hex.utf8Start[Int(byte & 0x0F)]
            self += 2
        }
    }
}
