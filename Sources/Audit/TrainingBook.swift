import DispatchEngine

/// The audit's own judging of each trainee, from the journal's raw rows: who sat where (the
/// seats in the action rows), and from the event rows in order who took each scripted call, who
/// was free to, what incident it made and who did what to it. Written apart from the debrief,
/// with its rules stated here once:
///
/// - a call handler's expectation falls to whoever took the call (its first answer), or, if the
///   engine took it, to every person free in a call-handling seat when it rang or when the engine
///   answered it; the incident's expectations to whoever made it and whoever took the call;
/// - a dispatcher's, to everyone who dispatched the incident's area while it was open; a scripted
///   emergency button's, to whoever dispatched the officer's area when it was pressed;
/// - it is met by a person only if they did it themselves, in time;
/// - closing is the call handler's only when nobody is to be deployed.
public struct TrainingBook {
    public struct Judgement: Equatable, Sendable {
        public var yours: Bool
        public var met: Bool
        public init(yours: Bool, met: Bool) { self.yours = yours; self.met = met }
    }

    /// Per person, per (subject, kind): yours and met.
    public private(set) var judged: [String: [String: Judgement]] = [:]
    /// Those who held a call-handling or dispatch seat, in the order they sat down.
    public private(set) var trainees: [String] = []
    /// Everyone named in the journal (a console's one person, or each person who acted).
    public private(set) var people: [String] = []

    public static func key(_ subject: String, _ kind: String) -> String { subject + " | " + kind }

    /// What each kind of expectation is worth, written here apart from the debrief's table so a
    /// change to one is a disagreement until the other agrees.
    public static let points: [String: Int] = [
        "answered": 10, "located": 15, "graded": 15, "thrive": 10, "linked": 10, "rung_back": 15,
        "stayed_on_line": 10, "informed": 10, "no_deployment": 15,
        "sent": 20, "skills": 10, "warnings": 15, "welfare": 10, "regraded": 15, "emergency_on_job": 20,
        "acknowledged": 20, "assistance": 20, "closing_type": 5, "result": 5,
    ]

    /// What the audit makes of `person`'s expectation `kind` on `subject` (nil: not judged).
    public func judgement(of person: String, subject: String, kind: String) -> Judgement? {
        judged[person]?[Self.key(subject, kind)]
    }

    // MARK: Seats

    private struct Spell { var person: String; var calls: Bool; var area: Int??; var from: SimTime; var to: SimTime }
    private var spells: [Spell] = []

    private mutating func seats(_ journal: AuditedJournal) {
        let floor = journal.actions.contains { if case .tookSeat = $0.action { true } else { false } }
        let single = journal.role == "floor" ? nil : (journal.trainee ?? journal.operatorName)
        let names = journal.config.areas.map { $0.name.lowercased() }
        func close(_ person: String, _ t: SimTime, calls: Bool) {
            for i in spells.indices where spells[i].person == person && spells[i].to == .max && spells[i].calls == calls { spells[i].to = t }
        }
        if !floor, let single { people.append(single) }
        for a in journal.actions {
            guard let person = a.person ?? single else { continue }
            if !people.contains(person) { people.append(person) }
            guard !a.refused else { continue }
            switch a.action {
            case .tookSeat(let text) where floor:
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                if parts[0] == "call-handler" { spells.append(Spell(person: person, calls: true, area: nil, from: a.time, to: .max)) }
                if parts[0] == "dispatcher" {
                    let area: Int? = parts.count == 2 ? names.firstIndex(of: parts[1].lowercased()) : nil
                    spells.append(Spell(person: person, calls: false, area: .some(area), from: a.time, to: .max))
                }
            case .leftSeat(let text) where floor:
                close(person, a.time, calls: text.hasPrefix("call-handler"))
            case .command(.seatCallHandler) where !floor:
                if !spells.contains(where: { $0.person == person && $0.calls && $0.to == .max }) {
                    spells.append(Spell(person: person, calls: true, area: nil, from: a.time, to: .max))
                }
            case .command(.leaveCallHandlerSeat) where !floor:
                close(person, a.time, calls: true)
            case .dispatchSeat(let areas) where !floor:
                close(person, a.time, calls: false)
                if let areas {
                    for area in areas.isEmpty ? [nil] : areas.map({ Optional($0) }) {
                        spells.append(Spell(person: person, calls: false, area: .some(area), from: a.time, to: .max))
                    }
                }
            default: break
            }
        }
        for spell in spells where !trainees.contains(spell.person) { trainees.append(spell.person) }
    }

    /// Everyone (as "person:NAME") who dispatched `area` (nil: any) at some time in [from, to].
    private func dispatchers(_ area: Int?, _ from: SimTime, _ to: SimTime) -> Set<String> {
        Set(spells.filter { s in
            guard !s.calls, case .some(let a) = s.area, s.from <= to, s.to >= from else { return false }
            return a == nil || area == nil || a == area
        }.map { "person:" + $0.person })
    }

    // MARK: The night, from the events

    private struct Call {
        var number: Int64
        var script: Int
        var part: Int32
        var line: Line
        var rang: SimTime
        var taker: String?
        var answered: SimTime?
        var decider: String?
        var outcome: CallOutcome?
        var incident: Int64?
        var abandoned: SimTime?
        var rungBack: (at: SimTime, by: String)?
        var free: Set<String> = []
        /// Who could ring back: those free in a call-handling seat when the caller hung up (all
        /// busy: everyone seated).
        var seatedAtHangUp: Set<String> = []
        var stayedBy: String?
        var lineEnded: SimTime?
    }

    private struct Incident {
        var reference: Int64
        var callNumber: Int64
        var opened: SimTime
        var openedBy: String
        var firstGrade: Grade
        var place: Int32
        var placedBy: String
        var assisting: UnitIndex?
        var closed: SimTime?
        var closedBy: String?
        var closingType: Int32?
        var result: JobResult?
        var sends: [(unit: UnitIndex, at: SimTime, by: String, withdrawn: Bool, arrived: SimTime?)] = []
        var warned: [(unit: UnitIndex, by: String)] = []
        var regrades: [(grade: Grade, by: String, at: SimTime)] = []
        var assessed: (lines: [String], by: String)?
        var informed: [(agency: Agency, by: String)] = []
        var nobodyFound = false
        var welfare: [(due: SimTime, checked: SimTime?, by: String?)] = []
        var buttons: [(unit: UnitIndex, pressed: SimTime, acked: SimTime?, by: String?)] = []
    }

    private struct Button {
        var cue: Int
        var unit: UnitIndex
        var pressed: SimTime?
        var area: Int?
        var acked: SimTime?
        var ackedBy: String?
        var assistance: Int64?
    }

    public init(_ journal: AuditedJournal, end: SimTime) {
        seats(journal)
        let config = journal.config
        let script = config.script
        var calls: [Int64: Call] = [:]
        var callOf: [CallID: Int64] = [:]
        var incidents: [Int64: Incident] = [:]
        var referenceOf: [IncidentID: Int64] = [:]
        // The incident judged for each scripted call, and how it was made.
        var judgedIncident = [Int64?](repeating: nil, count: script.calls.count)
        var buttons: [Button] = script.cues.enumerated().compactMap { i, cue in
            if case .emergency(let unit) = cue.event { Button(cue: i, unit: unit) } else { nil }
        }
        // People's call-handling seats: who sits there, and the calls they hold (by number).
        var seatOwner: [HandlerIndex: String] = [:]
        var seatHolds: [HandlerIndex: Set<Int64>] = [:]
        var unitJob: [UnitIndex: Int64] = [:]
        // The job a unit was last sent to: where its welfare checks belong.
        var lastSent: [UnitIndex: Int64] = [:]
        var welfareOpen: [UnitIndex: (reference: Int64, index: Int)] = [:]
        var pressedOn: [UnitIndex: (reference: Int64, index: Int)] = [:]

        func about(_ k: Int, _ part: Int32) -> Int { part > 0 ? k : (script.calls[k].duplicateOf ?? k) }
        func free(_ line: Line) -> Set<String> {
            Set(seatOwner.compactMap { seat, owner in
                let held = (seatHolds[seat] ?? []).compactMap { calls[$0] ?? nil }
                let phones = held.filter { $0.line.isPhone }.count
                return (line.isPhone ? phones == 0 : held.count - phones < config.contactsAtOnce) ? owner : nil
            })
        }
        func release(_ number: Int64) {
            for seat in seatHolds.keys { seatHolds[seat]?.remove(number) }
        }

        for row in journal.events where row.time <= end {
            let t = row.time, actor = row.actor
            switch row.event {
            case let .personSeatedAsHandler(h):
                if actor.hasPrefix("person:") { seatOwner[h] = actor; seatHolds[h] = [] }
            case let .personLeftSeat(h):
                seatOwner[h] = nil; seatHolds[h] = nil
            case let .callArrived(id, number, line, draw):
                callOf[id] = number
                if draw.script >= 0 {
                    calls[number] = Call(number: number, script: Int(draw.script), part: draw.scriptPart, line: line, rang: t, free: free(line))
                }
            case let .callAnswered(id, h):
                guard let number = callOf[id] else { break }
                if actor.hasPrefix("engine:call-handler"), calls[number] != nil, calls[number]!.taker == nil {
                    calls[number]!.free.formUnion(free(calls[number]!.line))
                }
                if calls[number] != nil, calls[number]!.taker == nil { calls[number]!.taker = actor; calls[number]!.answered = t }
                if seatOwner[h] != nil { seatHolds[h, default: []].insert(number) }
            case let .rungBack(id, number, h, _):
                callOf[id] = number
                if calls[number] != nil { calls[number]!.rungBack = (t, actor) }
                if seatOwner[h] != nil { seatHolds[h, default: []].insert(number) }
            case let .callAbandoned(id):
                guard let number = callOf[id] else { break }
                release(number)
                if calls[number] != nil, calls[number]!.abandoned == nil {
                    calls[number]!.abandoned = t
                    // Those free to ring back when the caller hung up; all busy, everyone seated.
                    let idle = free(calls[number]!.line)
                    calls[number]!.seatedAtHangUp = idle.isEmpty ? Set(seatOwner.values) : idle
                }
            case let .callReturned(id, _):
                if let number = callOf[id] { release(number) }
            case let .stayedOnLine(id, _):
                if let number = callOf[id], calls[number] != nil { calls[number]!.stayedBy = actor }
            case let .callHandled(id, outcome, incident):
                guard let number = callOf[id] else { break }
                release(number)
                guard calls[number] != nil else { break }
                // A call stayed on ends when the handler ends it: the line, not a decision.
                if calls[number]!.stayedBy != nil { calls[number]!.lineEnded = t } else {
                    calls[number]!.decider = actor
                    calls[number]!.outcome = outcome
                }
                if let incident, let reference = referenceOf[incident] {
                    calls[number]!.incident = reference
                    let c = calls[number]!
                    if outcome == .duplicate, c.part == 0, script.calls[c.script].duplicateOf == nil, judgedIncident[c.script] == nil {
                        judgedIncident[c.script] = reference
                    }
                }
            case let .incidentCreated(id, o):
                referenceOf[id] = o.reference
                incidents[o.reference] = Incident(reference: o.reference, callNumber: o.callNumber, opened: t, openedBy: actor,
                                                  firstGrade: o.grade, place: o.place, placedBy: actor, assisting: o.assisting)
                if let officer = o.assisting {
                    if let b = buttons.firstIndex(where: { $0.unit == officer && $0.assistance == nil && $0.pressed != nil }) {
                        buttons[b].assistance = o.reference
                        buttons[b].area = config.places.indices.contains(Int(o.place)) ? config.places[Int(o.place)].area : nil
                    }
                } else if let c = calls[o.callNumber] {
                    calls[o.callNumber]!.incident = o.reference
                    let k = about(c.script, c.part)
                    if judgedIncident[k] == nil { judgedIncident[k] = o.reference }
                }
            case let .incidentAssessed(id, a):
                if let r = referenceOf[id], incidents[r]?.assessed == nil { incidents[r]!.assessed = (a.thrive, actor) }
            case let .agencyInformed(id, agency, _):
                if let r = referenceOf[id] { incidents[r]?.informed.append((agency, actor)) }
            case let .incidentRelocated(id, place):
                if let r = referenceOf[id] { incidents[r]?.place = place; incidents[r]?.placedBy = actor }
            case let .incidentRegraded(id, grade):
                if let r = referenceOf[id] { incidents[r]?.regrades.append((grade, actor, t)) }
            case let .warningsPassed(id, unit):
                if let r = referenceOf[id] { incidents[r]?.warned.append((unit, actor)) }
            case let .incidentClosed(id, closingType, result):
                if let r = referenceOf[id] {
                    incidents[r]?.closed = t; incidents[r]?.closedBy = actor
                    incidents[r]?.closingType = closingType; incidents[r]?.result = result
                }
            case let .incidentReopened(id, o):
                referenceOf[id] = o.reference
                incidents[o.reference]?.closed = nil
                incidents[o.reference]?.closedBy = nil
                incidents[o.reference]?.result = nil
            case let .unitAssigned(unit, id, _, _, _):
                if let r = referenceOf[id] { incidents[r]?.sends.append((unit, t, actor, false, nil)); unitJob[unit] = r; lastSent[unit] = r }
            case let .unitArrived(unit, id):
                if let r = referenceOf[id], let i = incidents[r]?.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) {
                    incidents[r]!.sends[i].arrived = t
                }
            case let .arrivalWithdrawn(unit, id, _):
                if let r = referenceOf[id], let i = incidents[r]?.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) {
                    incidents[r]!.sends[i].arrived = nil
                }
            case let .sendWithdrawn(unit, id):
                if let r = referenceOf[id], let i = incidents[r]?.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) {
                    incidents[r]!.sends[i].withdrawn = true
                }
                if let r = referenceOf[id], unitJob[unit] == r { unitJob[unit] = nil }
            case let .unitDetached(unit, _), let .unitStoodDown(unit, _), let .unitCleared(unit, _, _):
                unitJob[unit] = nil
            case let .welfareChecked(unit, next):
                if let (r, i) = welfareOpen.removeValue(forKey: unit) { incidents[r]!.welfare[i].checked = t; incidents[r]!.welfare[i].by = actor }
                if let r = lastSent[unit], incidents[r] != nil {
                    incidents[r]!.welfare.append((next, nil, nil))
                    welfareOpen[unit] = (r, incidents[r]!.welfare.count - 1)
                }
            case let .unitStatusChanged(unit, status) where status != .atScene && status != .emergency:
                if let (r, i) = welfareOpen.removeValue(forKey: unit), incidents[r]!.welfare[i].due > t { incidents[r]!.welfare[i].due = .max }
            case .radio(let transmission) where transmission.message == .nothingFound:
                if let id = transmission.incident, let r = referenceOf[id] { incidents[r]?.nobodyFound = true }
            case .radio(let transmission) where transmission.message == .urgentAssistance:
                let unit = transmission.unit
                if let id = transmission.incident, let r = referenceOf[id] {
                    incidents[r]?.buttons.append((unit, t, nil, nil))
                    pressedOn[unit] = (r, (incidents[r]?.buttons.count ?? 1) - 1)
                }
                if let b = buttons.firstIndex(where: { $0.unit == unit && $0.pressed == nil && (actor.hasPrefix("person:") || script.cues[$0.cue].at <= t) }) {
                    buttons[b].pressed = t
                    if let job = unitJob[unit], let place = incidents[job]?.place, config.places.indices.contains(Int(place)) {
                        buttons[b].area = config.places[Int(place)].area
                    }
                }
            case let .emergencyAcknowledged(unit):
                if let (r, i) = pressedOn.removeValue(forKey: unit) { incidents[r]!.buttons[i].acked = t; incidents[r]!.buttons[i].by = actor }
                if let b = buttons.firstIndex(where: { $0.unit == unit && $0.pressed != nil && $0.acked == nil }) {
                    buttons[b].acked = t; buttons[b].ackedBy = actor
                }
            default: break
            }
        }
        // Checks not yet due when the record ends are not owed.
        for (r, i) in welfareOpen.values where incidents[r]!.welfare[i].due > end { incidents[r]!.welfare[i].due = .max }
        for r in incidents.keys { incidents[r]!.welfare.removeAll { $0.due == .max } }

        let people = self.people.map { "person:" + $0 }
        for (k, spec) in script.calls.enumerated() where !spec.expect.isEmpty {
            let own = calls.values.filter { $0.script == k && $0.part == 0 && spec.duplicateOf == nil }.min { $0.rang < $1.rang }
            let incident = judgedIncident[k].flatMap { incidents[$0] }
            let further = calls.values.filter { c in c.number != own?.number && c.number != incident?.callNumber
                && about(c.script, c.part) == k && !(c.part == 0 && c.script == k) }
            for person in people {
                let verdicts = Self.judge(k, spec, own, incident, further, person: person, config: config, end: end,
                                          dispatchers: { self.dispatchers($0, $1, $2) })
                for (kind, verdict) in verdicts { judged[String(person.dropFirst(7)), default: [:]][Self.key(spec.name, kind)] = verdict }
            }
        }
        for button in buttons {
            let cue = script.cues[button.cue]
            let subject = "\(config.units[Int(button.unit)].callsign) emergency button"
            let responsible = button.pressed.map { dispatchers(button.area, $0, $0) } ?? []
            for person in people {
                var verdicts: [(String, Judgement)] = []
                func inTime(_ kind: String, _ within: SimTime, done: SimTime?, by: String?) {
                    let ok = done.flatMap { d in button.pressed.map { d - $0 <= within } } ?? false
                    let yours = responsible.contains(person)
                    verdicts.append((kind, Judgement(yours: yours, met: yours ? ok && by == person : ok)))
                }
                if let within = cue.assistWithin {
                    let first = button.assistance.flatMap { incidents[$0] }?.sends.first { !$0.withdrawn }
                    inTime("assistance", within, done: first?.at, by: first?.by)
                }
                if let within = cue.acknowledgeWithin { inTime("acknowledged", within, done: button.acked, by: button.ackedBy) }
                for (kind, verdict) in verdicts { judged[String(person.dropFirst(7)), default: [:]][Self.key(subject, kind)] = verdict }
            }
        }
    }

    /// One scripted call's expectations for one person: (kind, yours and met).
    private static func judge(_ k: Int, _ spec: ScriptedCall, _ own: Call?, _ incident: Incident?, _ further: [Call], person: String,
                              config: WorldConfig, end: SimTime,
                              dispatchers: (Int?, SimTime, SimTime) -> Set<String>) -> [(String, Judgement)] {
        let e = spec.expect
        var out: [(String, Judgement)] = []
        func verdict(_ kind: String, _ responsible: Set<String>, mine: Bool, anyone: Bool) {
            let yours = responsible.contains(person)
            out.append((kind, Judgement(yours: yours, met: yours ? mine : anyone)))
        }
        let isPerson = { (by: String?) in by?.hasPrefix("person:") ?? false }
        let taker = own?.taker
        let answerers: Set<String> = isPerson(taker) ? [taker!] : own?.free ?? []
        var makers = Set([incident?.openedBy, taker].compactMap { $0 }.filter { $0.hasPrefix("person:") })
        if makers.isEmpty { makers = own?.free ?? [] }
        let place = incident?.place ?? spec.place
        let area: Int? = config.places.indices.contains(Int(place)) ? config.places[Int(place)].area : nil
        let sends = incident?.sends.filter { !$0.withdrawn } ?? []
        // The audit's rule for dispatch: whoever dispatched the area while each thing was due
        // (from the incident's opening to when it was done, or its time ran out, or it closed);
        // with no incident, whoever should have made it, if they dispatched too.
        let closed = incident?.closed ?? end
        let rang = own?.rang ?? incident?.opened
        func desk(_ from: SimTime, _ to: SimTime) -> Set<String> { dispatchers(area, from, max(from, min(to, closed))) }
        var unmade: Set<String> = []
        if incident == nil, let rang {
            unmade = (isPerson(taker) ? [taker!] : own?.free ?? []).intersection(desk(rang, end))
        }
        func due(_ to: SimTime) -> Set<String> { incident.map { desk($0.opened, to) } ?? unmade }
        let firstSend = sends.map(\.at).min()
        let sentDesk = e.dispatchWithin.map { due(min(firstSend ?? .max, (rang ?? 0) + $0)) } ?? due(firstSend ?? closed)

        if let within = e.answeredWithin, let own {
            let ok = own.answered.map { $0 - own.rang <= within } ?? false
            verdict("answered", answerers, mine: ok && taker == person, anyone: ok)
        }
        if let within = e.rungBackWithin {
            if let gone = own?.abandoned {
                let back = own?.rungBack
                let ok = back.map { $0.at - gone <= within } ?? false
                // Everyone in a call-handling seat when the caller hung up could ring back.
                var could = own?.seatedAtHangUp ?? []
                if isPerson(back?.by) { could.insert(back!.by) }
                verdict("rung_back", could, mine: ok && back?.by == person, anyone: ok)
            } else {
                let first = own?.answered != nil
                verdict("rung_back", answerers, mine: first && taker == person, anyone: first)
            }
        }
        if let within = e.locatedWithin {
            let close = incident.map { i in
                let off = config.places.indices.contains(Int(i.place)) && config.places.indices.contains(Int(spec.place)) && i.place != spec.place
                    ? config.places[Int(i.place)].position.distance(to: config.places[Int(spec.place)].position) * 1000 : 0
                return off <= within && !i.nobodyFound
            } ?? false
            verdict("located", makers, mine: close && incident?.placedBy == person, anyone: close)
        }
        if let grade = e.grade {
            let ok = incident?.firstGrade == grade
            verdict("graded", makers, mine: ok && incident?.openedBy == person, anyone: ok)
        }
        if e.thriveRecorded {
            let lines = incident?.assessed.map { $0.lines + Array(repeating: "", count: max(0, 6 - $0.lines.count)) }
            let complete = lines.map { $0.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty } } ?? false
            verdict("thrive", makers, mine: complete && incident?.assessed?.by == person, anyone: complete)
        }
        if !e.informed.isEmpty {
            let told = incident?.informed ?? []
            let all = incident != nil && e.informed.allSatisfy { a in told.contains { $0.agency == a } }
            let mine = e.informed.allSatisfy { a in told.contains { $0.agency == a && $0.by == person } }
            verdict("informed", makers, mine: mine, anyone: all)
        }
        if e.duplicatesLinked {
            var responsible: Set<String> = [], count = 0, linked = 0, total = 0, allLinked = 0
            for call in further {
                let isLinked = incident != nil && call.outcome == .duplicate && call.incident == incident?.reference
                total += 1; if isLinked { allLinked += 1 }
                let theirs: Set<String> = isPerson(call.taker) ? [call.taker!] : call.free
                responsible.formUnion(theirs)
                if theirs.contains(person) { count += 1; if isLinked && call.taker == person { linked += 1 } }
            }
            verdict("linked", responsible, mine: count > 0 && linked == count, anyone: total > 0 && allLinked == total)
        }
        if e.stayedOnLine {
            let stayed = own?.stayedBy != nil
            let first = incident?.sends.filter { !$0.withdrawn }.compactMap(\.arrived).min()
            let kept = stayed && (own?.lineEnded == nil || (first.map { own!.lineEnded! >= $0 } ?? false))
            verdict("stayed_on_line", makers, mine: kept && own?.stayedBy == person, anyone: kept)
        }
        if e.noDeployment {
            let resolved = [.advice, .crimeReport, .transfer, .signposted, .rightCare].contains(own?.outcome) || incident?.firstGrade == .resolution
            let ok = resolved && sends.isEmpty
            verdict("no_deployment", answerers, mine: ok && own?.decider == person, anyone: ok)
        }
        if let within = e.dispatchWithin {
            let rang = own?.rang ?? incident?.opened
            let ok = sends.first.flatMap { s in rang.map { s.at - $0 <= within } } ?? false
            verdict("sent", sentDesk, mine: ok && sends.first?.by == person, anyone: ok)
        }
        if !e.skills.isEmpty {
            let with = sends.filter { config.units[Int($0.unit)].skills.isSuperset(of: e.skills) }
            verdict("skills", due(with.map(\.at).min() ?? closed), mine: with.contains { $0.by == person }, anyone: !with.isEmpty)
        }
        if e.warningsPassed {
            let attended = Set(sends.map(\.unit))
            let warned = Set(incident?.warned.map(\.unit) ?? [])
            let all = !attended.isEmpty && attended.isSubset(of: warned)
            let by = incident?.warned.map(\.by) ?? []
            let warners = sends.isEmpty ? sentDesk : Set(sends.flatMap { desk($0.at, $0.at) })
            verdict("warnings", warners, mine: all && by.contains(person) && by.allSatisfy { $0 == person }, anyone: all)
        }
        if e.welfareKept {
            let checks = incident?.welfare ?? []
            func kept(_ c: (due: SimTime, checked: SimTime?, by: String?)) -> Bool { c.checked.map { $0 <= c.due + Clock.minute } ?? false }
            let mine = checks.filter { c in dispatchers(area, c.due, c.due).contains(person) }
            verdict("welfare", Set(checks.flatMap { desk($0.due, $0.due) }), mine: !mine.isEmpty && mine.allSatisfy { kept($0) && $0.by == person },
                    anyone: !checks.isEmpty && checks.allSatisfy(kept))
        }
        if let grade = e.regradedTo {
            let to = incident?.regrades.filter { $0.grade == grade } ?? []
            verdict("regraded", due(to.first?.at ?? closed), mine: to.contains { $0.by == person }, anyone: !to.isEmpty)
        }
        if let within = e.emergencyAcknowledgedWithin, let buttons = incident?.buttons, !buttons.isEmpty {
            let ok = buttons.allSatisfy { b in b.acked.map { $0 - b.pressed <= within } ?? false }
            let by = Set(buttons.compactMap(\.by))
            verdict("emergency_on_job", Set(buttons.flatMap { desk($0.pressed, $0.pressed) }), mine: ok && by == [person], anyone: ok)
        }
        let closers: Set<String> = e.noDeployment ? answerers : []
        if let type = e.closingType {
            let ok = incident?.closingType == type
            verdict("closing_type", closers, mine: ok && incident?.closedBy == person, anyone: ok)
        }
        if let result = e.result {
            let ok = incident?.result == result
            verdict("result", closers, mine: ok && incident?.closedBy == person, anyone: ok)
        }
        return out
    }
}
