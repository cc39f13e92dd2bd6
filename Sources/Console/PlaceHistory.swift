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

/// A call waiting to be answered, as the ringing queue shows it.
public struct RingingCall: Sendable, Equatable {
    public var number: Int64
    public var line: Line
    public var waited: SimTime
}

extension Floor {
    /// Calls ringing: 999 above 101, each oldest first (the order they are answered in).
    public func ringingCalls() -> [RingingCall] {
        var out: [RingingCall] = []
        for line in 0..<2 {
            for id in world.waiting[line] {
                guard let call = world.call(id), call.state == .waiting else { continue }
                out.append(RingingCall(number: call.number, line: call.line, waited: now - call.arrivedAt))
            }
        }
        return out
    }

    /// The call the person at `seat` is on.
    public func call(at seat: HandlerIndex?) -> Call? {
        guard let seat, world.handlers.indices.contains(Int(seat)), let id = world.handlers[Int(seat)].call else { return nil }
        return world.call(id)
    }

    /// What the caller is describing: their own call's truth, or the incident they report again.
    public func subject(of call: Call) -> CallerWords.Subject {
        if let again = simulation.incidentReportedAgain(by: call), let incident = world.incident(again) {
            return CallerWords.Subject(type: incident.type, grade: incident.grade, place: incident.place)
        }
        return CallerWords.Subject(type: call.draw.type, grade: call.draw.grade, place: call.draw.place)
    }

    public func likelyDuplicates(place: Int32, type: Int32?) -> [LikelyDuplicate] {
        simulation.likelyDuplicates(place: place, type: type)
    }
}
