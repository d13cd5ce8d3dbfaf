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
        let slots = batch.slots
        try encode(count: slots.count, layout: layout, to: sink) { offset in
            let slot = slots[offset]
            return EventFields(
                seq: batch.startIndex + offset, nanoseconds: slot.nanoseconds, instance: slot.instance, kind: slot.kind,
                object: slot.object, valueKind: slot.valueKind, integer: slot.payload,
                text: slot.valueKind == .text ? batch.text(slot.payload) : nil)
        }
    }

    /// Writes `Event` values.
    mutating func write(
        _ events: [Event], layout: Layout, to sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        try encode(count: events.count, layout: layout, to: sink) { offset in
            let event = events[offset]
            let (valueKind, integer, text): (EventSlot.ValueKind, Int64, String?) = switch event.value {
            case .none: (.none, 0, nil)
            case .integer(let number): (.integer, Int64(number), nil)
            case .text(let text): (.text, 0, text)
            }
            return EventFields(
                seq: event.seq, nanoseconds: event.nanoseconds, instance: event.instance, kind: event.kind,
                object: event.object, valueKind: valueKind, integer: integer, text: text)
        }
    }

    /// What the encoder writes of one event.
    private struct EventFields {
        var seq: Int
        var nanoseconds: Int64
        var instance: Int32
        var kind: EventKind
        var object: Int32
        var valueKind: EventSlot.ValueKind
        var integer: Int64
        var text: String?
    }

    @inline(__always)
    private mutating func encode(
        count: Int, layout: Layout, to sink: (UnsafeRawBufferPointer) throws -> Void, event: (Int) -> EventFields
    ) rethrows {
        let encoder = self.encoder
        try storage.withUnsafeMutableBufferPointer { block in
            guard let base = block.baseAddress else { preconditionFailure("the event buffer has no storage") }
            let end = base + block.count
            var cursor = base
            func flush() throws {
                if cursor > base { try sink(UnsafeRawBufferPointer(start: base, count: cursor - base)) }
                cursor = base
            }
            func put(_ fields: EventFields, _ text: UnsafeBufferPointer<UInt8>, first: Bool, at cursor: inout UnsafeMutablePointer<UInt8>) {
                cursor.write(first ? layout.firstLeading ?? layout.leading : layout.leading)
                encoder.write(
                    seq: fields.seq, nanoseconds: fields.nanoseconds, instance: fields.instance, kind: fields.kind,
                    object: fields.object, valueKind: fields.valueKind, integer: fields.integer, text: text, at: &cursor)
                cursor.write(layout.trailing)
            }
            for offset in 0..<count {
                let fields = event(offset)
                guard var text = fields.text else {
                    if end - cursor < encoder.plainBound { try flush() }
                    put(fields, UnsafeBufferPointer(start: nil, count: 0), first: offset == 0, at: &cursor)
                    continue
                }
                try text.withUTF8 { utf8 in
                    let bound = encoder.bound(textBytes: utf8.count)
                    if end - cursor < bound { try flush() }
                    if end - cursor >= bound { return put(fields, utf8, first: offset == 0, at: &cursor) }
                    // Longer than the whole block: written on its own.
                    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { own in
                        guard let start = own.baseAddress else { return }
                        var ownCursor = start
                        put(fields, utf8, first: offset == 0, at: &ownCursor)
                        try sink(UnsafeRawBufferPointer(start: start, count: ownCursor - start))
                    }
                }
            }
            try flush()
        }
    }
}
