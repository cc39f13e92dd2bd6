/// The caller's line as the exchange presents it to the call handler: the number (CLI), and where
/// it can say the caller is. A landline carries its subscriber's address; a mobile 999 call
/// usually carries the handset's own fix (Advanced Mobile Location: a point and an accuracy
/// radius, sent a few seconds into the call, sometimes late, sometimes never); a withheld 101
/// number carries nothing.
public struct CallerPhone: Sendable, Equatable, Codable {
    public enum Kind: Int, Sendable, Equatable, Codable, CaseIterable {
        case mobile, landline, withheld
        /// Written contact (chat, e-mail, online form): no phone line at all.
        case online
        /// The kinds a scripted call's `phone:` may name.
        public static let named: [(name: String, kind: Kind)] = [("mobile", .mobile), ("landline", .landline), ("withheld", .withheld)]
        public var name: String { self == .online ? "online" : Self.named[rawValue].name }
    }
    public var kind: Kind
    /// A landline's subscriber address (a place of the gazetteer); -1: none known.
    public var subscriber: Int32
    /// A mobile's AML fix: where the handset says it is, and how sure, in metres (the radius);
    /// it reaches the handler `fixAfter` after the answer (SimTime.max: it never does).
    public var fix: Position
    public var accuracy: Double
    public var fixAfter: SimTime
    /// An AML message that arrived (`unreadableAfter` the answer) but could not be used, and why.
    public var unreadable: String?
    public var unreadableAfter: SimTime = .max

    public init(kind: Kind, subscriber: Int32 = -1, fix: Position = Position(x: 0, y: 0), accuracy: Double = 0,
                fixAfter: SimTime = .max) {
        self.kind = kind; self.subscriber = subscriber; self.fix = fix; self.accuracy = accuracy; self.fixAfter = fixAfter
    }

    /// A scenario without a map has nowhere to put a caller: a mobile with no fix.
    public static let unlocated = CallerPhone(kind: .mobile)

    public var hasFix: Bool { fixAfter != .max }
    /// The fix as the handler has it at `elapsed` after the answer (nil: not yet, or never).
    public func fix(after elapsed: SimTime) -> (at: Position, accuracy: Double)? {
        hasFix && elapsed >= fixAfter ? (fix, accuracy) : nil
    }
}

extension CallerPhone {
    /// Most 999 calls come from mobiles, and 999 always shows the number; some 101 callers withhold
    /// theirs. Of AML fixes, most are from the handset's GPS (tens of metres), some from Wi-Fi
    /// (a few hundred), a few from the mast (a kilometre or more); about one in eight never comes.
    /// Drawn on a stream of the call's own, so the rest of the call's draws stay as they were.
    static func drawn(seed: UInt64, number: Int64, line: Line, relation: Caller.Relation, place: Int32,
                      config: WorldConfig) -> CallerPhone {
        guard line.isPhone else { return CallerPhone(kind: .online) }
        guard !config.places.isEmpty else { return .unlocated }
        var rng = RandomStream(seed: seed ^ 0x0CA1_1E55_1D00_0999, stream: UInt64(bitPattern: number))
        let roll = rng.unit()
        let kind: Kind = line == .emergency
            ? (roll < 0.74 ? .mobile : .landline)
            : (roll < 0.60 ? .mobile : roll < 0.90 ? .landline : .withheld)
        switch kind {
        case .withheld, .online:
            return CallerPhone(kind: kind)
        case .landline:
            // People ring from home about home; witnesses and businesses often from somewhere else.
            let atHome: Double = switch relation {
            case .victim: 0.8
            case .business: 0.9
            case .concerned: 0.3
            case .witness: 0.5
            case .agency: 0
            }
            let subscriber = rng.chance(atHome) ? place : Int32(rng.index(below: config.addressCount))
            return CallerPhone(kind: .landline, subscriber: relation == .agency ? -1 : subscriber)
        case .mobile:
            // AML is a 999 feature; a 101 call from a mobile shows the number only.
            guard line == .emergency, rng.chance(0.88) else { return CallerPhone(kind: .mobile) }
            let source = rng.unit()
            let accuracy = source < 0.65 ? 8 + rng.unit() * 42 : source < 0.92 ? 60 + rng.unit() * 240 : 600 + rng.unit() * 1400
            let after = SimTime((4 + rng.unit() * (rng.chance(0.9) ? 12 : 50)) * Double(Clock.second))
            return CallerPhone(kind: .mobile, fix: Self.point(near: config.places[Int(place)].position, within: accuracy, &rng),
                               accuracy: accuracy, fixAfter: after)
        }
    }

    /// A point inside the accuracy circle round the truth (the radius is how far it may be wrong).
    static func point(near truth: Position, within metres: Double, _ rng: inout RandomStream) -> Position {
        let distance = metres / 1000 * rng.unit().squareRoot() * 0.9
        let angle = rng.unit() * 2 * Double.pi
        return Position(x: truth.x + distance * _cos(angle), y: truth.y + distance * _cos(angle - Double.pi / 2))
    }
}

extension CallerPhone {
    /// The line of call `number`, drawn from `draw` (the same every time it is asked): as the
    /// trainer wrote it for a scripted call, else as the call's line behaves.
    public static func of(number: Int64, line: Line, draw: CallDraw, config: WorldConfig) -> CallerPhone {
        guard draw.script >= 0, config.script.calls.indices.contains(Int(draw.script)) else {
            return drawn(seed: config.seed, number: number, line: line, relation: draw.caller.relation, place: draw.place, config: config)
        }
        let k = Int(draw.script), spec = config.script.calls[k]
        // One line per scripted caller, whichever of their calls it is; someone else ringing as
        // it gets worse has a line of their own.
        let another = draw.scriptPart == 2 ? spec.escalation.flatMap { $0.isAnotherCaller ? $0 : nil } : nil
        let stable: Int64 = another == nil ? -1 - Int64(k) : -1_000_001 - Int64(k)
        let writtenPhone = another == nil ? spec.phone : another?.phone
        guard let written = writtenPhone, !config.places.isEmpty, spec.line.isPhone else {
            return drawn(seed: config.seed, number: stable, line: spec.line, relation: draw.caller.relation, place: spec.place, config: config)
        }
        switch written.kind {
        case .withheld, .online: return CallerPhone(kind: written.kind)
        case .landline: return CallerPhone(kind: .landline, subscriber: written.subscriber ?? spec.place)
        case .mobile:
            if let text = written.aml {
                // The message as it came: used where it reads, else the handler is told it did not.
                switch AMLMessage.parse(text) {
                case .success(let aml) where config.origin != nil:
                    return CallerPhone(kind: .mobile, fix: config.origin!.position(latitude: aml.latitude, longitude: aml.longitude),
                                       accuracy: aml.radius, fixAfter: written.fixAfter)
                case .success:
                    var phone = CallerPhone(kind: .mobile)
                    (phone.unreadable, phone.unreadableAfter) = ("the scenario's map has no origin to place it", written.fixAfter)
                    return phone
                case .failure(let problem):
                    var phone = CallerPhone(kind: .mobile)
                    (phone.unreadable, phone.unreadableAfter) = (problem.why, written.fixAfter)
                    return phone
                }
            }
            guard let accuracy = written.accuracy else { return CallerPhone(kind: .mobile) }
            var rng = RandomStream(seed: config.seed ^ 0x0CA1_1E55_1D00_0999, stream: UInt64(bitPattern: stable))
            let fix = written.centre.map { config.places[Int($0)].position }
                ?? point(near: config.places[Int(spec.place)].position, within: accuracy, &rng)
            return CallerPhone(kind: .mobile, fix: fix, accuracy: accuracy, fixAfter: written.fixAfter)
        }
    }
}

extension Call {
    /// The caller's number and where the exchange says they are.
    public func phone(_ config: WorldConfig) -> CallerPhone { CallerPhone.of(number: number, line: line, draw: draw, config: config) }
}
