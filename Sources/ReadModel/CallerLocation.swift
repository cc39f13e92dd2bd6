import DispatchEngine

/// What the exchange tells the call handler about where the caller is, at a moment of the call:
/// the landline's subscriber address, or the mobile's AML fix (once it has arrived) with the
/// gazetteer's places inside its circle, nearest the fix first; else only the mast's area.
public struct CallerLocation: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A landline: the subscriber's address.
        case subscriber(place: Int32)
        /// A mobile's AML fix: where, and its radius in metres.
        case fix(at: Position, accuracy: Double)
        /// A mobile whose fix has not come yet.
        case awaitingFix
        /// An AML message came but could not be used (why): no location from it.
        case unreadableAML(String)
        /// No fix came (or this line sends none): only the mast's area is known.
        case mast(area: Int?)
        case withheld
        /// Written contact: an e-mail address, and only what the person writes of where they are.
        case written(email: String)
    }
    public var kind: CallerPhone.Kind
    /// The number shown (nil: withheld).
    public var number: String?
    public var source: Source
    /// Places inside the fix's circle (or at the subscriber's address), with their distance from
    /// the fix in metres, nearest first.
    public var places: [(place: Int32, metres: Double)]

    public static func == (a: CallerLocation, b: CallerLocation) -> Bool {
        a.kind == b.kind && a.number == b.number && a.source == b.source
            && a.places.map(\.place) == b.places.map(\.place)
    }

    /// How long the handler waits for a mobile's fix before saying none came.
    public static let fixWait: SimTime = 30 * Clock.second
}

extension Floor {
    /// Where the exchange says the caller on `call` is, now.
    public func callerLocation(_ call: Call) -> CallerLocation {
        let phone = call.phone(config)
        let number = CallerDetails.number(call.draw, line: phone, config)
        let elapsed = call.answeredAt < 0 ? 0 : now - call.answeredAt
        switch phone.kind {
        case .online:
            return CallerLocation(kind: .online, number: nil, source: .written(email: CallerDetails.email(call.draw, config)), places: [])
        case .withheld:
            return CallerLocation(kind: .withheld, number: nil, source: .withheld, places: [])
        case .landline:
            guard phone.subscriber >= 0, config.places.indices.contains(Int(phone.subscriber)) else {
                return CallerLocation(kind: .landline, number: number, source: .mast(area: nil), places: [])
            }
            return CallerLocation(kind: .landline, number: number, source: .subscriber(place: phone.subscriber),
                                  places: [(phone.subscriber, 0)])
        case .mobile:
            if let why = phone.unreadable, elapsed >= phone.unreadableAfter {
                return CallerLocation(kind: .mobile, number: number, source: .unreadableAML(why), places: [])
            }
            if let fix = phone.fix(after: elapsed) {
                return CallerLocation(kind: .mobile, number: number, source: .fix(at: fix.at, accuracy: fix.accuracy),
                                      places: places(within: fix.accuracy, of: fix.at))
            }
            if phone.hasFix && elapsed < phone.fixAfter || !phone.hasFix && call.line == .emergency && elapsed < CallerLocation.fixWait {
                return CallerLocation(kind: .mobile, number: number, source: .awaitingFix, places: [])
            }
            // AML is sent for 999 only: a 101 caller's mobile says nothing of where they are.
            let area = call.line == .emergency && config.places.indices.contains(Int(call.draw.place)) ? config.places[Int(call.draw.place)].area : nil
            return CallerLocation(kind: .mobile, number: number, source: .mast(area: area), places: [])
        }
    }

    /// The gazetteer's places within `metres` of a point, nearest first.
    public func places(within metres: Double, of point: Position) -> [(place: Int32, metres: Double)] {
        var inside: [(place: Int32, metres: Double)] = []
        for (i, p) in config.places.prefix(config.addressCount).enumerated() {
            let d = p.position.distance(to: point) * 1000
            if d <= metres { inside.append((Int32(i), d)) }
        }
        return inside.sorted { $0.metres < $1.metres }
    }
}
