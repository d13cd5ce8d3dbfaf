import ScenarioRuntime

/// The `,"worker":"…"`, `,"object":"…"` and `,"event":"…"` fields of every name, escaped once
/// per run into one block of bytes, so that an event's names are copied, never escaped again.
///
/// `@unchecked Sendable`: the bytes are written once, in `init`, and only read after.
final class EventFieldTable: @unchecked Sendable {
    /// The fields, then `overshoot` bytes of padding, so that every field can be read in whole words.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Start and length of each field in `bytes`.
    private let workers: [(start: Int, count: Int)]
    private let objects: [(start: Int, count: Int)]
    private let events: [(start: Int, count: Int)]
    /// The most bytes any worker, object or event field takes (an unnamed index included).
    let longestWorker: Int
    let longestObject: Int
    let longestEvent: Int

    /// How many bytes past a field's end copying it may write (and read): a field is copied in
    /// 8-byte words, the last one partly past its end. Writers leave room for it.
    static let overshoot = 8

    /// `,"worker":"#` or `,"object":"#`, a 32-bit index and `"`: an index with no name.
    static let unnamedLength = 12 + 11 + 1

    init(instances: [String], objects: [String]) {
        var all: [UInt8] = []
        func add(_ key: StaticString, _ value: String) -> (start: Int, count: Int) {
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
        longestWorker = workers.reduce(Self.unnamedLength) { max($0, $1.count) }
        longestObject = self.objects.reduce(Self.unnamedLength) { max($0, $1.count) }
        longestEvent = events.reduce(0) { max($0, $1.count) }
        all.append(contentsOf: repeatElement(0, count: Self.overshoot))
        bytes = .allocate(capacity: all.count)
        bytes.initialize(from: all, count: all.count)
    }

    deinit { bytes.deallocate() }

    /// Writes the worker field; an index with no name is written `"#INDEX"`.
    @inline(__always) func writeWorker(_ index: Int32, at cursor: inout UnsafeMutablePointer<UInt8>) {
        if index >= 0, Int(index) < workers.count { return copy(workers[Int(index)], to: &cursor) }
        cursor.write(",\"worker\":\"#")
        cursor.writeInteger(Int64(index))
        cursor.write("\"")
    }

    /// Writes the object field of a non-negative index; one with no name is written `"#INDEX"`.
    @inline(__always) func writeObject(_ index: Int32, at cursor: inout UnsafeMutablePointer<UInt8>) {
        if Int(index) < objects.count { return copy(objects[Int(index)], to: &cursor) }
        cursor.write(",\"object\":\"#")
        cursor.writeInteger(Int64(index))
        cursor.write("\"")
    }

    @inline(__always) func writeEvent(_ kind: EventKind, at cursor: inout UnsafeMutablePointer<UInt8>) {
        copy(events[kind.ordinal], to: &cursor)
    }

    /// Copies a field in 8-byte words (a call to memmove per field cost a tenth of the encoder's
    /// time): up to `overshoot` bytes past its end are written too, and overwritten next.
    @inline(__always) private func copy(_ field: (start: Int, count: Int), to cursor: inout UnsafeMutablePointer<UInt8>) {
        let source = UnsafeRawPointer(bytes + field.start)
        let target = UnsafeMutableRawPointer(cursor)
        var offset = 0
        while offset < field.count {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        cursor += field.count
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
        case .submit: 21
        case .done: 22
        case .callback: 23
        case .gilWait: 24
        case .gilAcquire: 25
        case .gilRelease: 26
        case .died: 27
        }
    }
}
