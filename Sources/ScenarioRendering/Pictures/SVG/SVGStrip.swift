/// A lock, rlock or semaphore's strip: its holders in rows, so that holders at the same time (a
/// semaphore's permits) each get a row of their own.
struct SVGStrip {
    var name: String
    var kind: String
    /// Indexes into the picture's holders, per row, each row in time order.
    var rows: [[Int]]

    static let kinds: Set<String> = ["lock", "rlock", "semaphore"]

    /// One strip per lock, rlock and semaphore, in declaration order, then any other object that
    /// has holders.
    static func strips(of picture: RunPicture) -> [SVGStrip] {
        var order: [String] = []
        var kinds: [String: String] = [:]
        var holders: [String: [Int]] = [:]
        for object in picture.objects where kinds[object.name] == nil && Self.kinds.contains(object.kind) {
            order.append(object.name)
            kinds[object.name] = object.kind
        }
        for (index, holder) in picture.holders.enumerated() {
            if kinds[holder.object] == nil {
                order.append(holder.object)
                kinds[holder.object] = ""
            }
            holders[holder.object, default: []].append(index)
        }
        return order.map { name in
            let sorted = (holders[name] ?? []).sorted { (picture.holders[$0].from, $0) < (picture.holders[$1].from, $1) }
            var rowEnds: [Double] = []
            var rows: [[Int]] = []
            for index in sorted {
                let holder = picture.holders[index]
                if let row = rowEnds.firstIndex(where: { $0 <= holder.from }) {
                    rowEnds[row] = holder.to
                    rows[row].append(index)
                } else {
                    rowEnds.append(holder.to)
                    rows.append([index])
                }
            }
            return SVGStrip(name: name, kind: kinds[name] ?? "", rows: rows.isEmpty ? [[]] : rows)
        }
    }
}
