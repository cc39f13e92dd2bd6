/// Every node's cheapest journey to one destination: its effective distance, and the node to go
/// to next (-1 at the destination and where it cannot be reached).
struct RouteTree: Sendable {
    var cost: [Float]
    var next: [Int32]
    /// A node further on the way from each, at most 16 ahead (the node itself at the destination
    /// and where there is no way): a point along a long journey is found a stretch at a time.
    var skip: [Int32]
    /// The least journey from `k` bands (`RoadNetwork.leastBand`) east or west or further.
    var least: [Float] = []

    /// Dijkstra's search out from `root` over the reverse graph (`start`: where each node's
    /// edges in begin; `from`, `edgeCost`: each edge's other end and cost), so `next` is the way
    /// to go. A tree is grown for every place a journey ends at, and a county's network has tens
    /// of thousands of nodes: the search works in buffers of its own, without checks, and pops
    /// (cost, node) as one integer, so nodes at the same cost settle in the order of their number
    /// and the tree is the same whatever the heap's shape.
    init(towards root: Int32, nodes: Int, start: [Int32], from: [Int32], cost edgeCost: [Float]) {
        var cost = [Float](repeating: .infinity, count: nodes)
        var next = [Int32](repeating: -1, count: nodes)
        // skip: the nearest node on the way whose count of steps to the destination is a multiple
        // of 16. A node's next is settled before it, so both are set as it settles.
        var skip = [Int32](unsafeUninitializedCapacity: nodes) { buffer, count in
            for n in 0..<nodes { buffer[n] = Int32(n) }
            count = nodes
        }
        var steps = [Int32](repeating: 0, count: nodes)
        var heap = SettleHeap(capacity: nodes)
        defer { heap.free() }
        skip.withUnsafeMutableBufferPointer { skip in steps.withUnsafeMutableBufferPointer { steps in
        cost.withUnsafeMutableBufferPointer { cost in next.withUnsafeMutableBufferPointer { next in
        start.withUnsafeBufferPointer { start in from.withUnsafeBufferPointer { from in
        edgeCost.withUnsafeBufferPointer { edgeCost in
            cost[Int(root)] = 0
            heap.push(0, root)
            while heap.count > 0 {
                let (c, node) = heap.pop()
                guard c <= cost[Int(node)] else { continue }
                let way = next[Int(node)]
                if way >= 0 {
                    steps[Int(node)] = steps[Int(way)] + 1
                    skip[Int(node)] = steps[Int(way)] & 15 == 0 ? way : skip[Int(way)]
                }
                for k in Int(start[Int(node)])..<Int(start[Int(node) + 1]) {
                    let other = Int(from[k])
                    let through = c + edgeCost[k]
                    if through < cost[other] {
                        cost[other] = through
                        next[other] = node
                        heap.push(through, Int32(other))
                    }
                }
            }
        }
        } }
        } }
        } }
        self.cost = cost
        self.next = next
        self.skip = skip
    }
}

/// A four-way min-heap of (cost, node) packed in one 64-bit key: a cost is never negative, and
/// a non-negative float's bits order as its value does.
private struct SettleHeap {
    private var keys: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        keys = .allocate(capacity: self.capacity)
    }

    func free() { keys.deallocate() }

    mutating func push(_ cost: Float, _ node: Int32) {
        if count == capacity {
            let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
            larger.update(from: keys, count: count)
            keys.deallocate()
            keys = larger
            capacity *= 2
        }
        let key = UInt64(cost.bitPattern) << 32 | UInt64(UInt32(bitPattern: node))
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 2
            guard keys[parent] > key else { break }
            keys[i] = keys[parent]
            i = parent
        }
        keys[i] = key
    }

    /// The least; the heap must not be empty.
    mutating func pop() -> (Float, Int32) {
        let top = keys[0]
        count -= 1
        if count > 0 {
            let last = keys[count]
            var i = 0
            while true {
                let first = 4 * i + 1
                guard first < count else { break }
                var least = first
                let end = min(first + 4, count)
                var k = first + 1
                while k < end {
                    if keys[k] < keys[least] { least = k }
                    k += 1
                }
                guard keys[least] < last else { break }
                keys[i] = keys[least]
                i = least
            }
            keys[i] = last
        }
        return (Float(bitPattern: UInt32(truncatingIfNeeded: top >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: top)))
    }
}
