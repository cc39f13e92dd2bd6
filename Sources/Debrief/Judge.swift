import DispatchEngine
import Journal
import ReadModel

/// Judges a session's expectations for one person: each falls to a seat (the person who took
/// the call, or everyone who could have; whoever dispatched the incident's area while it was
/// open) and is met only by that person's own action. Facts come from the ledgers (incidents,
/// calls) and the session's facts; who did each is named as the journal names them.
struct Judge {
    let session: RecordedSession
    let facts: SessionFacts
    let calls: CallLog
    let seating: Seating
    let person: String

    var simulation: Simulation { session.simulation }
    var config: WorldConfig { simulation.config }
    var floor: Floor { session.floor }
    var clock: RoomClock { floor.clock }
    var now: SimTime { simulation.now }
    /// During a session, what can still be done is not yet missed.
    var goingOn: Bool { !session.progress.ended && now < config.duration }

    /// The person as the journal names them.
    var me: String { Self.named(person) }
    static func named(_ person: String) -> String { "person:" + SafeText.clean(person) }

    /// Who did it, as the person reads it.
    func who(_ by: String?) -> String {
        guard let by else { return "the engine" }
        if by == me { return "you" }
        if by.hasPrefix("person:") { return String(by.dropFirst(7)) }
        if by == "engine:dispatcher" { return "the engine's dispatcher" }
        if by.hasPrefix("engine:call-handler") { return "the engine's call handler" }
        return "the engine"
    }

    static func isPerson(_ by: String?) -> Bool { by?.hasPrefix("person:") ?? false }

    func time(_ t: SimTime?) -> String { t.map(clock.time) ?? "never" }
    func span(_ t: SimTime) -> String { RoomClock.elapsed(t) }

    /// Everyone who dispatched `area` (nil: any area) at some time in [from, to], as the journal names them.
    func dispatchers(area: Int?, from: SimTime, to: SimTime) -> Set<String> {
        Set(seating.people.filter { name in
            area.map { seating.dispatches(name, area: $0, from: from, to: to) }
                ?? config.areas.indices.contains { seating.dispatches(name, area: $0, from: from, to: to) }
        }.map(Self.named))
    }

    /// The area a place is in (nil: a scenario without a map).
    func area(of place: Int32) -> Int? {
        config.places.indices.contains(Int(place)) ? config.places[Int(place)].area : nil
    }

    /// Who answered for a call: the person who took it, or everyone who let the engine have it.
    func answerers(of f: SessionFacts.CallFacts) -> Set<String> {
        let taker = callRow(f.number)?.heldBy.first
        return Self.isPerson(taker) ? [taker!] : f.couldHaveTaken
    }

    /// The call ledger's row of a call number.
    func callRow(_ number: Int64?) -> CallLog.Entry? {
        guard let number else { return nil }
        return calls.entries.last { $0.number == number }
    }

    /// Builds one finding: `responsible` are those it fell to, `mine` whether this person met
    /// it, `anyone` whether it was met at all.
    struct Context {
        var subject: String
        var reference: String?
        var findings: [Debrief.Finding] = []
    }

    func add(_ c: inout Context, _ kind: ExpectationKind, seat: TraineeSeat? = nil, _ expectation: String,
             responsible: Set<String>, mine: Bool, anyone: Bool, _ detail: String, at: SimTime? = nil, stillPossible: Bool = false) {
        let yours = responsible.contains(me)
        let met = yours ? mine : anyone
        // Done, but by someone else, when it was this person's to do.
        let detail = yours && anyone && !mine ? detail + ": not by you, so no points" : detail
        // Kept to one line here: names in them come from the scenario, and every view prints them.
        c.findings.append(Debrief.Finding(subject: SafeText.oneLine(c.subject), reference: c.reference, kind: kind, seat: seat ?? kind.seat(),
                                          expectation: SafeText.oneLine(expectation), yours: yours, met: met,
                                          pending: !met && goingOn && stillPossible, detail: SafeText.oneLine(detail), at: at, points: kind.points))
    }

    /// Every finding for the person, and the scripted incidents' timelines.
    func findings() -> ([Debrief.Finding], [Debrief.Timeline]) {
        var findings: [Debrief.Finding] = []
        var timelines: [Debrief.Timeline] = []
        for (k, spec) in config.script.calls.enumerated() {
            let f = facts.calls[k]
            let entry = f.reference.flatMap(session.incidents.entry(reference:))
            var c = Context(subject: spec.name, reference: f.reference.map(Floor.reference))
            if spec.duplicateOf == nil {
                let row = callRow(f.number)
                timelines.append(Debrief.Timeline(subject: SafeText.oneLine(spec.name), reference: c.reference, grade: entry?.grade.rawValue, rang: f.rangAt,
                                                  answered: row?.answeredAt, created: f.madeAt, dispatched: entry?.firstAssignedAt,
                                                  atScene: entry?.firstArrivedAt, closed: entry?.closedAt, target: entry?.targetAt))
            }
            guard !spec.expect.isEmpty || f.silentClosed != nil else { continue }
            judgeCallHandling(k, spec, f, entry, &c)
            judgeDispatch(k, spec, f, entry, &c)
            findings += c.findings
        }
        findings += judgeEmergencies()
        return (findings, timelines)
    }

    /// The scripted emergency buttons: acknowledged, and help sent, by the dispatcher of where
    /// the officer was.
    func judgeEmergencies() -> [Debrief.Finding] {
        var out: [Debrief.Finding] = []
        for emergency in facts.emergencies {
            let cue = config.script.cues[emergency.cue]
            var c = Context(subject: "\(floor.callsign(emergency.unit)) emergency button", reference: emergency.assistance.map(Floor.reference))
            let pressed = emergency.pressedAt
            let responsible = pressed.map { dispatchers(area: emergency.area, from: $0, to: $0) } ?? []
            func inTime(_ kind: ExpectationKind, _ within: SimTime, done: SimTime?, by: String?, _ expectation: String,
                        _ doneWords: String, never: String) {
                let took = done.flatMap { a in pressed.map { a - $0 } }
                let inTime = took.map { $0 <= within } ?? false
                var detail: String
                if pressed == nil {
                    detail = "the button was not pressed (the officer was off duty)"
                } else if let took {
                    detail = "\(doneWords) by \(who(by)) after \(span(took))"
                    if took > within { detail += ": \(span(took - within)) late, with an officer calling for help" }
                } else {
                    detail = never
                }
                add(&c, kind, "\(expectation) within \(span(within))", responsible: responsible,
                    mine: inTime && by == me, anyone: inTime, detail, at: done,
                    stillPossible: done == nil && (pressed.map { now <= $0 + within } ?? true))
            }
            if let within = cue.assistWithin {
                let first = emergency.assistance.flatMap(session.incidents.entry(reference:))?.sends.first { !$0.withdrawn }
                inTime(.assistance, within, done: first?.at, by: first?.by, "a unit sent to the officer",
                       "first unit " + (first.map { floor.callsign($0.unit) } ?? "") + " sent",
                       never: "no unit sent to the officer: they called for help and nobody was sent")
            }
            if let within = cue.acknowledgeWithin {
                inTime(.acknowledged, within, done: emergency.acknowledgedAt, by: emergency.acknowledgedBy, "acknowledged",
                       "acknowledged", never: "never acknowledged: the officer did not know anyone had heard")
            }
            out += c.findings
        }
        return out
    }
}
