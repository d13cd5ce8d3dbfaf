import ScenarioRuntime

/// The first line of a timeline file: what run the events that follow come from, so that tools
/// (`scenario diff`, a replay) can work from the file alone. It has no `seq`, which is how
/// readers tell it from an event and skip it:
///
///     {"timeline":1,"scenario":"Counter","file":"counter.yaml","runtime":"threads","executor":null,
///      "instances":["w-1","w-2"],"objects":{"counter":"variable","guard":"lock","w":"worker"}}
///
/// `seed`, `strategy` and `depth` are written only when set (by the simulator).
public struct TimelineHeader: Sendable, Equatable {
    /// The format's version: the value of the `timeline` key.
    public static let version = 1

    public var scenario: String
    /// The scenario file, as given on the command line.
    public var file: String
    /// "threads", "async", …
    public var runtime: String
    /// The async runtime's executor ("loop" or "pool"); nil on other runtimes.
    public var executor: String?
    /// Instance names, in start order (the order of `RunReport.instances`).
    public var instances: [String]
    /// Every declared object with its kind word, in declaration order.
    public var objects: [ObjectInfo]
    public var seed: UInt64?
    public var strategy: String?
    public var depth: Int?

    public init(
        scenario: String, file: String, runtime: String, executor: String?, instances: [String],
        objects: [ObjectInfo], seed: UInt64? = nil, strategy: String? = nil, depth: Int? = nil
    ) {
        self.scenario = scenario
        self.file = file
        self.runtime = runtime
        self.executor = executor
        self.instances = instances
        self.objects = objects
        self.seed = seed
        self.strategy = strategy
        self.depth = depth
    }

    /// The header as one line of JSON, ending in a newline.
    public var line: String {
        var out = JSONBytes()
        out.append("{\"timeline\":")
        out.appendInt(Self.version)
        out.appendRunNames(scenario: scenario, file: file, runtime: runtime, executor: executor)
        if let seed {
            out.append(",\"seed\":")
            out.appendUInt64(seed)
        }
        if let strategy {
            out.append(",\"strategy\":")
            out.appendString(strategy)
        }
        if let depth {
            out.append(",\"depth\":")
            out.appendInt(depth)
        }
        out.append(",\"instances\":")
        out.appendStrings(instances)
        out.append(",\"objects\":{")
        for (index, object) in objects.enumerated() {
            if index > 0 { out.append(",") }
            out.appendString(object.name)
            out.append(":")
            out.appendString(object.kind)
        }
        out.append("}}\n")
        return out.string
    }

    /// The header a parsed line holds, or nil when it is not one (it has no `timeline` key).
    /// Throws when it claims to be a header but a field is missing or of the wrong type.
    public init?(_ value: JSONValue, line: Int) throws(JSONScanError) {
        guard value["timeline"] != nil else { return nil }
        func fail(_ message: String) -> JSONScanError { JSONScanError(line: line, message: "timeline header: \(message)") }
        guard let version = value["timeline"]?.integer, version >= 1 else { throw fail("'timeline' must be a version number") }
        guard version <= Self.version else {
            throw fail("version \(version) is newer than this tool reads (\(Self.version))")
        }
        guard let instances = value["instances"]?.elements?.compactMap(\.string),
            instances.count == value["instances"]?.elements?.count
        else { throw fail("'instances' must be a list of names") }
        guard let members = value["objects"]?.members,
            case let objects = members.compactMap({ member in member.value.string.map { ObjectInfo(name: member.key, kind: $0) } }),
            objects.count == members.count
        else { throw fail("'objects' must map names to kinds") }
        self.init(
            scenario: value["scenario"]?.string ?? "", file: value["file"]?.string ?? "",
            runtime: value["runtime"]?.string ?? "", executor: value["executor"]?.string, instances: instances,
            objects: objects, seed: value["seed"]?.integer.flatMap { UInt64(exactly: $0) },
            strategy: value["strategy"]?.string, depth: value["depth"]?.integer)
    }
}
