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
public struct SlotArray<Element> {
    public private(set) var items: [Element?] = []
    public private(set) var generations: [UInt32] = []
    private var free: [Int32] = []
    public private(set) var count = 0

    public init() {}

    /// Stores `element`, returning its slot and generation.
    public mutating func insert(_ element: Element) -> (slot: Int32, generation: UInt32) {
        count += 1
        if let slot = free.popLast() {
            items[Int(slot)] = element
            return (slot, generations[Int(slot)])
        }
        items.append(element)
        generations.append(0)
        return (Int32(items.count - 1), 0)
    }

    /// The slot and generation the next insert will use (events name the record before it exists).
    public func nextHandle() -> (slot: Int32, generation: UInt32) {
        if let slot = free.last { return (slot, generations[Int(slot)]) }
        return (Int32(items.count), 0)
    }

    public mutating func remove(slot: Int32) {
        let i = Int(slot)
        guard items[i] != nil else { return }
        items[i] = nil
        generations[i] &+= 1
        free.append(slot)
        count -= 1
    }

    @inlinable public func isLive(slot: Int32, generation: UInt32) -> Bool {
        let i = Int(slot)
        return i >= 0 && i < items.count && generations[i] == generation && items[i] != nil
    }

    public subscript(slot: Int32) -> Element {
        // Read in place: a record's field is read without copying the whole record out.
        _read { yield items[Int(slot)]! }
        _modify { yield &items[Int(slot)]! }
    }

    /// Live records with their slots, in slot order.
    /// The live elements with their slots, in slot order, read in place (nothing is copied out:
    /// the console reads this every frame on floors of thousands of incidents).
    public var live: Live { Live(items: items) }
    /// What the array holds (inside `Live`, `Element` is the sequence's).
    public typealias Stored = Element

    public struct Live: Sequence {
        let items: [Stored?]
        public func makeIterator() -> Iterator { Iterator(items: items) }

        public struct Iterator: IteratorProtocol {
            let items: [Stored?]
            var index = 0
            public mutating func next() -> (slot: Int32, element: Stored)? {
                while index < items.count {
                    let i = index
                    index += 1
                    if let element = items[i] { return (Int32(i), element) }
                }
                return nil
            }
        }
    }
}
