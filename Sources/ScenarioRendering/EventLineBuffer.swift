import ScenarioRuntime

/// Encodes events into one block of bytes reused from batch to batch, and hands the bytes to a
/// sink when the block could not take another event and at the end of each batch. With the
/// encoder's bound checked once per event, every byte is a plain store: no array growth, no
/// copy through a temporary, no `Event` made for a slot of a streamed run.
struct EventLineBuffer {
    let encoder: EventJSONEncoder
    private var storage: [UInt8]

    /// How to lay out each event: `leading` before it (`firstLeading` before the first of this
    /// batch, when given) and `trailing` after it, together at most `EventJSONEncoder.separatorRoom`.
    struct Layout {
        var leading: StaticString = ""
        var firstLeading: StaticString?
        var trailing: StaticString = ""

        /// A separator as one word: its bytes (at most 8), and how many there are.
        typealias Word = (bytes: UInt64, count: Int)

        static func word(_ text: StaticString) -> Word {
            precondition(text.utf8CodeUnitCount <= 8, "a separator of more than 8 bytes")
            var bytes: UInt64 = 0
            withUnsafeMutableBytes(of: &bytes) { word in
                for index in 0..<text.utf8CodeUnitCount { word[index] = text.utf8Start[index] }
            }
            return (bytes, text.utf8CodeUnitCount)
        }
    }

    /// - Parameter capacity: the block's size (more when names are long enough to need it).
    init(encoder: EventJSONEncoder, capacity: Int = 1 << 20) {
        self.encoder = encoder
        storage = [UInt8](repeating: 0, count: max(capacity, 4 * encoder.plainBound))
    }

    /// Writes the events of a streamed run's batch, straight from the store's slots.
    mutating func write(
        _ batch: EventBatch, layout: Layout, to sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        let encoder = self.encoder
        try storage.withUnsafeMutableBufferPointer { block in
            var writing = Writing(block: block, encoder: encoder, layout: layout)
            var seq = DecimalCounter(UInt64(max(0, batch.startIndex)))
            for slot in batch.slots {
                switch slot.valueKind {
                case .none, .integer:
                    try writing.makeRoom(encoder.plainBound, sink: sink)
                    writing.put(
                        seq: seq, nanoseconds: slot.nanoseconds, instance: slot.instance, kind: slot.kind, object: slot.object, line: slot.line,
                        valueKind: slot.valueKind, integer: slot.payload, text: Writing.noText,
                        pid: slot.process == 0 ? 0 : batch.pid(of: slot.process))
                case .text:
                    var text = batch.text(slot.payload)
                    try text.withUTF8 { utf8 in
                        try writing.putText(utf8, sink: sink) { writing in
                            writing.put(
                                seq: seq, nanoseconds: slot.nanoseconds, instance: slot.instance, kind: slot.kind,
                                object: slot.object, line: slot.line, valueKind: .text, integer: 0, text: utf8,
                                pid: slot.process == 0 ? 0 : batch.pid(of: slot.process))
                        }
                    }
                }
                seq.increment()
            }
            try writing.flush(sink: sink)
        }
    }

    /// Writes `Event` values.
    mutating func write(
        _ events: [Event], layout: Layout, to sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        let encoder = self.encoder
        try storage.withUnsafeMutableBufferPointer { block in
            var writing = Writing(block: block, encoder: encoder, layout: layout)
            for event in events {
                func put(_ writing: inout Writing, _ valueKind: EventSlot.ValueKind, _ integer: Int64, _ text: UnsafeBufferPointer<UInt8>) {
                    writing.put(
                        seq: event.seq, nanoseconds: event.nanoseconds, instance: event.instance, kind: event.kind,
                        object: event.object, line: event.line, valueKind: valueKind, integer: integer, text: text, pid: event.pid)
                }
                switch event.value {
                case .none:
                    try writing.makeRoom(encoder.plainBound, sink: sink)
                    put(&writing, .none, 0, Writing.noText)
                case .integer(let number):
                    try writing.makeRoom(encoder.plainBound, sink: sink)
                    put(&writing, .integer, Int64(number), Writing.noText)
                case .text(var text):
                    try text.withUTF8 { utf8 in
                        try writing.putText(utf8, sink: sink) { put(&$0, .text, 0, utf8) }
                    }
                }
            }
            try writing.flush(sink: sink)
        }
    }

    /// One pass over the block: where the next event goes, and whether it is the first.
    private struct Writing {
        let base: UnsafeMutablePointer<UInt8>
        let end: UnsafeMutablePointer<UInt8>
        var cursor: UnsafeMutablePointer<UInt8>
        let encoder: EventJSONEncoder
        let leading: Layout.Word
        let firstLeading: Layout.Word
        let trailing: Layout.Word
        var first = true

        /// The text of an event without one.
        static var noText: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

        init(block: UnsafeMutableBufferPointer<UInt8>, encoder: EventJSONEncoder, layout: Layout) {
            guard let base = block.baseAddress else { preconditionFailure("the event buffer has no storage") }
            self.base = base
            end = base + block.count
            cursor = base
            self.encoder = encoder
            leading = Layout.word(layout.leading)
            firstLeading = Layout.word(layout.firstLeading ?? layout.leading)
            trailing = Layout.word(layout.trailing)
        }

        /// Hands the block to the sink when fewer than `bytes` are left in it.
        @inline(__always) mutating func makeRoom(_ bytes: Int, sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            if end - cursor < bytes { try flush(sink: sink) }
        }

        mutating func flush(sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            if cursor > base { try sink(UnsafeRawBufferPointer(start: base, count: cursor - base)) }
            cursor = base
        }

        @inline(__always) mutating func put(
            seq: Int, nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32, line: Int32,
            valueKind: EventSlot.ValueKind, integer: Int64, text: UnsafeBufferPointer<UInt8>, pid: Int32
        ) {
            writeLeading()
            encoder.write(
                seq: seq, nanoseconds: nanoseconds, instance: instance, kind: kind, object: object, line: line,
                valueKind: valueKind, integer: integer, text: text, pid: pid, at: &cursor)
            cursor.writeWord(trailing.bytes, count: trailing.count)
        }

        @inline(__always) mutating func put(
            seq: DecimalCounter, nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32, line: Int32,
            valueKind: EventSlot.ValueKind, integer: Int64, text: UnsafeBufferPointer<UInt8>, pid: Int32
        ) {
            writeLeading()
            encoder.write(
                seq: seq, nanoseconds: nanoseconds, instance: instance, kind: kind, object: object, line: line,
                valueKind: valueKind, integer: integer, text: text, pid: pid, at: &cursor)
            cursor.writeWord(trailing.bytes, count: trailing.count)
        }

        @inline(__always) private mutating func writeLeading() {
            let word = first ? firstLeading : leading
            first = false
            cursor.writeWord(word.bytes, count: word.count)
        }

        /// Writes an event with a text value through `put`: in the block, or, when it is longer
        /// than the whole block, on its own.
        mutating func putText(
            _ utf8: UnsafeBufferPointer<UInt8>, sink: (UnsafeRawBufferPointer) throws -> Void,
            put: (inout Writing) -> Void
        ) rethrows {
            let bound = encoder.bound(textBytes: utf8.count)
            try makeRoom(bound, sink: sink)
            if end - cursor >= bound { return put(&self) }
            try flush(sink: sink)
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { own in
                guard let start = own.baseAddress else { return }
                var alone = self
                alone.cursor = start
                put(&alone)
                first = alone.first
                try sink(UnsafeRawBufferPointer(start: start, count: alone.cursor - start))
            }
        }
    }
}
