/// The simulation's timers, soonest first. Timers due within the hour of the last one removed
/// (a call's handling, a journey, a welfare check: most of those set) go on a wheel of slots;
/// later ones (shifts, tomorrow's turn: most of those held) in a heap. Removing the first takes
/// the sooner of the two, so the order is the one order of (time, sequence) wherever a timer went.
struct TimerQueue: ~Copyable {
    private var soon = TimerWheel()
    private var later = TimerHeap()
    /// When the last timer removed was due.
    private var lastTime: SimTime = 0

    init() {}

    private init(soon: consuming TimerWheel, later: consuming TimerHeap, lastTime: SimTime, firstTime: SimTime) {
        self.soon = soon
        self.later = later
        self.lastTime = lastTime
        self.firstTime = firstTime
    }

    var count: Int { soon.count + later.count }

    /// When the soonest timer is due (SimTime.max: none). Kept, not worked out: it is read
    /// twice before every happening.
    private(set) var firstTime: SimTime = .max

    mutating func insert(_ happening: Happening) {
        let ahead = happening.time &- lastTime
        if ahead >= 0 && ahead < TimerWheel.span { soon.insert(happening) } else { later.insert(happening) }
        if happening.time < firstTime { firstTime = happening.time }
    }

    /// Removes and returns the soonest timer; the queue must not be empty.
    mutating func removeFirst() -> Happening {
        let happening: Happening
        if later.count == 0 || (soon.count > 0 && soon.firstKey < later.firstKey) {
            happening = soon.removeFirst()
        } else {
            happening = later.removeFirst()
            soon.passed(happening.time)
        }
        lastTime = happening.time
        firstTime = min(soon.firstTime, later.firstTime)
        return happening
    }

    /// A queue of its own holding the same timers, for a fork of the simulation.
    func copy() -> TimerQueue {
        TimerQueue(soon: soon.copy(), later: later.copy(), lastTime: lastTime, firstTime: firstTime)
    }
}

/// Timers in a four-way heap the heap owns, its keys (time and sequence) in one buffer and what
/// is due in another.
/// Hand-written rather than swift-collections' `Heap` because this is the kernel's hottest
/// structure and it only ever asks for the minimum: `Heap`'s min-max layout pays for a maximum
/// it never needs, and an array's copy-on-write check on every change costs as much again.
/// The keys apart: the four children compared at each level are one cache line, and the least of
/// them is chosen without branches (which way a comparison goes cannot be predicted).
/// Noncopyable, so the buffers have exactly one owner and need no uniqueness checks.
struct TimerHeap: ~Copyable {
    private var keys: UnsafeMutablePointer<UInt128>
    private var dues: UnsafeMutablePointer<Happening.Due>
    private var capacity: Int
    private(set) var count = 0

    init() {
        // Timers hold only numbers, so the buffers are copied and freed without visiting them.
        precondition(_isPOD(Happening.Due.self))
        capacity = 512
        keys = .allocate(capacity: capacity)
        dues = .allocate(capacity: capacity)
    }

    deinit {
        keys.deallocate()
        dues.deallocate()
    }

    /// When the soonest timer is due (SimTime.max: none).
    var firstTime: SimTime { count > 0 ? Happening.time(of: keys[0]) : .max }

    /// The soonest timer's key; the heap must not be empty.
    var firstKey: UInt128 { keys[0] }

    mutating func insert(_ happening: Happening) {
        if count == capacity { grow() }
        count += 1
        rise(happening.key, happening.due, from: count - 1)
    }

    /// Removes and returns the soonest timer; the queue must not be empty. The hole left at the
    /// top goes down to a leaf along the soonest children, then the last timer rises into it
    /// (it nearly always belongs near the bottom, so this compares less than sifting it down).
    mutating func removeFirst() -> Happening {
        precondition(count > 0, "no timer to remove")
        let first = Happening(key: keys[0], due: dues[0])
        count -= 1
        guard count > 0 else { return first }
        let lastKey = keys[count], lastDue = dues[count]
        var hole = 0
        while true {
            let child = 4 * hole + 1
            guard child < count else { break }
            var least = child
            if child + 3 < count {
                let k0 = keys[child], k1 = keys[child + 1], k2 = keys[child + 2], k3 = keys[child + 3]
                let a = k1 < k0 ? child + 1 : child, ka = min(k0, k1)
                let b = k3 < k2 ? child + 3 : child + 2, kb = min(k2, k3)
                least = kb < ka ? b : a
            } else {
                var next = child + 1
                while next < count {
                    if keys[next] < keys[least] { least = next }
                    next += 1
                }
            }
            keys[hole] = keys[least]
            dues[hole] = dues[least]
            hole = least
        }
        rise(lastKey, lastDue, from: hole)
        return first
    }

    /// Puts the timer in the hole at `hole`, moving earlier parents' places down past it.
    private func rise(_ key: UInt128, _ due: Happening.Due, from hole: Int) {
        var hole = hole
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard key < keys[parent] else { break }
            keys[hole] = keys[parent]
            dues[hole] = dues[parent]
            hole = parent
        }
        keys[hole] = key
        dues[hole] = due
    }

    /// A heap of its own holding the same timers.
    func copy() -> TimerHeap {
        var other = TimerHeap()
        while other.capacity < count { other.grow() }
        other.keys.update(from: keys, count: count)
        other.dues.update(from: dues, count: count)
        other.count = count
        return other
    }

    private mutating func grow() {
        let largerKeys = UnsafeMutablePointer<UInt128>.allocate(capacity: capacity * 2)
        let largerDues = UnsafeMutablePointer<Happening.Due>.allocate(capacity: capacity * 2)
        largerKeys.update(from: keys, count: count)
        largerDues.update(from: dues, count: count)
        keys.deallocate()
        dues.deallocate()
        keys = largerKeys
        dues = largerDues
        capacity *= 2
    }
}
