/// Bounds that keep a hostile or broken file from exhausting time, memory or the stack.
public struct YAMLLimits: Sendable {
    /// How deeply collections may nest. Scenarios need fewer than 30 levels.
    public var maxDepth: Int
    /// How many nodes the document may hold once every alias is expanded, against
    /// "billion laughs" files whose aliases multiply a few lines into billions of nodes.
    public var maxExpandedNodes: Int
    /// How many bytes of scalar text the document may hold once every alias is expanded, against
    /// files whose aliases repeat one huge scalar (every copy is read, and maybe quoted, again).
    public var maxExpandedTextBytes: Int

    public init(maxDepth: Int = 200, maxExpandedNodes: Int = 1_000_000, maxExpandedTextBytes: Int = 64 << 20) {
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
        self.maxExpandedTextBytes = maxExpandedTextBytes
    }
}
