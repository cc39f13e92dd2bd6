/// The timers due within the hour (a call's handling, a journey, a welfare check: most of those
/// set), on a clock face of 4,096 slots of 1.024 s each, about 70 minutes round. Setting one is
/// putting it in its slot; the soonest is in the first slot, going round from the last timer
/// removed, that holds any (a bitmap says which do), and is the least (time, sequence) there.
/// Every timer held is due within `span` of the last removed, and the face is longer than that,
/// so going round never meets a timer of the next time round before one of this.
/// Noncopyable, with buffers of its own, as `TimerHeap`: no uniqueness checks on the hot path.
struct TimerWheel: ~Copyable {
    /// Timers due this long after the last removed, or sooner, may be held.
    static let span: SimTime = Clock.hour
    private static let slotShift: SimTime = 10
    private static let slots = 4096

    // The timers held, each in a node; a slot's nodes are a list through `next` (-1 ends it).
    private var keys: UnsafeMutablePointer<UInt128>
    private var dues: UnsafeMutablePointer<Happening.Due>
    private var next: UnsafeMutablePointer<Int32>
    private var capacity: Int
    /// Nodes handed out so far; those given back are a list from `unused`.
    private var used = 0
    private var unused: Int32 = -1
    /// Each slot's first node (-1: empty), and a bit for each slot that holds any.
    private var heads: UnsafeMutablePointer<Int32>
    private var occupied: UnsafeMutablePointer<UInt64>
    private(set) var count = 0
    /// The slot of the last timer removed: no timer held is due before it.
    private var from = 0
    /// The soonest timer's node (-1: none held).
    private var soonest: Int32 = -1

    init() {
        precondition(_isPOD(Happening.Due.self))
        precondition(TimerWheel.span + (1 << TimerWheel.slotShift) <= SimTime(TimerWheel.slots) << TimerWheel.slotShift,
                     "the face must be longer than the timers it holds")
        capacity = 256
        keys = .allocate(capacity: capacity)
        dues = .allocate(capacity: capacity)
        next = .allocate(capacity: capacity)
        heads = .allocate(capacity: TimerWheel.slots)
        heads.initialize(repeating: -1, count: TimerWheel.slots)
        occupied = .allocate(capacity: TimerWheel.slots / 64)
        occupied.initialize(repeating: 0, count: TimerWheel.slots / 64)
    }

    deinit {
        keys.deallocate()
        dues.deallocate()
        next.deallocate()
        heads.deallocate()
        occupied.deallocate()
    }

    /// The soonest timer's key; the wheel must not be empty.
    var firstKey: UInt128 { keys[Int(soonest)] }

    /// When the soonest timer is due (SimTime.max: none).
    var firstTime: SimTime { soonest >= 0 ? Happening.time(of: keys[Int(soonest)]) : .max }

    private static func slot(of key: UInt128) -> Int {
        Int(truncatingIfNeeded: Happening.time(of: key) >> slotShift) & (slots - 1)
    }

    /// Holds `happening`, which must be due within `span` of the last timer removed.
    mutating func insert(_ happening: Happening) {
        let node: Int32
        if unused >= 0 {
            node = unused
            unused = next[Int(node)]
        } else {
            if used == capacity { grow() }
            node = Int32(used)
            used += 1
        }
        let slot = TimerWheel.slot(of: happening.key)
        keys[Int(node)] = happening.key
        dues[Int(node)] = happening.due
        next[Int(node)] = heads[slot]
        heads[slot] = node
        occupied[slot >> 6] |= 1 << UInt64(slot & 63)
        if soonest < 0 || happening.key < keys[Int(soonest)] { soonest = node }
        count += 1
    }

    /// Removes and returns the soonest timer; the wheel must not be empty.
    mutating func removeFirst() -> Happening {
        precondition(soonest >= 0, "no timer to remove")
        let node = soonest
        let happening = Happening(key: keys[Int(node)], due: dues[Int(node)])
        let slot = TimerWheel.slot(of: happening.key)
        if heads[slot] == node {
            heads[slot] = next[Int(node)]
            if heads[slot] < 0 { occupied[slot >> 6] &= ~(1 << UInt64(slot & 63)) }
        } else {
            var before = heads[slot]
            while next[Int(before)] != node { before = next[Int(before)] }
            next[Int(before)] = next[Int(node)]
        }
        next[Int(node)] = unused
        unused = node
        count -= 1
        from = slot
        soonest = count > 0 ? findSoonest() : -1
        return happening
    }

    /// A timer held elsewhere was removed, due at `time`: none held here is due before it, and
    /// the search for the soonest starts from its slot.
    mutating func passed(_ time: SimTime) {
        from = Int(truncatingIfNeeded: time >> TimerWheel.slotShift) & (TimerWheel.slots - 1)
    }

    /// The least timer of the first slot that holds any, going round from `from`.
    private func findSoonest() -> Int32 {
        var word = from >> 6
        var bits = occupied[word] & (~0 << UInt64(from & 63))
        while bits == 0 {
            word = (word + 1) & (TimerWheel.slots / 64 - 1)
            bits = occupied[word]
        }
        var node = heads[word << 6 | bits.trailingZeroBitCount]
        var least = node
        node = next[Int(node)]
        while node >= 0 {
            if keys[Int(node)] < keys[Int(least)] { least = node }
            node = next[Int(node)]
        }
        return least
    }

    /// A wheel of its own holding the same timers, for a fork of the simulation.
    func copy() -> TimerWheel {
        var other = TimerWheel()
        while other.capacity < used { other.grow() }
        other.keys.update(from: keys, count: used)
        other.dues.update(from: dues, count: used)
        other.next.update(from: next, count: used)
        other.heads.update(from: heads, count: TimerWheel.slots)
        other.occupied.update(from: occupied, count: TimerWheel.slots / 64)
        other.used = used
        other.unused = unused
        other.count = count
        other.from = from
        other.soonest = soonest
        return other
    }

    private mutating func grow() {
        let larger = capacity * 2
        let largerKeys = UnsafeMutablePointer<UInt128>.allocate(capacity: larger)
        let largerDues = UnsafeMutablePointer<Happening.Due>.allocate(capacity: larger)
        let largerNext = UnsafeMutablePointer<Int32>.allocate(capacity: larger)
        largerKeys.update(from: keys, count: used)
        largerDues.update(from: dues, count: used)
        largerNext.update(from: next, count: used)
        keys.deallocate()
        dues.deallocate()
        next.deallocate()
        keys = largerKeys
        dues = largerDues
        next = largerNext
        capacity = larger
    }
}
