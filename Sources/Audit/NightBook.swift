import DispatchEngine

/// The audit's own book of a night, kept from the journal's raw events in order: every call and
/// incident as facts with times and who did them. Written apart from `Statistics`, the read
/// model and the debrief, with its own rules stated here once, so that where they disagree with
/// it one of the two is wrong and the audit says which figure.
///
/// The rules (docs/report.md, "Where each figure comes from"):
/// - an incident's target is its opening time plus the target of its grade at the moment
///   judged, urban or rural by where it is then;
/// - it is attended when its first unit still counted (a send not withdrawn) reached it; it
///   met its target if that was by the target; once its target passes while it is open and
///   nobody has reached it, it has missed, from that moment, and a later re-grade does not
///   change that (it stays missed under the grade it missed under);
/// - only an incident's first life is judged (a reopened one was judged when it first opened),
///   and an officer's urgent assistance is judged apart from the grades;
/// - a caller is judged on the 10 seconds once answered, gone, or ringing 10 s or more.
public final class NightBook {
    public struct Send: Equatable {
        public var unit: UnitIndex
        public var at: SimTime
        public var by: String
        /// Taken back as a mistake (undone): as if never sent.
        public var withdrawn = false
        /// Diverted here from another job.
        public var diverted = false
    }

    public struct Arrival: Equatable {
        public var unit: UnitIndex
        public var at: SimTime
        public var withdrawn = false
        /// How it was judged when it happened: the grade, and whether by the target.
        public var grade: Grade = .immediate
        public var met = false
    }

    public struct IncidentFacts {
        public var reference: Int64
        public var openedAt: SimTime
        public var line: Line
        public var callNumber: Int64
        public var type: Int32
        public var firstGrade: Grade
        public var grade: Grade
        public var place: Int32
        /// Where it was placed, from when (the first at opening).
        public var places: [(at: SimTime, place: Int32)] = []
        /// Re-graded after its target passed with nobody there: the grade it missed under.
        public var missedUnder: Grade?
        /// When its current life began (its opening, or its reopening) and when its first life
        /// ended (its first close).
        public var lifeStart: SimTime = 0
        public var firstClosedAt: SimTime?
        /// When it was first stacked (waiting with nobody free).
        public var stackedAt: SimTime?
        public var assisting: UnitIndex?
        public var openedBy: String
        /// Grades given after opening, with when.
        public var regrades: [(at: SimTime, grade: Grade)] = []
        public var sends: [Send] = []
        /// Units that reached it; an arrival on a send later withdrawn is marked so.
        public var arrivals: [Arrival] = []
        public var results: [(unit: UnitIndex, at: SimTime, result: JobResult)] = []
        public var warned: [UnitIndex] = []
        public var duplicates = 0
        public var stacked = false
        public var closedAt: SimTime?
        public var closingType: Int32?
        public var result: JobResult?
        public var closedBy: String?
        /// Opened again after closing: its second life is not judged again.
        public var reopenedAt: SimTime?
        public var closes = 0
        /// Joined to another incident as its duplicate (that one's reference), and when.
        public var linkedInto: Int64?
        public var linkedAt: SimTime?
        /// Its first life ended closed as a duplicate, at this time: from then on it is not judged.
        public var duplicateAt: SimTime?

        /// The grade it had at `time`.
        public func grade(at time: SimTime) -> Grade {
            regrades.last { $0.at <= time }?.grade ?? firstGrade
        }
        /// Where it was at `time`.
        public func place(at time: SimTime) -> Int32 {
            places.last { $0.at <= time }?.place ?? place
        }
        /// The first arrival still counted, with how it was judged.
        public var firstCountedArrival: Arrival? { arrivals.filter { !$0.withdrawn }.min { $0.at < $1.at } }
        /// Units sent and not withdrawn, in the order sent.
        public var unitsSent: [UnitIndex] { sends.filter { !$0.withdrawn }.map(\.unit) }
        /// The first send still counted.
        public var firstSent: Send? { sends.first { !$0.withdrawn } }
        /// The first arrival of a unit whose send still counts (an arrival by a withdrawn send
        /// never happened as far as the record goes).
        public var firstArrival: SimTime? { arrivals.filter { !$0.withdrawn }.map(\.at).min() }
    }

    public struct CallFacts {
        public var number: Int64
        public var line: Line
        public var rangAt: SimTime
        public var silent: Bool
        public var answeredAt: SimTime?
        /// Who answered it: "engine:call-handler-N" or "person:NAME".
        public var answeredBy: String?
        public var abandonedAt: SimTime?
        public var endedAt: SimTime?
        public var outcome: CallOutcome?
        public var incident: Int64?
        public var decidedBy: String?
        public var rungBackAt: SimTime?
        public var rungBackBy: String?
        /// Everyone who held it, and how often it went back to the queue (a console lost).
        public var heldBy: [String] = []
        public var returned = 0
        /// Waiting in a queue now (ringing, or back in the queue), not with a handler nor gone.
        public var waiting = true
    }

    public let config: WorldConfig
    public private(set) var incidents: [Int64: IncidentFacts] = [:]
    public private(set) var incidentOrder: [Int64] = []
    public private(set) var calls: [Int64: CallFacts] = [:]
    public private(set) var callOrder: [Int64] = []
    public private(set) var now: SimTime = 0

    /// Live handles to what they stand for (the engine reuses slots).
    private var callNumber: [CallID: Int64] = [:]
    private var incidentReference: [IncidentID: Int64] = [:]
    private var unitStatus: [UnitStatus]
    /// Since when each unit has been in its status (for time on duty, committed, on a break).
    private var unitStatusSince: [SimTime]
    /// Per unit kind (by name): milliseconds on duty, committed and on refreshments, counted up to
    /// each unit's last change of status (`unitTime(at:)` adds the time in the status now).
    private var kindTime: [String: (onDuty: SimTime, committed: SimTime, refreshments: SimTime)] = [:]
    private var unitShiftStart: [SimTime?]
    private var refsOwed: [Bool]
    /// A unit just taken off a job: its next send is a divert.
    private var detachedJustNow: UnitIndex?

    // Counters the report states.
    public private(set) var transmissions = 0
    public private(set) var backupRequests = 0
    public private(set) var emergencies = 0
    public private(set) var prisoners = 0
    public private(set) var diversions = 0
    public private(set) var breaksOwed = 0
    public private(set) var breaksStarted = 0
    /// Breaks started more than six hours into the shift (Police Regulations: ideally between
    /// the third and the sixth hour).
    public private(set) var breaksLate = 0
    public private(set) var breaksInterrupted = 0
    public private(set) var breaksMissed = 0
    public private(set) var callbacksListed = 0
    public private(set) var rungBack = 0

    public init(config: WorldConfig) {
        self.config = config
        unitStatus = Array(repeating: .offDuty, count: config.units.count)
        unitStatusSince = Array(repeating: 0, count: config.units.count)
        unitShiftStart = Array(repeating: nil, count: config.units.count)
        refsOwed = Array(repeating: false, count: config.units.count)
    }

    /// Whether a place is in a rural area (a world without a map is urban).
    func rural(_ place: Int32) -> Bool {
        guard config.places.indices.contains(Int(place)) else { return false }
        let area = config.places[Int(place)].area
        return config.areas.indices.contains(area) && config.areas[area].rural
    }

    /// The target time of an incident judged at `time` (nil: its grade has none): its grade and
    /// where it was then, from its opening.
    public func target(_ i: IncidentFacts, at time: SimTime) -> SimTime? {
        target(i, grade: i.grade(at: time), place: i.place(at: time), from: i.openedAt)
    }

    func target(_ i: IncidentFacts, grade: Grade, place: Int32, from start: SimTime) -> SimTime? {
        if i.assisting != nil { return nil }
        let t = config.targets
        let span: SimTime?
        switch grade {
        case .immediate: span = rural(place) ? t.immediateRural : t.immediateUrban
        case .priority: span = t.priority
        case .scheduled: span = t.scheduled
        case .resolution: span = nil
        }
        return span.map { start + $0 }
    }

    /// The deadline of its current life now (a reopened incident's from its reopening): what
    /// makes it overdue on the list.
    public func deadline(_ i: IncidentFacts) -> SimTime? {
        target(i, grade: i.grade, place: i.place, from: i.lifeStart)
    }

    /// Time in a status, from the warm-up's end: on duty unless off duty; committed when en route,
    /// at scene, in an emergency, with a prisoner, committed or at court; or on a break.
    private func time(in status: UnitStatus, from: SimTime, to: SimTime) -> (onDuty: SimTime, committed: SimTime, refreshments: SimTime) {
        let span = to - max(from, config.warmUp)
        guard status != .offDuty, span > 0 else { return (0, 0, 0) }
        switch status {
        case .enRoute, .atScene, .emergency, .prisonerEscort, .committedDeployable, .committedNotDeployable, .atCourt: return (span, span, 0)
        case .refreshments: return (span, 0, span)
        default: return (span, 0, 0)
        }
    }

    private func spend(_ unit: UnitIndex, _ status: UnitStatus, from: SimTime, to: SimTime) {
        let t = time(in: status, from: from, to: to)
        let kind = config.units[Int(unit)].kind.rawValue
        var total = kindTime[kind] ?? (0, 0, 0)
        total.onDuty += t.onDuty; total.committed += t.committed; total.refreshments += t.refreshments
        kindTime[kind] = total
    }

    /// Each unit kind's time on duty, committed and on a break up to `end`.
    public func unitTime(at end: SimTime) -> [String: (onDuty: SimTime, committed: SimTime, refreshments: SimTime)] {
        var out = kindTime
        for u in config.units.indices {
            let t = time(in: unitStatus[u], from: unitStatusSince[u], to: end)
            var total = out[config.units[u].kind.rawValue] ?? (0, 0, 0)
            total.onDuty += t.onDuty; total.committed += t.committed; total.refreshments += t.refreshments
            out[config.units[u].kind.rawValue] = total
        }
        return out
    }

    /// Reads one event, as recorded at `time` by `actor`.
    public func read(_ event: Event, at time: SimTime, actor: String) {
        now = time
        // Before the warm-up's end nothing is counted (who is on duty is still followed).
        let counting = time >= config.warmUp
        func incident(_ id: IncidentID, _ change: (inout IncidentFacts) -> Void) {
            guard let reference = incidentReference[id], var facts = incidents[reference] else { return }
            change(&facts)
            incidents[reference] = facts
        }
        func call(_ id: CallID, _ change: (inout CallFacts) -> Void) {
            guard let number = callNumber[id], var facts = calls[number] else { return }
            change(&facts)
            calls[number] = facts
        }
        switch event {
        case let .callArrived(id, number, line, draw):
            callNumber[id] = number
            calls[number] = CallFacts(number: number, line: line, rangAt: time, silent: draw.silent)
            callOrder.append(number)
        case let .callAnswered(id, _):
            // The first answer is the call's; whoever answers last holds it.
            call(id) { $0.answeredAt = $0.answeredAt ?? time; $0.answeredBy = actor; $0.heldBy.append(actor); $0.waiting = false }
        case let .callReturned(id, _):
            // A ring back cut off goes back on the callback list: it was not rung back after all.
            if let number = callNumber[id], let c = calls[number], c.abandonedAt != nil, c.rungBackAt != nil {
                if c.rangAt >= config.warmUp { rungBack -= 1 }
                calls[number]?.rungBackAt = nil
                calls[number]?.rungBackBy = nil
                callNumber[id] = nil
            } else {
                call(id) { $0.returned += 1; $0.waiting = true }
            }
        case let .callAbandoned(id):
            call(id) { $0.abandonedAt = time; $0.endedAt = time; $0.waiting = false }
            if let number = callNumber[id], let c = calls[number], c.line == .emergency, config.ringBackAbandoned, c.rangAt >= config.warmUp {
                callbacksListed += 1
            }
            callNumber[id] = nil
        case let .rungBack(id, number, _, _):
            callNumber[id] = number
            if (calls[number]?.rangAt ?? 0) >= config.warmUp { rungBack += 1 }
            if var facts = calls[number] { facts.rungBackAt = time; facts.rungBackBy = actor; calls[number] = facts }
        case let .callHandled(id, outcome, incidentID):
            let reference = incidentID.flatMap { incidentReference[$0] }
            call(id) { c in
                c.waiting = false
                if c.rungBackAt == nil { c.endedAt = time }
                c.outcome = outcome
                c.decidedBy = actor
                c.incident = reference ?? c.incident
            }
            if outcome == .duplicate, let incidentID { incident(incidentID) { $0.duplicates += 1 } }
            callNumber[id] = nil
        case let .incidentCreated(id, o):
            incidentReference[id] = o.reference
            incidents[o.reference] = IncidentFacts(reference: o.reference, openedAt: time, line: o.line, callNumber: o.callNumber,
                                                   type: o.type, firstGrade: o.grade, grade: o.grade, place: o.place,
                                                   places: [(time, o.place)], lifeStart: time, assisting: o.assisting, openedBy: actor)
            incidentOrder.append(o.reference)
            // The call is still with its handler: it made this incident.
            if o.assisting == nil, var c = calls[o.callNumber] { c.incident = o.reference; calls[o.callNumber] = c }
        case let .incidentReopened(id, o):
            incidentReference[id] = o.reference
            if var facts = incidents[o.reference] {
                facts.reopenedAt = facts.reopenedAt ?? time
                facts.closedAt = nil
                // Open again: no result until it closes again.
                facts.result = nil
                facts.grade = o.grade
                facts.regrades.append((time, o.grade))
                facts.place = o.place
                facts.places.append((time, o.place))
                facts.lifeStart = time
                incidents[o.reference] = facts
            }
        case let .incidentRegraded(id, grade):
            incident(id) { i in
                // Past its target with nobody there: missed, under the grade it had.
                if i.missedUnder == nil, i.reopenedAt == nil, i.firstCountedArrival == nil,
                   let t = target(i, at: time), time > t { i.missedUnder = i.grade }
                i.grade = grade
                i.regrades.append((time, grade))
            }
        case let .incidentRelocated(id, place):
            incident(id) { $0.place = place; $0.places.append((time, place)) }
        case let .incidentLinked(id, kept):
            // Every caller of the duplicate (the first and any linked to it) counts on the kept one.
            guard let into = incidentReference[kept], let callers = incidentReference[id].flatMap({ incidents[$0]?.duplicates }) else { break }
            incident(id) { $0.linkedInto = into; $0.linkedAt = time }
            incident(kept) { $0.duplicates += callers + 1 }
        case let .incidentStacked(id, _):
            incident(id) { $0.stacked = true; $0.stackedAt = $0.stackedAt ?? time }
        case let .unitArrived(unit, id):
            incident(id) { i in
                let grade = i.missedUnder ?? i.grade(at: time)
                let met = i.missedUnder == nil && (target(i, at: time).map { time <= $0 } ?? false)
                i.arrivals.append(Arrival(unit: unit, at: time, grade: grade, met: met))
            }
        case let .sendWithdrawn(unit, id):
            // Undone: the unit's latest send, and any arrival it made, never counted.
            incident(id) { i in
                guard let k = i.sends.lastIndex(where: { $0.unit == unit && !$0.withdrawn }) else { return }
                i.sends[k].withdrawn = true
                for a in i.arrivals.indices where i.arrivals[a].unit == unit && i.arrivals[a].at >= i.sends[k].at {
                    i.arrivals[a].withdrawn = true
                }
            }
        case let .arrivalWithdrawn(unit, id, _):
            // Its arrival on its latest send, if it had one (a booking made early had none).
            incident(id) { i in
                guard let sent = i.sends.last(where: { $0.unit == unit && !$0.withdrawn })?.at else { return }
                if let a = i.arrivals.lastIndex(where: { $0.unit == unit && !$0.withdrawn && $0.at >= sent }) { i.arrivals[a].withdrawn = true }
            }
        case let .unitCleared(unit, id, result):
            incident(id) { $0.results.append((unit, time, result)) }
        case let .warningsPassed(id, unit):
            incident(id) { if !$0.warned.contains(unit) { $0.warned.append(unit) } }
        case let .incidentClosed(id, closingType, result):
            incident(id) { i in
                if i.firstClosedAt == nil && result == .duplicate { i.duplicateAt = time }
                i.closedAt = time; i.closingType = closingType; i.result = result; i.closedBy = actor; i.closes += 1
                i.firstClosedAt = i.firstClosedAt ?? time
            }
            incidentReference[id] = nil
        case let .unitAssigned(unit, id, _, _, _):
            let diverted = detachedJustNow == unit
            detachedJustNow = nil
            incident(id) { $0.sends.append(Send(unit: unit, at: time, by: actor, diverted: diverted)) }
        case .unitDetached(let unit, _):
            if counting { diversions += 1 }
            detachedJustNow = unit
        case let .unitStatusChanged(unit, status):
            let was = unitStatus[Int(unit)]
            spend(unit, was, from: unitStatusSince[Int(unit)], to: time)
            unitStatus[Int(unit)] = status
            unitStatusSince[Int(unit)] = time
            guard counting else { break }
            if status == .emergency && was != .emergency { emergencies += 1 }
            if status == .prisonerEscort { prisoners += 1 }
            if status == .refreshments && was != .refreshments {
                breaksStarted += 1
                if let start = unitShiftStart[Int(unit)], time - start > 6 * Clock.hour { breaksLate += 1 }
            }
        case let .unitShiftStarted(unit, endsAt, refs, _):
            // The shift began its length before it ends (a unit on duty when the run starts began
            // its shift before the run did).
            let length = config.units[Int(unit)].shift?.length
            unitShiftStart[Int(unit)] = length.map { endsAt - $0 } ?? time
            if refs > 0 { refsOwed[Int(unit)] = true; if counting { breaksOwed += 1 } }
        case let .unitShiftEnded(unit):
            if refsOwed[Int(unit)] && counting { breaksMissed += 1 }
            refsOwed[Int(unit)] = false
        case let .refreshmentsTaken(unit):
            refsOwed[Int(unit)] = false
        case let .refreshmentsInterrupted(unit, owed):
            if counting { breaksInterrupted += 1 }
            refsOwed[Int(unit)] = owed > 0
        case let .radio(t):
            guard counting else { break }
            transmissions += 1
            if t.message == .backupRequested { backupRequests += 1 }
        default:
            break
        }
    }
}
