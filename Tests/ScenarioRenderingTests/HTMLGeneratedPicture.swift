/// A large picture JSON made up for the browser's "does not hang" test: `eventCount` events on
/// `laneCount` lanes, each lane repeating block → acquire → put → release → log, with a span per
/// gap, a holder per acquire, a link from the previous lane's release to each acquire, and one
/// queue level.
enum HTMLGeneratedPicture {
    static let laneCount = 8

    static func json(eventCount: Int) -> [UInt8] {
        let kinds = ["block", "acquire", "put", "release", "log"]
        let tick = 0.000_01
        var events: [String] = [], spans: [String] = [], links: [String] = [], holders: [String] = []
        var points: [String] = ["[0,0]"]
        var lastEventTime = [Double?](repeating: nil, count: laneCount)
        var blockedSince = [Double?](repeating: nil, count: laneCount)
        var heldSince = [Double?](repeating: nil, count: laneCount)
        var lastRelease: Int? = nil
        var queued = 0
        events.reserveCapacity(eventCount)
        for n in 0..<eventCount {
            let lane = n % laneCount, kind = kinds[(n / laneCount) % kinds.count], t = Double(n + 1) * tick
            let object = kind == "put" ? "\"jobs\"" : kind == "log" ? "null" : "\"lock\(lane % 4)\""
            let value = kind == "put" ? "\(n)" : kind == "log" ? "\"line \(n)\"" : "null"
            events.append(#"{"seq":\#(n),"t":\#(t),"lane":\#(lane),"event":"\#(kind)","object":\#(object),"value":\#(value),"line":\#(10 + n % 5)}"#)
            if let since = blockedSince[lane] {
                spans.append(#"{"lane":\#(lane),"state":"blocked","from":\#(since),"to":\#(t),"object":\#(object)}"#)
                blockedSince[lane] = nil
            } else if let since = lastEventTime[lane] {
                spans.append(#"{"lane":\#(lane),"state":"running","from":\#(since),"to":\#(t),"object":null}"#)
            }
            lastEventTime[lane] = t
            switch kind {
            case "block": blockedSince[lane] = t
            case "acquire":
                heldSince[lane] = t
                if let lastRelease { links.append(#"{"from":\#(lastRelease),"to":\#(n),"object":\#(object)}"#) }
            case "release":
                if let since = heldSince[lane] {
                    holders.append(#"{"object":"lock\#(lane % 4)","lane":\#(lane),"from":\#(since),"to":\#(t)}"#)
                }
                heldSince[lane] = nil
                lastRelease = n
            case "put":
                queued += 1
                points.append("[\(t),\(queued)]")
            default: break
            }
        }
        let duration = Double(eventCount + 1) * tick
        let lanes = (0..<laneCount).map { #"{"name":"worker-\#($0)","worker":"worker"}"# }
        let objects = (0..<4).map { #"{"name":"lock\#($0)","kind":"lock"}"# } + [#"{"name":"jobs","kind":"queue"}"#]
        let text = #"""
            {"picture":1,"scenario":"Generated","file":"generated.yaml","runtime":"threads","executor":null,\#
            "status":"ok","duration":\#(duration),"lanes":[\#(lanes.joined(separator: ","))],\#
            "objects":[\#(objects.joined(separator: ","))],"events":[\#(events.joined(separator: ",\n"))],\#
            "spans":[\#(spans.joined(separator: ",\n"))],"links":[\#(links.joined(separator: ",\n"))],\#
            "holders":[\#(holders.joined(separator: ",\n"))],\#
            "levels":[{"object":"jobs","kind":"queue","points":[\#(points.joined(separator: ","))]}],\#
            "state":[],"expectations":[],"deadlock":null,"shortened":null}
            """#
        return Array(text.utf8)
    }
}
