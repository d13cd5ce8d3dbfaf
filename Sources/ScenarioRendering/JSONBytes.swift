/// A growing UTF-8 byte buffer with the few JSON writing primitives the renderers need.
///
/// Hand-written rather than `JSONEncoder` so a timeline of millions of events is written
/// quickly, without building an intermediate object tree.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// Empties the buffer and keeps its storage, for writing in chunks.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends literal text as is (no escaping).
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `items` as the elements of a JSON array whose brackets the caller writes: each after
    /// `lead` (`"\n"` puts one element a line), with commas between, written by `element`.
    mutating func appendElements<Items: Sequence>(
        _ items: Items, lead: StaticString = "", element: (Items.Element, inout JSONBytes) -> Void
    ) {
        var first = true
        for item in items {
            if !first { append(",") }
            first = false
            append(lead)
            element(item, &self)
        }
    }

    /// `,"scenario":…,"file":…,"runtime":…,"executor":…`: which run a timeline header or a
    /// picture comes from.
    mutating func appendRunNames(scenario: String, file: String, runtime: String, executor: String?) {
        append(",\"scenario\":")
        appendString(scenario)
        append(",\"file\":")
        appendString(file)
        append(",\"runtime\":")
        appendString(runtime)
        append(",\"executor\":")
        appendOptionalString(executor)
    }

    mutating func appendBool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    /// Appends a decimal integer.
    mutating func appendInt(_ value: Int) {
        appendInt64(Int64(value))
    }

    mutating func appendInt64(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    mutating func appendUInt64(_ value: UInt64) {
        appendDigits(value)
    }

    /// The string, or `null`.
    mutating func appendOptionalString(_ text: String?) {
        if let text { appendString(text) } else { append("null") }
    }

    /// The integer, or `null`.
    mutating func appendOptionalInt(_ value: Int?) {
        if let value { appendInt(value) } else { append("null") }
    }

    /// The integer, or `null`.
    mutating func appendOptionalUInt64(_ value: UInt64?) {
        if let value { appendUInt64(value) } else { append("null") }
    }

    private mutating func appendDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var start = 20
            while rest > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends nanoseconds as seconds with up to 9 decimals and no exponent: `0.000012`, `3`, `-0.5`.
    mutating func appendSeconds(nanoseconds: Int64) {
        if nanoseconds < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = nanoseconds.magnitude
        appendDigits(magnitude / 1_000_000_000)
        var fraction = magnitude % 1_000_000_000
        guard fraction != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var scale: UInt64 = 1
        for _ in 1..<digits { scale *= 10 }
        while scale > 0 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(fraction / scale % 10))
            scale /= 10
        }
    }

    /// Appends seconds given as a `Double`, rounded to the nanosecond (non-finite values become 0).
    mutating func appendSeconds(_ seconds: Double) {
        appendSeconds(nanoseconds: Self.nanoseconds(seconds))
    }

    static func nanoseconds(_ seconds: Double) -> Int64 {
        let value = (seconds * 1e9).rounded()
        guard value.isFinite else { return 0 }
        if value >= 9.2e18 { return Int64.max }
        if value <= -9.2e18 { return Int64.min }
        return Int64(value)
    }

    /// Appends a JSON string literal, quotes included, escaped per RFC 8259.
    mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            appendEscape(for: byte)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            append("u00")
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    /// The buffer's contents as text.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes of `text` as a JSON string literal.
    static func quoted(_ text: String) -> [UInt8] {
        var buffer = JSONBytes()
        buffer.appendString(text)
        return buffer.bytes
    }
}
