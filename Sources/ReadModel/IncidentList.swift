import DispatchEngine

/// The incident list kept up to date as events arrive, so that a frame after a change costs what
/// changed, not the whole floor: each open incident's row is made again only when an event
/// touches it, and the open incidents' order is mended by moving those rows alone. The order
/// never depends on the clock (age is creation time; time to target is the target's time), so
/// the clock running on does not reorder anything.
final class IncidentList {
    /// Rows by incident slot; nil for a closed slot.
    private(set) var rows: [IncidentRow?] = []
    /// What the order reads of each row, kept apart so comparing two rows copies nothing.
    private(set) var keys: [Key] = []
    /// Slots of the open incidents in `order`.
    private(set) var sorted: [Int32] = []
    private(set) var order: IncidentOrder = .risk
    private var dirty: [Int32] = []
    private var isDirty: [Bool] = []
    private var everBuilt = false

    /// Marks the incidents each event touches (the simulation keeps this alive while it runs).
    func attach(to simulation: Simulation) {
        simulation.observers.append { [self, world = simulation.world] _, event in
            switch event {
            case let .incidentCreated(id, _), let .incidentStacked(id, _), let .incidentRegraded(id, _),
                 let .incidentReopened(id, _), let .incidentDeferred(id, _), let .deferralEnded(id),
                 let .incidentClosed(id, _, _), let .incidentLinked(_, id), let .unitsRequested(id, _, _), let .unitAssigned(_, id, _, _, _),
                 let .unitDetached(_, id), let .unitStoodDown(_, id), let .unitArrived(_, id), let .unitCleared(_, id, _),
                 let .callHandled(_, .duplicate, id?), let .sendWithdrawn(_, id), let .arrivalWithdrawn(_, id, _),
                 let .arrivalBooked(_, id, _), let .unitsNotNeeded(id), let .incidentRelocated(id, _):
                self.mark(id.slot)
            case let .unitStatusChanged(unit, _):
                // A unit's state is its incident's status (assigned, en route, at scene).
                if let id = world.units[Int(unit)].incident { self.mark(id.slot) }
            default:
                break
            }
        }
    }

    func mark(_ slot: Int32) {
        let i = Int(slot)
        if i >= isDirty.count { isDirty.append(contentsOf: repeatElement(false, count: i + 1 - isDirty.count)) }
        if !isDirty[i] {
            isDirty[i] = true
            dirty.append(slot)
        }
    }

    /// Brings the rows and their order up to date: `make` makes an open slot's row (nil: closed).
    func update(order wanted: IncidentOrder, slots: Int, make: (Int32) -> IncidentRow?) {
        if rows.count < slots {
            rows.append(contentsOf: repeatElement(nil, count: slots - rows.count))
            keys.append(contentsOf: repeatElement(Key(), count: slots - keys.count))
        }
        if !everBuilt {
            everBuilt = true
            for slot in 0..<slots { set(Int32(slot), make(Int32(slot))) }
            dirty.removeAll()
            isDirty = Array(repeating: false, count: slots)
            order = wanted
            sortAll()
            return
        }
        // Many changes, or another order: sorting afresh is cheaper than mending.
        let mend = wanted == order && dirty.count * 16 < max(sorted.count, 1)
        if mend {
            for slot in dirty { remove(slot) }
        }
        for slot in dirty {
            isDirty[Int(slot)] = false
            set(slot, make(slot))
            if mend, rows[Int(slot)] != nil { insert(slot) }
        }
        dirty.removeAll(keepingCapacity: true)
        if !mend {
            order = wanted
            sortAll()
        }
    }

    // MARK: Order

    /// The order's key of a row: grade, the target's time while nobody has attended, creation
    /// time, reference; open marks a live row.
    struct Key {
        var open = false
        var grade = 0
        var waitingTargetAt: SimTime = .max
        var createdAt: SimTime = 0
        var reference: Int64 = 0
    }

    private func set(_ slot: Int32, _ row: IncidentRow?) {
        rows[Int(slot)] = row
        // An officer's emergency sorts above every grade (as grade 0).
        keys[Int(slot)] = row.map { Key(open: true, grade: $0.assisting == nil ? $0.grade.rawValue : 0, waitingTargetAt: $0.waitingTargetAt ?? .max,
                                        createdAt: $0.createdAt, reference: $0.reference) } ?? Key()
    }

    private func sortAll() {
        sorted = rows.indices.compactMap { rows[$0] == nil ? nil : Int32($0) }
        sorted.sort { before($0, $1) }
    }

    /// Takes a slot out of the order, found by its row as it was (its key then).
    private func remove(_ slot: Int32) {
        guard rows[Int(slot)] != nil else { return }
        let i = position(of: slot)
        if i < sorted.count, sorted[i] == slot { sorted.remove(at: i) } else if let j = sorted.firstIndex(of: slot) { sorted.remove(at: j) }
    }

    private func insert(_ slot: Int32) {
        sorted.insert(slot, at: position(of: slot))
    }

    /// Where `slot` goes in the order (binary search on its row's key).
    private func position(of slot: Int32) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if before(sorted[mid], slot) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The list's order. Plain comparisons (no tuples): the list can hold thousands of incidents.
    private func before(_ a: Int32, _ b: Int32) -> Bool {
        let x = keys[Int(a)], y = keys[Int(b)]
        guard x.open, y.open else { return a < b }
        switch order {
        case .reference:
            return x.reference < y.reference
        case .age:
            return x.createdAt != y.createdAt ? x.createdAt < y.createdAt : x.reference < y.reference
        case .risk:
            // Grade first; within a grade, the closest to (or furthest past) its target first;
            // attended incidents after those still waiting.
            if x.grade != y.grade { return x.grade < y.grade }
            if x.waitingTargetAt != y.waitingTargetAt { return x.waitingTargetAt < y.waitingTargetAt }
            return x.reference < y.reference
        }
    }
}

/// The incident list as a pane reads it: the open incidents in order, each row made when it is
/// read, with its age and time to target at the floor's clock. A frame reads the rows it shows,
/// not the whole floor.
public struct IncidentRows: RandomAccessCollection, Equatable {
    let slots: [Int32]
    let rows: [IncidentRow?]
    let keys: [IncidentList.Key]
    let now: SimTime

    public var startIndex: Int { 0 }
    public var endIndex: Int { slots.count }

    public subscript(position: Int) -> IncidentRow {
        var row = rows[Int(slots[position])]!
        row.age = now - row.createdAt
        row.toTarget = row.attended ? nil : row.targetAt.map { $0 - now }
        return row
    }

    /// Where the incident with this reference is in the list (without making any row).
    public func position(ofReference reference: Int64?) -> Int? {
        guard let reference else { return nil }
        return slots.firstIndex { keys[Int($0)].reference == reference }
    }

    public static func == (a: IncidentRows, b: IncidentRows) -> Bool { a.elementsEqual(b) }
}
