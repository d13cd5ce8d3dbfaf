import Foundation

/// Checks a Chrome Trace Event JSON document against the rules of the format that Perfetto and
/// chrome://tracing rely on; returns every broken rule, in words (empty: valid).
enum ChromeTraceValidator {
    static func problems(_ bytes: [UInt8], durationMicroseconds: Double? = nil) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return ["not a JSON object"]
        }
        guard let events = root["traceEvents"] as? [[String: Any]] else { return ["no traceEvents list of objects"] }
        var problems: [String] = []
        var lastTime: [String: Double] = [:]
        var openB: [String: [String]] = [:]
        var openX: [String: [Double]] = [:]
        var flowStarts: [Int: Int] = [:]
        var flowEnds: [Int: Int] = [:]
        var namedThreads: Set<Int> = []
        var usedThreads: Set<Int> = []
        for (index, event) in events.enumerated() {
            func fail(_ message: String) { problems.append("event \(index) \(event): \(message)") }
            guard let phase = event["ph"] as? String else {
                fail("no 'ph'")
                continue
            }
            guard event["name"] is String else { fail("no 'name'") ; continue }
            guard event["pid"] is Int else { fail("no integer 'pid'") ; continue }
            if phase == "M" {
                if event["name"] as? String == "thread_name", let tid = event["tid"] as? Int { namedThreads.insert(tid) }
                continue
            }
            guard let ts = (event["ts"] as? NSNumber)?.doubleValue, ts >= 0 else { fail("no 'ts' of 0 or more") ; continue }
            if let duration = durationMicroseconds, ts > duration + 1 { fail("ts \(ts) past the run's end \(duration) µs") }
            let tid = event["tid"] as? Int
            if phase != "C" {
                guard let tid else { fail("no integer 'tid'") ; continue }
                usedThreads.insert(tid)
            }
            let track = phase == "C" ? "counter \(event["name"] ?? "")" : "thread \(tid ?? -1)"
            if let last = lastTime[track], ts < last { fail("ts goes back on \(track): \(last) then \(ts)") }
            lastTime[track] = ts
            switch phase {
            case "B":
                openB[track, default: []].append(event["name"] as? String ?? "")
            case "E":
                if openB[track]?.popLast() == nil { fail("E without a B") }
            case "X":
                guard let duration = (event["dur"] as? NSNumber)?.doubleValue, duration >= 0 else { fail("X without 'dur'") ; continue }
                var stack = openX[track] ?? []
                while let end = stack.last, end <= ts + 1e-6 { stack.removeLast() }
                if let end = stack.last, ts + duration > end + 1e-6 { fail("X overlaps its enclosing slice (ends \(end))") }
                stack.append(ts + duration)
                openX[track] = stack
                if let total = durationMicroseconds, ts + duration > total + 1 { fail("X ends past the run") }
            case "i":
                if !["t", "p", "g"].contains(event["s"] as? String ?? "") { fail("instant without scope 's'") }
            case "s", "f":
                guard let id = event["id"] as? Int else { fail("flow without an integer 'id'") ; continue }
                if phase == "s" { flowStarts[id, default: 0] += 1 } else { flowEnds[id, default: 0] += 1 }
                if phase == "f", event["bp"] as? String != "e" { fail("flow end without bp: e") }
            case "C":
                guard let args = event["args"] as? [String: Any], !args.isEmpty, args.values.allSatisfy({ $0 is NSNumber }) else {
                    fail("counter without numeric args") ; continue
                }
            default:
                fail("unexpected phase \(phase)")
            }
        }
        for (track, names) in openB where !names.isEmpty { problems.append("\(track): B without E: \(names)") }
        for id in Set(flowStarts.keys).union(flowEnds.keys) where flowStarts[id] != 1 || flowEnds[id] != 1 {
            problems.append("flow \(id): \(flowStarts[id] ?? 0) starts and \(flowEnds[id] ?? 0) ends")
        }
        for tid in usedThreads.subtracting(namedThreads) { problems.append("thread \(tid) has no thread_name") }
        return problems
    }
}
