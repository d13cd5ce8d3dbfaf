/// Where streamed JSON goes: a buffer handed to `sink` each time it passes `chunkSize` bytes.
/// Rendering only makes bytes; the command line writes them (ScenarioCLI's `OutputFile`), so that
/// every file is opened, and every write error reported, in one place.
struct ChunkedOutput {
    /// 1 MiB: large enough that writes are few, small enough to stay out of the way.
    static let defaultChunkSize = 1 << 20

    var buffer: JSONBytes
    private let chunkSize: Int
    private let sink: ([UInt8]) throws -> Void

    init(chunkSize: Int = defaultChunkSize, sink: @escaping ([UInt8]) throws -> Void) {
        self.chunkSize = max(1, chunkSize)
        self.sink = sink
        buffer = JSONBytes(capacity: min(self.chunkSize, Self.defaultChunkSize) + 4096)
    }

    /// Hands the buffer to the sink once it is full enough.
    mutating func flushIfFull() throws {
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands whatever is buffered to the sink.
    mutating func flush() throws {
        guard buffer.count > 0 else { return }
        try sink(buffer.bytes)
        buffer.removeAll()
    }
}
