/// A JSON text that could not be read: what was wrong and on which line.
public struct JSONScanError: Error, Equatable, Sendable {
    /// 1-based line of the text.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Reads JSON (RFC 8259) from bytes, keeping track of the line, value by value: a caller can take
/// a whole value (`value()`) or walk an object or array member by member, so that a report's
/// `events` list of millions of entries is read one event at a time, never as one tree.
///
/// Works on bytes the caller keeps alive (`withUnsafeBytes`), without copying them.
public struct JSONScanner {
    /// Deeper nesting is refused rather than risking the stack: no file of ours nests beyond 4.
    public static let maximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    public internal(set) var position: Int
    /// 1-based line of `position`.
    public private(set) var line: Int

    public init(_ bytes: UnsafeRawBufferPointer, line: Int = 1) {
        self.bytes = bytes
        position = 0
        self.line = line
    }

    public var isAtEnd: Bool { position >= bytes.count }

    var byteCount: Int { bytes.count }

    @inline(__always) func byte(at index: Int) -> UInt8 { bytes[index] }

    /// The bytes from `start` up to `end`, copied.
    func slice(_ start: Int, _ end: Int) -> [UInt8] { Array(bytes[start..<end]) }

    /// The bytes from `start` up to `end` as UTF-8 text, without an intermediate copy.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Skips spaces, tabs, carriage returns and newlines (counting the newlines).
    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A: line += 1
            case 0x20, 0x09, 0x0D: break
            default: return
            }
            position += 1
        }
    }

    /// The next byte after whitespace, without taking it.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    public func error(_ message: String) -> JSONScanError { JSONScanError(line: line, message: message) }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONScanError) {
        guard peek() == byte else { throw error(isAtEnd ? "unexpected end of the text, expected \(what)" : "expected \(what)") }
        position += 1
    }

    /// The next value, whole.
    public mutating func value(depth: Int = 0) throws(JSONScanError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        switch peek() {
        case UInt8(ascii: "{"):
            var members: [JSONMember] = []
            try object { (key, scanner) throws(JSONScanError) in
                members.append(JSONMember(key: key, value: try scanner.value(depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try array { (scanner) throws(JSONScanError) in elements.append(try scanner.value(depth: depth + 1)) }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case nil:
            throw error("unexpected end of the text, expected a value")
        default:
            return try number()
        }
    }

    /// Walks an object: `member` gets each key and must read its value from the scanner.
    public mutating func object(_ member: (String, inout JSONScanner) throws(JSONScanError) -> Void) throws(JSONScanError) {
        try expect(UInt8(ascii: "{"), "'{'")
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else {
                throw error(isAtEnd ? "unexpected end of the text inside an object" : "expected a key in quotes")
            }
            let key = try string()
            try expect(UInt8(ascii: ":"), "':' after the key")
            try member(key, &self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw error(isAtEnd ? "unexpected end of the text inside an object" : "expected ',' or '}'")
            }
        }
    }

    /// Walks an array: `element` must read each element from the scanner.
    public mutating func array(_ element: (inout JSONScanner) throws(JSONScanError) -> Void) throws(JSONScanError) {
        try expect(UInt8(ascii: "["), "'['")
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try element(&self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return
            default: throw error(isAtEnd ? "unexpected end of the text inside a list" : "expected ',' or ']'")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
        else { throw error("not valid JSON") }
        position += count
    }
}
