import DispatchEngine

/// The talkgroup as the dispatcher hears it: recent transmissions, newest last, and emergency
/// activations that stay raised until a person acknowledges them.
public final class RadioLog {
    public struct Entry: Sendable, Equatable {
        public var time: SimTime
        public var transmission: Transmission
        /// The incident's reference at the time (the handle may be reused after it closes).
        public var reference: Int64?
    }

    public private(set) var entries: [Entry] = []
    /// Units whose emergency button has been pressed and not yet acknowledged, oldest first.
    public private(set) var unacknowledged: [(unit: UnitIndex, time: SimTime, reference: Int64?)] = []
    public let capacity: Int

    public init(capacity: Int = 5_000) { self.capacity = capacity }

    public func attach(to simulation: Simulation) {
        simulation.observers.append { [unowned self, unowned world = simulation.world] time, event in
            guard case .radio(let t) = event else { return }
            let reference = t.incident.flatMap { world.incident($0)?.reference }
            self.entries.append(Entry(time: time, transmission: t, reference: reference))
            if self.entries.count > self.capacity { self.entries.removeFirst(self.entries.count - self.capacity) }
            if t.message == .urgentAssistance { self.unacknowledged.append((t.unit, time, reference)) }
        }
    }

    /// A person has acknowledged the oldest emergency (or the given unit's); returns the unit.
    @discardableResult
    public func acknowledge(unit: UnitIndex? = nil) -> UnitIndex? {
        let index: Int?
        if let unit { index = unacknowledged.firstIndex { $0.unit == unit } } else { index = unacknowledged.isEmpty ? nil : 0 }
        guard let index else { return nil }
        return unacknowledged.remove(at: index).unit
    }
}
