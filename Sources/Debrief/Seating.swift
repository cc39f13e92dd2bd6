import DispatchEngine
import Journal

/// What a trainee is judged on: the work of the seat they held. Call handling takes the calls
/// (answered, located, graded, THRIVE, linked, rung back, stayed on the line, services
/// informed, resolved without deploying); dispatch sends and looks after the units (sent in
/// time, the right kind and skills, warnings passed, welfare, re-grading, emergencies, closing).
public enum TraineeSeat: String, Sendable, CaseIterable, Comparable {
    case callHandling = "call handling"
    case dispatch

    public static func < (a: TraineeSeat, b: TraineeSeat) -> Bool { a.rawValue < b.rawValue }
}

/// Who held which seat when, read from the journal's actions alone: on a floor, the seats people
/// took and left (`tookSeat`, `leftSeat`); on a console of its own, its one person sitting down
/// to answer calls (`seatCallHandler`) and taking dispatching (`dispatchSeat`).
struct Seating {
    enum Seat: Equatable {
        case callHandling
        /// One area's dispatcher; nil: every area.
        case dispatch(area: Int?)
        case instructor, supervisor, watch
    }

    struct Spell {
        var person: String
        var seat: Seat
        var from: SimTime
        var to: SimTime?
    }

    private(set) var spells: [Spell] = []
    /// When each person first took a seat or acted: their alerts count from then.
    private(set) var joined: [String: SimTime] = [:]
    /// Everyone named in the journal's actions, in the order they first appear.
    private(set) var people: [String] = []

    /// `single`: the name of a console's one person (nil on a floor, where every action names
    /// its person); `areas`: the scenario's area names, to read "dispatcher:North".
    init(actions: [RecordedAction], single: String?, areas: [String]) {
        let floor = actions.contains { if case .tookSeat = $0.action { true } else { false } }
        // A console of its own: its person was there from the start.
        if !floor, let single { people.append(single); joined[single] = 0 }
        for recorded in actions {
            guard let person = recorded.person ?? single else { continue }
            let t = recorded.mark.time
            if !people.contains(person) { people.append(person); joined[person] = t }
            guard recorded.refusal == nil else { continue }
            switch recorded.action {
            case .tookSeat(let text) where floor:
                open(person, Self.seat(text, areas: areas), at: t)
            case .leftSeat(let text) where floor:
                close(person, at: t) { $0 == Self.seat(text, areas: areas) }
            case .command(.seatCallHandler) where !floor:
                open(person, .callHandling, at: t)
            case .command(.leaveCallHandlerSeat) where !floor:
                close(person, at: t) { $0 == .callHandling }
            case .dispatchSeat(let areas) where !floor:
                close(person, at: t) { if case .dispatch = $0 { true } else { false } }
                if let areas {
                    if areas.isEmpty { open(person, .dispatch(area: nil), at: t) }
                    for area in areas { open(person, .dispatch(area: area), at: t) }
                }
            default:
                break
            }
        }
    }

    private mutating func open(_ person: String, _ seat: Seat?, at t: SimTime) {
        guard let seat else { return }
        if spells.contains(where: { $0.person == person && $0.seat == seat && $0.to == nil }) { return }
        spells.append(Spell(person: person, seat: seat, from: t))
    }

    private mutating func close(_ person: String, at t: SimTime, _ which: (Seat) -> Bool) {
        for i in spells.indices where spells[i].person == person && spells[i].to == nil && which(spells[i].seat) {
            spells[i].to = t
        }
    }

    /// "call-handler", "dispatcher", "dispatcher:North", "instructor", ... as the floor journals them.
    static func seat(_ text: String, areas: [String]) -> Seat? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first?.lowercased() ?? "" {
        case "call-handler": return .callHandling
        case "dispatcher":
            guard parts.count == 2 else { return .dispatch(area: nil) }
            if let i = areas.firstIndex(where: { $0.lowercased() == parts[1].lowercased() }) { return .dispatch(area: i) }
            return Int(parts[1]).map { .dispatch(area: $0) }
        case "instructor": return .instructor
        case "supervisor": return .supervisor
        case "watch": return .watch
        default: return nil
        }
    }

    /// The seats a person held at some time, as judged seats.
    func judgedSeats(of person: String) -> Set<TraineeSeat> {
        Set(spells.filter { $0.person == person }.compactMap { spell in
            switch spell.seat {
            case .callHandling: .callHandling
            case .dispatch: .dispatch
            default: nil
            }
        })
    }

    /// Whether the person dispatched `area` at some time in [from, to].
    func dispatches(_ person: String, area: Int, from: SimTime, to: SimTime) -> Bool {
        spells.contains { spell in
            guard spell.person == person, case .dispatch(let a) = spell.seat, a == nil || a == area else { return false }
            return spell.from <= to && (spell.to ?? .max) >= from
        }
    }

    /// Whether the person held a call-handling seat at some time in [from, to].
    func handlesCalls(_ person: String, from: SimTime, to: SimTime) -> Bool {
        spells.contains { $0.person == person && $0.seat == .callHandling && $0.from <= to && ($0.to ?? .max) >= from }
    }

    /// Everyone who dispatched `area` at some time in [from, to].
    func dispatchers(area: Int, from: SimTime, to: SimTime) -> Set<String> {
        Set(people.filter { dispatches($0, area: area, from: from, to: to) })
    }

    /// The seats a person held, in the room's words ("call handler, dispatcher Hartley").
    func words(of person: String, areas: [String]) -> String {
        var out: [String] = []
        for spell in spells where spell.person == person {
            let word: String
            switch spell.seat {
            case .callHandling: word = "call handler"
            case .dispatch(nil): word = "dispatcher, every area"
            case .dispatch(let a?): word = "dispatcher " + (areas.indices.contains(a) ? areas[a] : String(a))
            case .instructor: word = "instructor"
            case .supervisor: word = "supervisor"
            case .watch: word = "watching"
            }
            if !out.contains(word) { out.append(word) }
        }
        return out.isEmpty ? "no seat" : out.joined(separator: ", ")
    }
}
