import Histogram

/// The figures of a run, streamed from the events: nothing is kept per call or per incident, so
/// memory does not grow with the length of the run.
public struct Statistics: Sendable {
    public struct LineFigures: Sendable {
        public var offered = 0
        public var answered = 0
        public var abandoned = 0
        /// Answered within 10 s of ringing (the 999 standard is 90% of calls).
        public var answeredWithin10s = 0
        /// Published bands of answered calls: under 10 s, 10-60 s, over 60 s.
        public var band10to60 = 0
        public var bandOver60 = 0
        public var answerTime = Durations()
        /// By `CallOutcome` (ten of them), inline: counted on every call.
        public var outcomes = InlineArray<10, Int>(repeating: 0)
        public var silent = 0
        /// Still ringing when the run ended: not answered within 10 s either.
        public var ringingAtEnd = 0
        /// Callers who waited at all (answered after ringing, hung up, or still ringing at the
        /// end), and the milliseconds every caller waited (a caller who hung up, until then).
        public var waited = 0
        public var waitTotal: Double = 0
        /// Answered (a digital contact: first replied to) within the line's standard.
        public var withinStandard = 0
        /// Answered within each of the scenario's service levels (`WorldConfig.serviceLevels`).
        public var withinLevel = InlineArray<4, Int>(repeating: 0)
        /// The mean wait over every caller, in milliseconds.
        public var meanWaitAllCallers: Double? { callers == 0 ? nil : waitTotal / Double(callers) }
        /// Every caller: answered, hung up, and still ringing at the end.
        public var callers: Int { answered + abandoned + ringingAtEnd }
        /// Still ringing at the end and already past the line's mark: 10 s on the phones, the
        /// standard for a chat, an e-mail or a report. One ringing 3 s at the end is not judged.
        public var ringingPastAtEnd = 0
        /// The callers the 10-second (or standard) figure is of: answered, hung up, or ringing past it.
        public var judged: Int { answered + abandoned + ringingPastAtEnd }
    }

    public struct GradeFigures: Sendable {
        public var created = 0
        /// Incidents whose first unit reached the scene.
        public var attended = 0
        public var attendedWithinTarget = 0
        /// Still unattended at the end of the run with the target already missed.
        public var unattendedPastTarget = 0
        public var attendance = Durations()
    }

    public struct KindFigures: Sendable {
        public var units = 0
        /// Milliseconds on duty, and of those committed to jobs (en route, at scene, emergency,
        /// prisoner) and on refreshments.
        public var onDuty: SimTime = 0
        public var committed: SimTime = 0
        public var refreshments: SimTime = 0
    }

    // Fixed-size and inline (no copy-on-write check on every count): 999 and 101, grades 1-4,
    // the unit kinds.
    public private(set) var lines = InlineArray<5, LineFigures>(repeating: LineFigures())
    /// Each line's standard (SimTime.max: none), read on every answer.
    private var standards = InlineArray<5, SimTime>(repeating: .max)
    /// One handler holds this many digital contacts at once: each counts for that share of them.
    private let contactsAtOnce: Int
    public private(set) var grades = InlineArray<4, GradeFigures>(repeating: GradeFigures())
    /// The same for incidents at places in urban and in rural areas (without a map, all urban).
    public private(set) var urban = InlineArray<4, GradeFigures>(repeating: GradeFigures())
    public private(set) var rural = InlineArray<4, GradeFigures>(repeating: GradeFigures())
    /// Incidents created, [type][grade - 1].
    public private(set) var incidentsByType: [InlineArray<4, Int>]
    public private(set) var incidentsClosed = 0
    public private(set) var reclassified = 0
    /// Incidents joined to the incident they duplicate (`:link`).
    public private(set) var incidentsLinked = 0
    public private(set) var duplicatesLinked = 0
    /// Incidents that found nobody free when they needed units.
    public private(set) var stacked = 0
    /// From creation to first unit assigned, for incidents that were stacked.
    public private(set) var stackedTime = Durations()
    /// The time to first send recorded for each open incident (stacked, or an officer's
    /// emergency), by its slot (-1: none): what a withdrawn first send takes back.
    private var firstSendSamples: [SimTime] = []
    public private(set) var stillStackedAtEnd = 0
    public private(set) var oldestStackedAtEnd: SimTime = 0
    public private(set) var kinds = InlineArray<6, KindFigures>(repeating: KindFigures())
    public private(set) var transmissions = 0
    public private(set) var emergencies = 0
    /// From the emergency button to a person acknowledging it.
    public private(set) var emergencyAcknowledgement = Durations()
    /// Officers' emergencies raised as urgent assistance, and from the button to the first unit
    /// sent and the first unit with the officer.
    public private(set) var urgentAssistance = 0
    public private(set) var assistanceAssigned = Durations()
    public private(set) var assistanceArrived = Durations()
    /// Refreshment breaks: shifts owed one, breaks started (a resumed one again), started after
    /// the shift's sixth hour (Police Regulations: ideally between the 3rd and the 6th), called
    /// off for an emergency, and still owed when the shift ended.
    public private(set) var breaksOwed = 0
    public private(set) var breaksStarted = 0
    public private(set) var breaksLate = 0
    public private(set) var breaksInterrupted = 0
    public private(set) var breaksMissed = 0
    /// Abandoned 999 calls: put on the callback list, rung back (and how soon after the caller
    /// hung up), and how the ring back ended: nobody answered, made by accident, or genuine.
    public private(set) var callbacksListed = 0
    public private(set) var rungBack = 0
    public private(set) var ringBackDelay = Durations()
    public private(set) var ringBackNoAnswer = 0
    public private(set) var ringBackAccidental = 0
    public private(set) var ringBackGenuine = 0
    public private(set) var callbacksWaitingAtEnd = 0
    public private(set) var backupRequests = 0
    public private(set) var prisoners = 0
    public private(set) var diversions = 0
    /// Calls handled by each handler who handled any, sorted (filled by `finish`).
    public private(set) var callsPerHandler: [Int] = []
    public private(set) var callsWaitingAtEnd = 0
    public private(set) var contactsWaitingAtEnd = 0
    public private(set) var incidentsOpenAtEnd = 0
    public private(set) var simulatedTime: SimTime = 0
    public private(set) var finished = false
    /// Call handlers: milliseconds on calls and on duty (their utilisation is the ratio).
    public private(set) var handlerBusy: SimTime = 0
    public private(set) var handlerOnDuty: SimTime = 0
    public var handlerUtilisation: Double? { handlerOnDuty == 0 ? nil : Double(handlerBusy) / Double(handlerOnDuty) }
    private var handlerOnSince: [SimTime?] = []
    /// The answer times the report gives shares for (at most four).
    public let serviceLevels: [SimTime]
    /// Figures count from here: the end of the warm-up.
    public let since: SimTime
    /// Each unit's kind (as `kinds`' index), read on every change of status.
    private let kindOfUnit: [Int]
    /// Whether each place is in a rural area.
    private let placeRural: [Bool]

    public init(config: WorldConfig) {
        precondition(CallOutcome.allCases.count == 10 && UnitKind.allCases.count == 6 && Grade.allCases.count == 4)
        incidentsByType = Array(repeating: InlineArray(repeating: 0), count: config.incidentTypes.count)
        for unit in config.units { kinds[unit.kind.index].units += 1 }
        kindOfUnit = config.units.map(\.kind.index)
        placeRural = config.places.map { config.areas.indices.contains($0.area) && config.areas[$0.area].rural }
        serviceLevels = Array(config.serviceLevels.prefix(4))
        for line in Line.allCases { standards[line.rawValue] = config.standard(for: line) ?? .max }
        contactsAtOnce = max(config.contactsAtOnce, 1)
        since = config.warmUp
    }

    private func isRural(_ place: Int32) -> Bool { !placeRural.isEmpty && placeRural[Int(place)] }

    /// Counts into the grade's figures and its area's (urban or rural).
    @inline(__always) private mutating func both(_ grade: Int, _ place: Int32, _ change: (inout GradeFigures) -> Void) {
        change(&grades[grade])
        if isRural(place) { change(&rural[grade]) } else { change(&urban[grade]) }
    }

    /// Takes in an event before the world applies it, so the world still shows the moment before.
    /// With a warm-up, only calls and incidents that began after it count, and time is counted
    /// from it (the run's start-up is left out).
    @inline(__always) public mutating func observe(_ event: Event, world: World) {
        let now = world.now
        if now < since { warmingUp(event, world: world); return }
        switch event {
        case let .callArrived(_, _, line, draw):
            countedArrival(line, draw)
        case let .callReturned(id, _):
            // The handler's time on it so far; answered again, it is not a new answer. A ring
            // back cut off goes back on the callback list: rung back again, it counts once.
            let call = world.calls[id.slot]
            if call.answeredAt >= 0 { handlerBusy += busy(call, until: now) }
            if call.ringBack && call.arrivedAt >= since {
                rungBack -= 1
                ringBackDelay.remove(call.calledBackAt - call.abandonedAt)
            }
        case let .callAnswered(id, _):
            countedAnswer(id, world: world)
        case let .callAbandoned(id):
            let call = world.calls[id.slot]
            guard call.arrivedAt >= since else { break }
            let l = call.line.rawValue
            lines[l].abandoned += 1
            lines[l].waited += 1
            lines[l].waitTotal += Double(now - call.arrivedAt)
            if call.line == .emergency && world.config.ringBackAbandoned { callbacksListed += 1 }
        case let .rungBack(_, number, _, _):
            guard let callback = world.callbacks.first(where: { $0.number == number }), callback.rangAt >= since else { break }
            rungBack += 1
            ringBackDelay.record(now - callback.abandonedAt)
        case let .callHandled(id, outcome, _):
            countedHandling(id, outcome, world: world)
        case let .handlerSignedOn(h), let .personSeatedAsHandler(h):
            handlerOn(h, at: now)
        case let .handlerSignedOff(h), let .personLeftSeat(h):
            handlerOff(h, at: now)
        case let .incidentCreated(_, opening):
            countedOpening(opening)
        case let .incidentStacked(id, _):
            if !world.incidents[id.slot].stacked && world.incidents[id.slot].createdAt >= since { stacked += 1 }
        case let .emergencyAcknowledged(u):
            if let pending = world.pendingEmergencies.first(where: { $0.unit == u }), pending.since >= since {
                emergencyAcknowledgement.record(now - pending.since)
            }
        case let .incidentLinked(id, _):
            if world.incidents[id.slot].createdAt >= since { incidentsLinked += 1 }
        case let .incidentClosed(id, closingType, result):
            countedClosing(id, closingType, result, world: world)
        case let .unitAssigned(_, id, _, _, _):
            countedSend(id, world: world)
        case .unitDetached:
            diversions += 1
        case let .unitArrived(_, id):
            countedAttendance(id, world: world)
        case let .sendWithdrawn(u, id):
            // As if never sent: a diversion it was is not counted, and the incident's attendance
            // is what its other units made it.
            let visits = world.visits(of: id)
            if let k = visits.lastIndex(where: { $0.unit == u }) {
                if visits[k].divertedFrom != nil { diversions -= 1 }
                var left = visits
                left.remove(at: k)
                let incident = world.incidents[id.slot]
                // The first send withdrawn: its time to first send (stacked, or to an officer's
                // emergency) is the next send's, if any.
                let s = Int(id.slot)
                if visits[k].sentAt == incident.firstAssignedAt, s < firstSendSamples.count, firstSendSamples[s] >= 0 {
                    let sample = firstSendSamples[s]
                    let next = left.map(\.sentAt).min().map { $0 - incident.createdAt }
                    if incident.assisting != nil { assistanceAssigned.remove(sample); if let next { assistanceAssigned.record(next) } }
                    else { stackedTime.remove(sample); if let next { stackedTime.record(next) } }
                    firstSendSamples[s] = next ?? -1
                }
                reattend(incident, now: left.filter { $0.arrivedAt >= 0 }.min { $0.arrivedAt < $1.arrivedAt })
            }
        case let .arrivalWithdrawn(u, id, _):
            var left = world.visits(of: id)
            if let k = left.lastIndex(where: { $0.unit == u }) { left[k].arrivedAt = -1 }
            reattend(world.incidents[id.slot], now: left.filter { $0.arrivedAt >= 0 }.min { $0.arrivedAt < $1.arrivedAt })
        case let .unitStatusChanged(u, status):
            countedStatus(u, status, world: world)
        case let .unitShiftStarted(_, _, refs, _):
            if refs > 0 { breaksOwed += 1 }
        case let .unitShiftEnded(u):
            if world.units[Int(u)].refsOwed > 0 { breaksMissed += 1 }
        case .refreshmentsInterrupted:
            breaksInterrupted += 1
        case let .radio(transmission):
            countedTransmission(transmission)
        default:
            break
        }
    }

    /// An incident's first arrival changed by a withdrawal: its attendance counted again as if
    /// the withdrawn arrival had never been (`first`: the arrival that now comes first, if any).
    private mutating func sample(_ id: IncidentID, _ value: SimTime) {
        while firstSendSamples.count <= Int(id.slot) { firstSendSamples.append(-1) }
        firstSendSamples[Int(id.slot)] = value
    }

    /// Each judged as it was when it happened: the grade and whether it met the target then.
    private mutating func reattend(_ incident: Incident, now first: Visit?) {
        guard incident.createdAt >= since, !incident.reopened, incident.firstArrivedAt >= 0,
              first?.arrivedAt != incident.firstArrivedAt else { return }
        let old = incident.firstArrivedAt
        if incident.assisting != nil {
            assistanceArrived.remove(old - incident.createdAt)
            if let first { assistanceArrived.record(first.arrivedAt - incident.createdAt) }
            return
        }
        both(Int(incident.judgedGrade) - 1, incident.place) { f in
            f.attended -= 1
            f.attendance.remove(old - incident.createdAt)
            if incident.judgedMet { f.attendedWithinTarget -= 1 }
        }
        if let first {
            both(Int(first.arrivedGrade) - 1, incident.place) { f in
                f.attended += 1
                f.attendance.record(first.arrivedAt - incident.createdAt)
                if first.arrivedMet { f.attendedWithinTarget += 1 }
            }
        }
    }

    /// A call rang after the warm-up.
    @inline(__always) private mutating func countedArrival(_ line: Line, _ draw: CallDraw) {
        lines[line.rawValue].offered += 1
        if draw.silent { lines[line.rawValue].silent += 1 }
    }

    /// What `observe` does with `.callArrived`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func arrived(_ line: Line, _ draw: CallDraw, world: World) {
        if world.now >= since { countedArrival(line, draw) }
    }

    /// A call answered: how long its caller waited.
    @inline(__always) private mutating func countedAnswer(_ id: CallID, world: World) {
        let now = world.now
        let call = world.calls[id.slot]
        guard call.arrivedAt >= since, call.answeredAt < 0 else { return }
        let wait = now - call.arrivedAt
        let l = call.line.rawValue
        lines[l].answered += 1
        lines[l].answerTime.record(wait)
        if wait > 0 { lines[l].waited += 1; lines[l].waitTotal += Double(wait) }
        if wait <= 10 * Clock.second { lines[l].answeredWithin10s += 1 }
        else if wait <= 60 * Clock.second { lines[l].band10to60 += 1 }
        else { lines[l].bandOver60 += 1 }
        for k in serviceLevels.indices where wait <= serviceLevels[k] { lines[l].withinLevel[k] += 1 }
        if wait <= standards[l] { lines[l].withinStandard += 1 }
    }

    /// What `observe` does with `.callAnswered`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func answered(_ id: CallID, world: World) {
        if world.now >= since { countedAnswer(id, world: world) }
    }

    /// A call's handling ended: the handler's time on it, and how it ended.
    @inline(__always) private mutating func countedHandling(_ id: CallID, _ outcome: CallOutcome, world: World) {
        let now = world.now
        let call = world.calls[id.slot]
        if call.answeredAt >= 0 { handlerBusy += busy(call, until: now) }
        guard call.arrivedAt >= since else { return }
        if call.ringBack {
            // Counted once, as abandoned; how the ring back went has figures of its own.
            switch outcome {
            case .noAnswer: ringBackNoAnswer += 1
            case .accidental: ringBackAccidental += 1
            default: ringBackGenuine += 1
            }
            return
        }
        lines[call.line.rawValue].outcomes[outcome.rawValue] += 1
        if outcome == .duplicate { duplicatesLinked += 1 }
    }

    /// What `observe` does with `.callHandled`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func handled(_ id: CallID, _ outcome: CallOutcome, world: World) {
        if world.now >= since { countedHandling(id, outcome, world: world) }
    }

    /// An incident opened after the warm-up: its grade's and its type's count.
    @inline(__always) private mutating func countedOpening(_ opening: IncidentOpening) {
        // An officer's emergency has figures of its own, not its grade's.
        if opening.assisting != nil { urgentAssistance += 1; return }
        both(opening.grade.rawValue - 1, opening.place) { $0.created += 1 }
        incidentsByType[Int(opening.type)][opening.grade.rawValue - 1] += 1
    }

    /// What `observe` does with `.incidentCreated`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func opened(_ opening: IncidentOpening, world: World) {
        if world.now >= since { countedOpening(opening) }
    }

    /// An incident closed: a duplicate's attendance taken out, a miss counted.
    @inline(__always) private mutating func countedClosing(_ id: IncidentID, _ closingType: Int32, _ result: JobResult?, world: World) {
        let now = world.now
        let incident = world.incidents[id.slot]
        guard incident.createdAt >= since else { return }
        incidentsClosed += 1
        if closingType != incident.type { reclassified += 1 }
        if result == .duplicate {
            // A duplicate is not judged: the incident it duplicates is. An attendance it had
            // is taken out of its grade's figures.
            reattend(incident, now: nil)
        } else if incident.missedUnattended(now: now) {
            // Closed unattended after its target passed: it missed, and stays missed.
            both(incident.judgedWaitingGrade - 1, incident.place) { $0.unattendedPastTarget += 1 }
        }
        if Int(id.slot) < firstSendSamples.count { firstSendSamples[Int(id.slot)] = -1 }
    }

    /// What `observe` does with `.incidentClosed`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func closed(_ id: IncidentID, _ closingType: Int32, _ result: JobResult?, world: World) {
        if world.now >= since { countedClosing(id, closingType, result, world: world) }
    }

    /// A unit sent: the time to the first send of one stacked or of an officer's emergency.
    @inline(__always) private mutating func countedSend(_ id: IncidentID, world: World) {
        let now = world.now
        let incident = world.incidents[id.slot]
        guard incident.createdAt >= since else { return }
        if incident.firstAssignedAt < 0 && incident.assisting != nil {
            assistanceAssigned.record(now - incident.createdAt)
            sample(id, now - incident.createdAt)
        } else if incident.firstAssignedAt < 0 && incident.stacked {
            stackedTime.record(now - incident.createdAt)
            sample(id, now - incident.createdAt)
        }
    }

    /// What `observe` does with `.unitAssigned`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func sent(_ id: IncidentID, world: World) {
        if world.now >= since { countedSend(id, world: world) }
    }

    /// The first unit at scene: the attendance, judged against its grade's target.
    @inline(__always) private mutating func countedAttendance(_ id: IncidentID, world: World) {
        let now = world.now
        let incident = world.incidents[id.slot]
        guard incident.createdAt >= since else { return }
        if incident.firstArrivedAt < 0 && incident.assisting != nil {
            assistanceArrived.record(now - incident.createdAt)
        } else if incident.firstArrivedAt < 0 && !incident.reopened {
            // Judged under the grade it missed under if it was re-graded after missing.
            let (grade, met) = incident.judgement(arrivingAt: now)
            both(Int(grade) - 1, incident.place) { g in
                g.attended += 1
                g.attendance.record(now - incident.createdAt)
                if met { g.attendedWithinTarget += 1 }
            }
        }
    }

    /// What `observe` does with `.unitArrived`, without the event around it (`Simulation`'s quiet path).
    @inline(__always) mutating func attended(_ id: IncidentID, world: World) {
        if world.now >= since { countedAttendance(id, world: world) }
    }

    /// A unit's change of status after the warm-up: its time in the status it leaves.
    @inline(__always) private mutating func countedStatus(_ u: UnitIndex, _ status: UnitStatus, world: World) {
        let now = world.now
        let was = world.units[Int(u)].status
        account(unit: u, status: was, from: max(world.units[Int(u)].statusSince, since), to: now, world: world)
        if status == .emergency && was != .emergency { emergencies += 1 }
        if status == .refreshments && was != .refreshments {
            breaksStarted += 1
            // refsFrom is the third hour of the shift: late is three hours after it.
            if now > world.units[Int(u)].refsFrom + 3 * Clock.hour { breaksLate += 1 }
        }
        if status == .prisonerEscort { prisoners += 1 }
    }

    /// What `observe` does with `.unitStatusChanged(u, status)`, without the event around it
    /// (`Simulation.statusChanged`).
    @inline(__always) mutating func statusChanged(_ u: UnitIndex, _ status: UnitStatus, world: World) {
        if world.now >= since { countedStatus(u, status, world: world) }
    }

    /// A transmission heard after the warm-up.
    @inline(__always) private mutating func countedTransmission(_ transmission: Transmission) {
        transmissions += 1
        if case .backupRequested = transmission.message { backupRequests += 1 }
    }

    /// What `observe` does with `.radio(transmission)`, without the event around it: the
    /// simulation's own transmissions come this way (`Simulation.radio`).
    @inline(__always) mutating func heard(_ transmission: Transmission, world: World) {
        if world.now >= since { countedTransmission(transmission) }
    }

    /// Before the warm-up ends only who is on duty is followed, so that time on duty is counted
    /// from the end of the warm-up.
    private mutating func warmingUp(_ event: Event, world: World) {
        switch event {
        case let .handlerSignedOn(h), let .personSeatedAsHandler(h): handlerOn(h, at: since)
        case let .handlerSignedOff(h), let .personLeftSeat(h): handlerOnSince[Int(h)] = nil
        default: break
        }
    }

    private mutating func handlerOn(_ h: HandlerIndex, at time: SimTime) {
        while handlerOnSince.count <= Int(h) { handlerOnSince.append(nil) }
        if handlerOnSince[Int(h)] == nil { handlerOnSince[Int(h)] = time }
    }

    private mutating func handlerOff(_ h: HandlerIndex, at time: SimTime) {
        guard Int(h) < handlerOnSince.count, let on = handlerOnSince[Int(h)] else { return }
        handlerOnDuty += time - on
        handlerOnSince[Int(h)] = nil
    }

    /// A handler's time on a call; a digital contact shares the handler with the others held.
    private func busy(_ call: Call, until time: SimTime) -> SimTime {
        let span = time - max(call.answeredAt, since)
        return call.line.isPhone ? span : span / SimTime(contactsAtOnce)
    }

    /// The grades' attendance as it stands at this moment: what has been counted, and every open
    /// incident already past its target with nobody there, counted as missed at once (the end
    /// of a run counts them for good in `finish`).
    public func gradesNow(world: World) -> InlineArray<4, GradeFigures> {
        var now = grades
        guard !finished else { return now }
        for (_, incident) in world.incidents.live where incident.createdAt >= since && incident.missedUnattended(now: world.now) {
            now[incident.judgedWaitingGrade - 1].unattendedPastTarget += 1
        }
        return now
    }

    /// Calls offered on both phone lines.
    public var callsOffered: Int { lines[0].offered + lines[1].offered }
    /// Incidents created, every grade.
    public var incidentsCreated: Int { grades.indices.reduce(0) { $0 + grades[$1].created } }

    private mutating func account(unit: UnitIndex, status: UnitStatus, from: SimTime, to: SimTime, world: World) {
        guard status != .offDuty, to > from else { return }
        let k = kindOfUnit[Int(unit)]
        let span = to - from
        kinds[k].onDuty += span
        switch status {
        case .enRoute, .atScene, .emergency, .prisonerEscort, .committedDeployable,
             .committedNotDeployable, .atCourt:
            kinds[k].committed += span
        case .refreshments:
            kinds[k].refreshments += span
        default:
            break
        }
    }

    /// Closes the books at the end of a run: time in the current status, what is still open.
    public mutating func finish(world: World) {
        guard !finished else { return }
        finished = true
        simulatedTime = max(world.now - since, 0)
        for (u, state) in world.units.enumerated() {
            account(unit: UnitIndex(u), status: state.status, from: max(state.statusSince, since), to: world.now, world: world)
        }
        for h in handlerOnSince.indices { handlerOff(HandlerIndex(h), at: max(world.now, since)) }
        for (_, call) in world.calls.live where call.answeredAt >= 0 { handlerBusy += busy(call, until: world.now) }
        // Callers still ringing waited until the end.
        for (_, call) in world.calls.live where call.answeredAt < 0 && call.arrivedAt >= since {
            lines[call.line.rawValue].waited += 1
            lines[call.line.rawValue].waitTotal += Double(world.now - call.arrivedAt)
        }
        callsPerHandler = world.handlers.map(\.callsHandled).filter { $0 > 0 }.sorted()
        callsWaitingAtEnd = world.callsWaiting
        contactsWaitingAtEnd = world.contactsWaiting
        callbacksWaitingAtEnd = world.callbacks.filter { $0.rangAt >= since }.count
        for line in lines.indices { lines[line].ringingAtEnd = 0; lines[line].ringingPastAtEnd = 0 }
        for (_, call) in world.calls.live where call.answeredAt < 0 && call.arrivedAt >= since {
            let l = call.line.rawValue
            lines[l].ringingAtEnd += 1
            let wait = world.now - call.arrivedAt
            if call.line.isPhone ? wait >= 10 * Clock.second : wait > standards[l] { lines[l].ringingPastAtEnd += 1 }
        }
        incidentsOpenAtEnd = world.incidents.count
        for (_, incident) in world.incidents.live where incident.createdAt >= since {
            if incident.missedUnattended(now: world.now) {
                both(incident.judgedWaitingGrade - 1, incident.place) { $0.unattendedPastTarget += 1 }
            }
            // Stacked (waiting with nobody free, as the stack says) and still without a unit.
            if incident.assisting == nil && !incident.reopened && incident.stacked && incident.firstAssignedAt < 0 && incident.grade.deploys {
                stillStackedAtEnd += 1
                oldestStackedAtEnd = max(oldestStackedAtEnd, world.now - incident.createdAt)
            }
        }
    }
}

/// A stream of durations: exact count, mean and maximum; percentiles from an HDR histogram
/// (three significant digits), so memory is fixed however many are recorded. Zeros (most calls
/// are answered at once) are counted beside the histogram: it is the hot path of a busy run.
public struct Durations: Sendable {
    public private(set) var count = 0
    public private(set) var total: Double = 0
    public private(set) var maximum: SimTime = 0
    private var zeros = 0
    /// 32-bit counts: half the memory of 64 (fewer cache misses on every record), and no run
    /// comes near four billion of one value (`bench` stops at a billion calls).
    private var histogram = Histogram<UInt32>(highestTrackableValue: UInt64(400 * Clock.day),
                                              numberOfSignificantValueDigits: .three)

    /// Values taken back (`remove`): rare (an undo), so kept apart and only read when there are some.
    private var removed: Histogram<UInt32>?

    public init() {}

    public mutating func record(_ value: SimTime) {
        count += 1
        guard value > 0 else { zeros += 1; return }
        total += Double(value)
        if value > maximum { maximum = value }
        _ = histogram.record(UInt64(min(value, 400 * Clock.day)))
    }

    /// Takes back a value recorded before (a fact withdrawn as a mistake). The count, mean and
    /// percentiles are as if it had never been recorded; the longest, to the histogram's three
    /// significant digits when it was the one taken back.
    public mutating func remove(_ value: SimTime) {
        guard count > 0 else { return }
        count -= 1
        guard value > 0 else { zeros -= 1; return }
        total -= Double(value)
        if removed == nil { removed = Histogram<UInt32>(highestTrackableValue: UInt64(400 * Clock.day), numberOfSignificantValueDigits: .three) }
        _ = removed!.record(UInt64(min(value, 400 * Clock.day)))
        if value >= maximum { maximum = kept().last.map { SimTime($0.value) } ?? 0 }
    }

    /// The histogram's values less those taken back, in ascending order (only when some were).
    private func kept() -> [(value: UInt64, count: UInt64)] {
        guard let removed else { return [] }
        return histogram.recordedValues().compactMap { v in
            let left = UInt64(v.count) - UInt64(removed.countForValue(v.value))
            return left > 0 ? (histogram.highestEquivalentForValue(v.value), left) : nil
        }
    }

    /// Mean in milliseconds; nil when nothing was recorded.
    public var mean: Double? { count == 0 ? nil : total / Double(count) }

    /// The value below which `percentile` % of values fall, in milliseconds.
    public func percentile(_ percentile: Double) -> SimTime? {
        guard count > 0 else { return nil }
        let rank = percentile / 100 * Double(count)
        if rank <= Double(zeros) || count == zeros { return 0 }
        // The same rank among the values above zero.
        let above = (rank - Double(zeros)) / Double(count - zeros) * 100
        guard removed != nil else { return SimTime(histogram.valueAtPercentile(min(above, 100))) }
        let values = kept()
        let wanted = max(1, UInt64((above / 100 * Double(count - zeros)).rounded(.up)))
        var seen: UInt64 = 0
        for v in values {
            seen += v.count
            if seen >= wanted { return SimTime(v.value) }
        }
        return values.last.map { SimTime($0.value) } ?? 0
    }
}

extension UnitKind {
    var index: Int {
        switch self {
        case .response: return 0
        case .neighbourhood: return 1
        case .pcso: return 2
        case .roads: return 3
        case .armed: return 4
        case .dog: return 5
        }
    }
}
