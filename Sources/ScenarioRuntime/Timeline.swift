/// The events of a run in `seq` order. A finished run's timeline reads straight from the storage
/// the instances wrote into (no copy of millions of events); one made from an array serves tests
/// and files read back.
public struct Timeline: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case array([Event])
        case store(EventStore, count: Int)
    }

    private let storage: Storage

    public init(_ events: [Event]) {
        storage = .array(events)
    }

    public init(arrayLiteral events: Event...) {
        storage = .array(events)
    }

    init(store: EventStore, count: Int) {
        storage = .store(store, count: count)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let events): events.count
        case .store(_, let count): count
        }
    }

    public subscript(position: Int) -> Event {
        switch storage {
        case .array(let events): events[position]
        case .store(let store, _): store.event(at: position)
        }
    }
}
