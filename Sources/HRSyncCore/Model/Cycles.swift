/// Loops in a graph where each node points at most at one other (a group's parent, an
/// employee's supervisor): vendor data, so a loop is possible and must be named, not followed.
public enum Cycles {
    /// Each loop once, as its nodes in link order starting from the smallest; a node that points
    /// at itself is a loop of one. Linear: every node is walked once.
    public static func find<Node: Hashable & Comparable>(in nodes: [Node], next: (Node) -> Node?) -> [[Node]] {
        var done = Set<Node>(), cycles: [[Node]] = []
        for start in nodes where !done.contains(start) {
            var path: [Node] = [], onPath: [Node: Int] = [:]
            var current: Node? = start
            while let node = current, !done.contains(node) {
                if let index = onPath[node] {
                    let loop = Array(path[index...])
                    let first = loop.indices.min { loop[$0] < loop[$1] }!
                    cycles.append(Array(loop[first...] + loop[..<first]))
                    break
                }
                onPath[node] = path.count
                path.append(node)
                current = next(node)
            }
            done.formUnion(path)
        }
        return cycles
    }
}
