/// The simulation's timers, soonest first: a four-way heap kept in one array. Hand-written
/// rather than swift-collections' `Heap` because the kernel only ever asks for the minimum, and
/// `Heap`'s min-max layout pays for a maximum it never needs: measured in `controlroom bench`,
/// this queue takes about half the instructions per timer. Holes are moved down and up instead
/// of swapping, so each level costs one copy.
struct TimerQueue {
    private var items: [Happening] = []

    var count: Int { items.count }
    /// The soonest timer (ties: the one set first).
    var first: Happening? { items.first }

    mutating func insert(_ happening: Happening) {
        items.append(happening)
        items.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 2
                guard happening < heap[parent] else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = happening
        }
    }

    /// Removes and returns the soonest timer; the queue must not be empty. The hole left at the
    /// top goes down to a leaf along the soonest children, then the last timer rises into it
    /// (it nearly always belongs near the bottom, so this compares less than sifting it down).
    mutating func removeFirst() -> Happening {
        let last = items.removeLast()
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { heap in
            let first = heap[0]
            let count = heap.count
            var hole = 0
            while true {
                let child = 4 * hole + 1
                guard child < count else { break }
                var least = child
                if child + 3 < count {
                    if heap[child + 1] < heap[least] { least = child + 1 }
                    if heap[child + 2] < heap[least] { least = child + 2 }
                    if heap[child + 3] < heap[least] { least = child + 3 }
                } else {
                    var next = child + 1
                    while next < count {
                        if heap[next] < heap[least] { least = next }
                        next += 1
                    }
                }
                heap[hole] = heap[least]
                hole = least
            }
            while hole > 0 {
                let parent = (hole - 1) >> 2
                guard last < heap[parent] else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = last
            return first
        }
    }
}
