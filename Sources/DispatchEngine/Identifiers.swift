/// Handles to live calls and incidents: a slot in the world's arrays and the generation of that
/// slot, so a timer or a queue entry left over from a closed record is recognised as stale.
public struct CallID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let slot: Int32
    public let generation: UInt32
    public init(slot: Int32, generation: UInt32) { self.slot = slot; self.generation = generation }
    public var description: String { "call#\(slot).\(generation)" }
}

public struct IncidentID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let slot: Int32
    public let generation: UInt32
    public init(slot: Int32, generation: UInt32) { self.slot = slot; self.generation = generation }
    public var description: String { "incident#\(slot).\(generation)" }
}

/// Index of a unit in the roster (WorldConfig.units).
public typealias UnitIndex = Int32
/// Index of a call handler in the room.
public typealias HandlerIndex = Int32

/// Records in reusable slots: closed calls and incidents give their slot back, so memory follows
/// what is open now, not how long the run has been.
/// A closed record stays in its slot, marked closed, until the slot is used again: records are
/// kept unwrapped so that a field is read in place (an optional would be copied out whole to be
/// unwrapped, on every look at a call or an incident).
public struct SlotArray<Element> {
    private var records: [Element] = []
    private var open: [Bool] = []
    public private(set) var generations: [UInt32] = []
    private var free: [Int32] = []
    public private(set) var count = 0

    public init() {}

    /// How many slots there are, open or not.
    public var slots: Int { records.count }

    /// The record in `slot`, nil when the slot holds none now.
    public func record(slot: Int) -> Element? { open[slot] ? records[slot] : nil }

    /// Stores `element`, returning its slot and generation.
    public mutating func insert(_ element: Element) -> (slot: Int32, generation: UInt32) {
        count += 1
        if let slot = free.popLast() {
            records[Int(slot)] = element
            open[Int(slot)] = true
            return (slot, generations[Int(slot)])
        }
        records.append(element)
        open.append(true)
        generations.append(0)
        return (Int32(records.count - 1), 0)
    }

    /// The slot and generation the next insert will use (events name the record before it exists).
    public func nextHandle() -> (slot: Int32, generation: UInt32) {
        if let slot = free.last { return (slot, generations[Int(slot)]) }
        return (Int32(records.count), 0)
    }

    public mutating func remove(slot: Int32) {
        let i = Int(slot)
        guard open[i] else { return }
        open[i] = false
        generations[i] &+= 1
        free.append(slot)
        count -= 1
    }

    public func isLive(slot: Int32, generation: UInt32) -> Bool {
        let i = Int(slot)
        return i >= 0 && i < generations.count && generations[i] == generation && open[i]
    }

    public subscript(slot: Int32) -> Element {
        // Read in place: a record's field is read without copying the whole record out.
        _read {
            precondition(open[Int(slot)], "no record in slot \(slot)")
            yield records[Int(slot)]
        }
        _modify {
            precondition(open[Int(slot)], "no record in slot \(slot)")
            yield &records[Int(slot)]
        }
    }

    /// The live elements with their slots, in slot order, read in place (nothing is copied out:
    /// the console reads this every frame on floors of thousands of incidents).
    public var live: Live { Live(records: records, open: open) }
    /// What the array holds (inside `Live`, `Element` is the sequence's).
    public typealias Stored = Element

    public struct Live: Sequence {
        let records: [Stored]
        let open: [Bool]
        public func makeIterator() -> Iterator { Iterator(records: records, open: open) }

        public struct Iterator: IteratorProtocol {
            let records: [Stored]
            let open: [Bool]
            var index = 0
            public mutating func next() -> (slot: Int32, element: Stored)? {
                while index < records.count {
                    let i = index
                    index += 1
                    if open[i] { return (Int32(i), records[i]) }
                }
                return nil
            }
        }
    }
}
