import DispatchEngine

/// Incidents at each address since the session began, for the call handler: as soon as a
/// location is chosen on the form, what happened there before is on the screen.
public final class PlaceHistory {
    public struct Past: Sendable, Equatable {
        public var reference: Int64
        public var type: Int32
        public var grade: Grade
        public var at: SimTime
    }
    /// The latest few per place, newest last.
    public private(set) var byPlace: [Int32: [Past]] = [:]
    /// The reference each recent call opened, so the console can say which incident a call made.
    public private(set) var openedByCall: [Int64: Int64] = [:]
    private var callOrder: [Int64] = []
    static let keepPerPlace = 6

    public init() {}

    public func attach(to simulation: Simulation) {
        simulation.observers.append { [self] time, event in
            guard case let .incidentCreated(_, o) = event else { return }
            self.byPlace[o.place, default: []].append(Past(reference: o.reference, type: o.type, grade: o.grade, at: time))
            if self.byPlace[o.place]!.count > Self.keepPerPlace { self.byPlace[o.place]!.removeFirst() }
            self.openedByCall[o.callNumber] = o.reference
            self.callOrder.append(o.callNumber)
            if self.callOrder.count > 256 { self.openedByCall[self.callOrder.removeFirst()] = nil }
        }
    }

    public func previous(at place: Int32) -> [Past] { byPlace[place] ?? [] }
}
