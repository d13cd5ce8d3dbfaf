import ScenarioRuntime

/// Writes one event as a compact JSON object:
/// `{"seq":0,"t":0.000012,"worker":"first","event":"acquire","object":"left"}`,
/// plus `"value"` (integer or string) when the event carries one.
///
/// Fast, because a timeline has millions of events: every name is escaped once, up front, into
/// one table of bytes; each event is written with plain stores into a small buffer on the stack
/// (no reference counting, no hashing, no formatting by the standard library) and appended to the
/// output at once. An event whose text is too long for that buffer takes the general path.
struct EventJSONEncoder {
    private let fields: FieldTable

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    init(instances: [String], objects: [String]) {
        fields = FieldTable(instances: instances, objects: objects)
    }

    /// The stack buffer an event is written into; longer events take the general path.
    private static let fastLength = 512

    /// Appends the event's JSON object (no trailing newline or comma).
    func append(_ event: Event, to out: inout JSONBytes) {
        let instance = Int(event.instance)
        let object = Int(event.object)
        guard fields.hasWorker(instance), event.object < 0 || fields.hasObject(object) else {
            return appendUnnamed(event, to: &out)
        }
        var bound = 80 + fields.workerLength(instance) + (event.object >= 0 ? fields.objectLength(object) : 0)
        if case .text(let text) = event.value { bound += 12 + 6 * text.utf8.count }
        guard bound <= Self.fastLength else { return appendGeneral(event, to: &out) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.fastLength) { buffer in
            guard let start = buffer.baseAddress else { return }
            var cursor = start
            cursor.write("{\"seq\":")
            cursor.writeDigits(UInt64(max(0, event.seq)))
            cursor.write(",\"t\":")
            cursor.writeSeconds(nanoseconds: event.nanoseconds)
            fields.writeWorker(instance, at: &cursor)
            fields.writeEvent(event.kind, at: &cursor)
            if event.object >= 0 { fields.writeObject(object, at: &cursor) }
            switch event.value {
            case .none:
                break
            case .integer(let number):
                cursor.write(",\"value\":")
                if number < 0 { cursor.write("-") }
                cursor.writeDigits(number.magnitude.toUInt64)
            case .text(let text):
                cursor.write(",\"value\":")
                cursor.writeQuoted(text)
            }
            cursor.write("}")
            out.bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: cursor - start))
        }
    }

    /// The general path: any length, through `JSONBytes`.
    private func appendGeneral(_ event: Event, to out: inout JSONBytes) {
        appendHead(event, to: &out)
        out.bytes.append(contentsOf: fields.worker(Int(event.instance)))
        out.bytes.append(contentsOf: fields.event(event.kind))
        if event.object >= 0 { out.bytes.append(contentsOf: fields.object(Int(event.object))) }
        appendValue(event.value, to: &out)
    }

    /// An instance or object index with no name is written as `#INDEX`.
    private func appendUnnamed(_ event: Event, to out: inout JSONBytes) {
        appendHead(event, to: &out)
        let instance = Int(event.instance)
        if fields.hasWorker(instance) {
            out.bytes.append(contentsOf: fields.worker(instance))
        } else {
            out.append(",\"worker\":")
            out.appendString("#\(instance)")
        }
        out.bytes.append(contentsOf: fields.event(event.kind))
        if event.object >= 0 {
            let object = Int(event.object)
            if fields.hasObject(object) {
                out.bytes.append(contentsOf: fields.object(object))
            } else {
                out.append(",\"object\":")
                out.appendString("#\(object)")
            }
        }
        appendValue(event.value, to: &out)
    }

    private func appendHead(_ event: Event, to out: inout JSONBytes) {
        out.append("{\"seq\":")
        out.appendInt(event.seq)
        out.append(",\"t\":")
        out.appendSeconds(nanoseconds: event.nanoseconds)
    }

    private func appendValue(_ value: EventValue, to out: inout JSONBytes) {
        switch value {
        case .none:
            break
        case .integer(let number):
            out.append(",\"value\":")
            out.appendInt(number)
        case .text(let text):
            out.append(",\"value\":")
            out.appendString(text)
        }
        out.append("}")
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}

/// The `,"worker":"…"`, `,"object":"…"` and `,"event":"…"` fields of every name, escaped once,
/// in one block of bytes.
///
/// `@unchecked Sendable`: the bytes are written once, in `init`, and only read after.
private final class FieldTable: @unchecked Sendable {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Start and length of each field in `bytes`.
    private let workers: [(start: Int, count: Int)]
    private let objects: [(start: Int, count: Int)]
    private let events: [(start: Int, count: Int)]

    init(instances: [String], objects: [String]) {
        var all: [UInt8] = []
        func add(_ key: StaticString, _ value: String) -> (Int, Int) {
            let start = all.count
            key.withUTF8Buffer { all.append(contentsOf: $0) }
            all.append(contentsOf: JSONBytes.quoted(value))
            return (start, all.count - start)
        }
        workers = instances.map { add(",\"worker\":", $0) }
        self.objects = objects.map { add(",\"object\":", $0) }
        var events = [(start: Int, count: Int)](repeating: (0, 0), count: EventKind.allCases.count)
        for kind in EventKind.allCases { events[kind.ordinal] = add(",\"event\":", kind.rawValue) }
        self.events = events
        bytes = .allocate(capacity: max(1, all.count))
        _ = bytes.initialize(from: all)
    }

    deinit { bytes.deallocate() }

    func hasWorker(_ index: Int) -> Bool { index >= 0 && index < workers.count }
    func hasObject(_ index: Int) -> Bool { index >= 0 && index < objects.count }
    func workerLength(_ index: Int) -> Int { workers[index].count }
    func objectLength(_ index: Int) -> Int { objects[index].count }

    func worker(_ index: Int) -> UnsafeBufferPointer<UInt8> { slice(workers[index]) }
    func object(_ index: Int) -> UnsafeBufferPointer<UInt8> { slice(objects[index]) }
    func event(_ kind: EventKind) -> UnsafeBufferPointer<UInt8> { slice(events[kind.ordinal]) }

    @inline(__always) func writeWorker(_ index: Int, at cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.write(slice(workers[index]))
    }

    @inline(__always) func writeObject(_ index: Int, at cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.write(slice(objects[index]))
    }

    @inline(__always) func writeEvent(_ kind: EventKind, at cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.write(slice(events[kind.ordinal]))
    }

    private func slice(_ field: (start: Int, count: Int)) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + field.start }, count: field.count)
    }
}

extension EventKind {
    /// A dense index for tables indexed by kind (a switch: a dictionary would hash every event).
    fileprivate var ordinal: Int {
        switch self {
        case .start: 0
        case .finish: 1
        case .block: 2
        case .acquire: 3
        case .release: 4
        case .sleep: 5
        case .wake: 6
        case .work: 7
        case .workEnd: 8
        case .increment: 9
        case .decrement: 10
        case .set: 11
        case .put: 12
        case .get: 13
        case .taskDone: 14
        case .join: 15
        case .wait: 16
        case .pass: 17
        case .log: 18
        case .stopped: 19
        case .read: 20
        }
    }
}

/// "00", "01", … "99": two digits per division. A literal, so that reading it costs no lazy
/// initialisation check.
private let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

/// Plain stores into a buffer the caller sized.
extension UnsafeMutablePointer<UInt8> {
    @inline(__always) fileprivate mutating func write(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        update(from: text.utf8Start, count: count)
        self += count
    }

    @inline(__always) fileprivate mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        update(from: base, count: bytes.count)
        self += bytes.count
    }

    @inline(__always) fileprivate mutating func writeDigits(_ value: UInt64) {
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, value >= scale {
            digits += 1
            scale = scale &* 10
        }
        writeDigits(value, count: digits)
    }

    /// Exactly `count` digits of `value` (leading zeros included), two at a time.
    @inline(__always) fileprivate mutating func writeDigits(_ value: UInt64, count: Int) {
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

    /// Seconds with up to 9 decimals and no trailing zeros: `0.000012`, `3`, `-0.5`.
    @inline(__always) fileprivate mutating func writeSeconds(nanoseconds: Int64) {
        if nanoseconds < 0 { write("-") }
        let magnitude = nanoseconds.magnitude
        writeDigits(magnitude / 1_000_000_000)
        var fraction = magnitude % 1_000_000_000
        guard fraction != 0 else { return }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        write(".")
        writeDigits(fraction, count: digits)
    }

    /// A JSON string literal; the caller allowed 6 bytes per byte of text, plus the quotes.
    fileprivate mutating func writeQuoted(_ text: String) {
        var bytes = JSONBytes()
        bytes.appendString(text)
        bytes.bytes.withUnsafeBufferPointer { write($0) }
    }
}
