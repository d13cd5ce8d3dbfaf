/// Strings and numbers.
extension JSONScanner {
    /// A string literal (the scanner is at its opening quote, after whitespace).
    public mutating func string() throws(JSONScanError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        position += 1
        let start = position
        // The common case: no escape, decoded straight from the bytes.
        while position < byteCount, byte(at: position) != UInt8(ascii: "\""), byte(at: position) != UInt8(ascii: "\\") {
            guard byte(at: position) >= 0x20 else { throw error("a control character inside a string") }
            position += 1
        }
        guard position < byteCount else { throw error("unterminated string") }
        if byte(at: position) == UInt8(ascii: "\"") {
            position += 1
            return text(start, position - 1)
        }
        var utf8 = slice(start, position)
        while byte(at: position) == UInt8(ascii: "\\") {
            position += 1
            guard position < byteCount else { throw error("unterminated string") }
            let escape = byte(at: position)
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"): utf8.append(contentsOf: String(try unicodeEscape()).utf8)
            default: throw error("unknown escape in a string")
            }
            let run = position
            while position < byteCount, byte(at: position) != UInt8(ascii: "\""), byte(at: position) != UInt8(ascii: "\\") {
                guard byte(at: position) >= 0x20 else { throw error("a control character inside a string") }
                position += 1
            }
            guard position < byteCount else { throw error("unterminated string") }
            utf8.append(contentsOf: slice(run, position))
        }
        position += 1
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The scalar of `\uXXXX` (after the `u`), joining a surrogate pair; a lone surrogate is U+FFFD.
    private mutating func unicodeEscape() throws(JSONScanError) -> Character {
        let first = try hexQuad()
        guard (0xD800...0xDBFF).contains(first) else {
            return Character(Unicode.Scalar(first) ?? "\u{FFFD}")
        }
        guard position + 1 < byteCount, byte(at: position) == UInt8(ascii: "\\"), byte(at: position + 1) == UInt8(ascii: "u") else {
            return "\u{FFFD}"
        }
        position += 2
        let second = try hexQuad()
        guard (0xDC00...0xDFFF).contains(second) else { return "\u{FFFD}" }
        let scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")
    }

    private mutating func hexQuad() throws(JSONScanError) -> UInt32 {
        guard position + 4 <= byteCount else { throw error("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit = byte(at: position)
            position += 1
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
            default: throw error("bad \\u escape")
            }
        }
        return value
    }

    /// A number: `.integer` when written without fraction or exponent and it fits, else `.double`.
    mutating func number() throws(JSONScanError) -> JSONValue {
        let start = position
        if position < byteCount, byte(at: position) == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        var magnitude: UInt64 = 0
        var overflow = false
        while position < byteCount, case let digit = byte(at: position), digit >= 0x30, digit <= 0x39 {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(digit - 0x30))
            overflow = overflow || o1 || o2
            magnitude = sum
            position += 1
        }
        guard position > digitsStart else { throw error("not valid JSON") }
        guard byte(at: digitsStart) != UInt8(ascii: "0") || position == digitsStart + 1 else {
            throw error("a number with a leading zero")
        }
        var isInteger = true
        if position < byteCount, byte(at: position) == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try digits()
        }
        if position < byteCount, byte(at: position) | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < byteCount, byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") {
                position += 1
            }
            try digits()
        }
        let negative = byte(at: start) == UInt8(ascii: "-")
        if isInteger, !overflow, magnitude <= UInt64(Int.max) + (negative ? 1 : 0) {
            return .integer(negative ? Int(truncatingIfNeeded: 0 &- magnitude) : Int(magnitude))
        }
        let written = text(start, position)
        guard let value = Double(written), value.isFinite else { throw error("number out of range: \(written)") }
        return .double(value)
    }

    private mutating func digits() throws(JSONScanError) {
        let start = position
        while position < byteCount, byte(at: position) >= 0x30, byte(at: position) <= 0x39 { position += 1 }
        guard position > start else { throw error("not valid JSON") }
    }
}
