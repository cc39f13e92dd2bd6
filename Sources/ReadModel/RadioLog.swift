import DispatchEngine

/// The talkgroup as the dispatcher hears it: recent transmissions, newest last. (Emergencies
/// awaiting acknowledgement are the world's: `World.pendingEmergencies`.)
public final class RadioLog {
    public struct Entry: Sendable, Equatable {
        public var time: SimTime
        public var transmission: Transmission
        /// The incident's reference at the time (the handle may be reused after it closes).
        public var reference: Int64?
    }

    public private(set) var entries: [Entry] = []
    public let capacity: Int

    public init(capacity: Int = 5_000) { self.capacity = capacity }

    /// The simulation keeps this alive while it runs (no cycle: this holds no simulation).
    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self, world = simulation.world] time, event in
            guard case .radio(let t) = event else { return }
            let reference = t.incident.flatMap { world.incident($0)?.reference }
            self.entries.append(Entry(time: time, transmission: t, reference: reference))
            if self.entries.count > self.capacity { self.entries.removeFirst(self.entries.count - self.capacity) }
        }
    }
}
