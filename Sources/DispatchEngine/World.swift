import Collections

/// The state of the floor at one moment: calls ringing and in handling, open incidents, units and
/// call handlers. It changes only through `apply(_:)`, so a stream of events rebuilds it.
/// A class, so that the simulation, its statistics and the console share one world without
/// copying it on every event.
public final class World {
    public let config: WorldConfig
    public private(set) var now: SimTime = 0

    public private(set) var calls = SlotArray<Call>()
    public private(set) var incidents = SlotArray<Incident>()
    public private(set) var units: [Unit]
    public private(set) var handlers: [CallHandler]

    /// Calls waiting to be answered, per line, first come first served. A caller who hangs up
    /// leaves a stale entry (dropped when it reaches the front); `waitingCount` is exact.
    /// (Per line and per grade these are fixed-size and inline: changed on every call, they
    /// need no copy-on-write check.)
    public private(set) var waiting = InlineArray<5, Deque<CallID>>(repeating: [])
    public private(set) var waitingCount = InlineArray<5, Int>(repeating: 0)
    /// Handlers on the phones, on duty and free.
    public private(set) var freeHandlers: [HandlerIndex] = []
    /// Automated handlers on the digital desk and on duty (free while they hold fewer than
    /// `config.contactsAtOnce`).
    public private(set) var digitalDesk: [HandlerIndex] = []
    /// Seats where a person handles calls.
    public private(set) var personSeats: [HandlerIndex] = []
    /// Units free for a job. Order is not meaningful (removal swaps in the last).
    public private(set) var available: [UnitIndex] = []
    /// The same units west to east, for the nearest-unit search; kept only with a map (without
    /// one, every unit is as near as any other).
    private(set) var freeByEast: FreeUnitIndex
    let indexesFreeUnits: Bool
    /// Incidents wanting units, per grade 1-3 in order of creation; entries may be stale (the
    /// incident was resourced or closed since): check `wantsUnits`. Urgent requests (backup,
    /// urgent assistance) go to `urgent`, served before everything.
    public private(set) var dispatchQueues = InlineArray<3, Deque<IncidentID>>(repeating: [])
    public private(set) var urgent: Deque<IncidentID> = []
    /// Incidents opened recently, oldest first, for duplicate callers to report again.
    public private(set) var recentIncidents: Deque<(id: IncidentID, createdAt: SimTime)> = []
    /// Emergency buttons pressed and not yet acknowledged by a person, oldest first.
    public private(set) var pendingEmergencies: [(unit: UnitIndex, since: SimTime, incident: IncidentID?)] = []

    /// Per area: units free, and units on a refreshment break (for staggering breaks).
    public private(set) var freeInArea: [Int32]
    public private(set) var onBreakInArea: [Int32]
    private let unitArea: [Int32]

    /// Bumped by every event: a view can tell whether anything changed since it last looked.
    public private(set) var version: UInt64 = 0
    public private(set) var callsArrived: Int64 = 0
    public private(set) var incidentsCreated: Int64 = 0
    public private(set) var callsEnded: Int64 = 0
    /// Calls stayed on after their incident was created.
    public private(set) var onTheLine: [CallID: OnTheLine] = [:]
    /// What the handler typed on each live chat still open, with when: the person answers in turn.
    public private(set) var chatReplies: [CallID: [(at: SimTime, text: String)]] = [:]
    /// Abandoned 999 calls not yet rung back, oldest first.
    public private(set) var callbacks: [Callback] = []
    public private(set) var incidentsClosed: Int64 = 0
    /// Open incidents by grade (1-4), kept as they open, are re-graded and close.
    public private(set) var openByGrade = InlineArray<4, Int>(repeating: 0)
    /// Each open incident's units sent, in order (`Visit`), by the incident's slot: what a send
    /// withdrawn as a mistake needs to leave the incident's first times as if it had never been
    /// made. By slot, not hashed, and each list keeps its capacity when its slot is reused: a send
    /// costs an append (this is on every job).
    private var visitsBySlot: [[Visit]] = []

    /// Who made the send just applied (the simulation knows the actor; the world does not).
    func sentBy(_ actor: Actor, _ id: IncidentID) {
        let s = Int(id.slot)
        if !visitsBySlot[s].isEmpty { visitsBySlot[s][visitsBySlot[s].count - 1].by = actor }
    }

    /// The units sent to an open incident, in order.
    public func visits(of id: IncidentID) -> [Visit] {
        isOpen(id) && Int(id.slot) < visitsBySlot.count ? visitsBySlot[Int(id.slot)] : []
    }
    /// The job a unit was just taken off (a divert: its detachment comes before its new send).
    private var detached: (unit: UnitIndex, from: IncidentID)?

    public init(config: WorldConfig) {
        self.config = config
        units = config.units.map { spec in
            let home = spec.station.map { config.stations[$0].position } ?? Position(x: 0, y: 0)
            return Unit(status: .offDuty, origin: home, destination: home)
        }
        freeByEast = FreeUnitIndex(units: config.units.count)
        unitArea = config.units.map { Int32($0.area) }
        let areas = max(config.areas.count, (config.units.map(\.area).max() ?? 0) + 1)
        freeInArea = Array(repeating: 0, count: areas)
        onBreakInArea = Array(repeating: 0, count: areas)
        if case .geographic = config.travel { indexesFreeUnits = true } else { indexesFreeUnits = false }
        handlers = []
        for group in config.callHandlers {
            for _ in 0..<group.count { handlers.append(CallHandler(shift: group.shift, desk: group.desk)) }
        }
    }

    /// A copy of `world` as it stands, for a fork of the simulation. `config` is the world's, or
    /// the world's with units added at the end (off duty, at their station). In the copy the
    /// engine plays every seat: a person's call-handling seat takes no more calls (the fork
    /// finishes those it holds).
    convenience init(forking world: World, config: WorldConfig) {
        self.init(config: config)
        let added = Array(units[world.units.count...])
        now = world.now
        calls = world.calls
        incidents = world.incidents
        units = world.units + added
        handlers = world.handlers
        waiting = world.waiting
        waitingCount = world.waitingCount
        freeHandlers = world.freeHandlers
        digitalDesk = world.digitalDesk
        available = world.available
        freeByEast = world.freeByEast
        freeByEast.makeRoom(units: units.count)
        dispatchQueues = world.dispatchQueues
        urgent = world.urgent
        recentIncidents = world.recentIncidents
        pendingEmergencies = world.pendingEmergencies
        freeInArea = world.freeInArea
        onBreakInArea = world.onBreakInArea
        version = world.version
        callsArrived = world.callsArrived
        incidentsCreated = world.incidentsCreated
        callsEnded = world.callsEnded
        onTheLine = world.onTheLine
        chatReplies = world.chatReplies
        callbacks = world.callbacks
        incidentsClosed = world.incidentsClosed
        openByGrade = world.openByGrade
        visitsBySlot = world.visitsBySlot
        for seat in world.personSeats { handlers[Int(seat)].onDuty = false }
        personSeats = []
    }

    // MARK: Reading

    @inline(__always) public func call(_ id: CallID) -> Call? {
        calls.isLive(slot: id.slot, generation: id.generation) ? calls[id.slot] : nil
    }

    @inline(__always) public func incident(_ id: IncidentID) -> Incident? {
        incidents.isLive(slot: id.slot, generation: id.generation) ? incidents[id.slot] : nil
    }

    public func isOpen(_ id: IncidentID) -> Bool {
        incidents.isLive(slot: id.slot, generation: id.generation)
    }

    /// Whether the incident is open and still wants units sent.
    public func wantsUnits(_ id: IncidentID) -> Bool {
        guard let incident = incident(id) else { return false }
        return incident.unitsWanted > 0
    }

    public func handle(forReference reference: Int64) -> IncidentID? {
        for (slot, incident) in incidents.live where incident.reference == reference {
            return IncidentID(slot: slot, generation: incidents.generations[Int(slot)])
        }
        return nil
    }

    public func handle(forCallsign callsign: String) -> UnitIndex? {
        config.units.firstIndex { $0.callsign.lowercased() == callsign.lowercased() }.map(UnitIndex.init)
    }

    /// Phone calls waiting to be answered.
    public var callsWaiting: Int { waitingCount[0] + waitingCount[1] }
    /// Chats, e-mails and online reports waiting for a first reply.
    public var contactsWaiting: Int { waitingCount[2] + waitingCount[3] + waitingCount[4] }
    /// The first incident in any grade's dispatch queue, most urgent grade first (entries may be
    /// stale, as in the queues).
    public var firstQueued: IncidentID? {
        for g in dispatchQueues.indices { if let first = dispatchQueues[g].first { return first } }
        return nil
    }

    /// Units at scene whose welfare check is overdue, most overdue first.
    public var welfareOverdue: [UnitIndex] {
        // (An officer whose button is pressed is not checked on: the emergency is dealt with first.)
        units.indices.filter { units[$0].status == .atScene && (units[$0].welfareDueAt.map { $0 < now } ?? false) }
            .sorted { units[$0].welfareDueAt! < units[$1].welfareDueAt! }.map(UnitIndex.init)
    }

    /// The call a free handler takes next: 999 before 101, first come first served, passing over
    /// the first `skipping` (left ringing for people's seats).
    /// The next call to answer, 999 first, oldest first; `skipping` calls still ringing at people's
    /// free seats (rung after `ringingSince`) are left for them.
    public func nextCallToAnswer(skipping: Int = 0, ringingSince: SimTime = .min) -> CallID? {
        var left = skipping
        // The counts are exact, so an empty line is never walked (the queues keep stale entries).
        for line in 0..<2 where waitingCount[line] > 0 {
            for id in waiting[line] where calls.isLive(slot: id.slot, generation: id.generation) {
                if left == 0 || calls[id.slot].arrivedAt <= ringingSince { return id }
                left -= 1
            }
        }
        return nil
    }

    /// Calls on `line` that have been ringing longer than `wait` (at least that long) now.
    public func ringingLonger(than wait: SimTime, line: Line, now: SimTime) -> Int {
        waiting[line.rawValue].reduce(0) { count, id in
            calls.isLive(slot: id.slot, generation: id.generation) && calls[id.slot].state == .waiting
                && calls[id.slot].answeredAt < 0 && now - calls[id.slot].arrivedAt >= wait ? count + 1 : count
        }
    }

    /// People's call-handling seats that are free for the next phone call (a chat open is no
    /// bar: the person puts it aside to answer the phone).
    public var freePersonSeats: Int {
        personSeats.reduce(0) { $0 + (handlers[Int($1)].onPhone ? 0 : 1) }
    }

    /// The digital contact to reply to next: of the chats, e-mails and online reports waiting,
    /// the one whose standard runs out first.
    /// (`arrivedBy`: only those that came in by then; the newer are offered to people's seats.)
    public func nextContactToAnswer(arrivedBy: SimTime = .max) -> CallID? {
        var best: CallID?, bestDue = SimTime.max
        for line in 2..<5 where waitingCount[line] > 0 {
            guard let id = waiting[line].first(where: { calls.isLive(slot: $0.slot, generation: $0.generation) }),
                  calls[id.slot].arrivedAt <= arrivedBy else { continue }
            let due = calls[id.slot].arrivedAt &+ (config.standard(for: Line(rawValue: line)!) ?? Clock.day)
            if due < bestDue { best = id; bestDue = due }
        }
        return best
    }

    /// The digital contacts a handler holds (the one in front too, if it is one).
    public func contactsHeld(by h: HandlerIndex) -> Int {
        let handler = handlers[Int(h)]
        return handler.held.count + (handler.call != nil ? 1 : 0) - (handler.onPhone ? 1 : 0)
    }

    /// A digital-desk handler free for one more contact, the one holding fewest (the first of them).
    public var freeDigitalHandler: HandlerIndex? {
        var best: HandlerIndex?, fewest = config.contactsAtOnce
        for h in digitalDesk where handlers[Int(h)].held.count < fewest {
            best = h; fewest = handlers[Int(h)].held.count
        }
        return best
    }

    // MARK: Applying events

    public func advanceClock(to time: SimTime) {
        precondition(time >= now, "the clock never runs backwards")
        now = time
    }

    public func apply(_ event: Event) {
        version &+= 1
        switch event {
        case let .callArrived(id, number, line, draw):
            arrive(id, number: number, line: line, draw: draw)

        case let .callAnswered(id, handler):
            answer(id, handler: handler)

        case let .callAbandoned(id):
            let call = calls[id.slot]
            if call.line == .emergency && config.ringBackAbandoned {
                callbacks.append(Callback(number: call.number, line: call.line, rangAt: call.arrivedAt, abandonedAt: now, draw: call.draw))
            }
            waitingCount[calls[id.slot].line.rawValue] -= 1
            calls.remove(slot: id.slot)
            callsEnded += 1

        case let .stayedOnLine(id, incident):
            onTheLine[id] = OnTheLine(incident: incident, since: now)

        case let .callerReassured(id):
            onTheLine[id]?.reassuredAt = now

        case let .chatReplied(id, text):
            chatReplies[id, default: []].append((now, text))

        case let .rungBack(id, number, handler, answered):
            guard let k = callbacks.firstIndex(where: { $0.number == number }) else { break }
            let callback = callbacks.remove(at: k)
            var call = Call(number: number, line: callback.line, arrivedAt: callback.rangAt, draw: callback.draw)
            call.state = .inHandling(handler)
            call.answeredAt = now
            call.calledBack = answered
            call.calledBackAt = now
            call.ringBack = true
            call.abandonedAt = callback.abandonedAt
            let handle = calls.insert(call)
            assert(handle.slot == id.slot && handle.generation == id.generation)
            callsArrived += 1
            take(id, handler: handler, phone: true)

        case let .callHandled(id, outcome, incident):
            handled(id, outcome: outcome, incident: incident)

        case let .handlerSignedOn(h):
            handlers[Int(h)].onDuty = true
            if let shift = handlers[Int(h)].shift {
                handlers[Int(h)].shiftEndsAt = now + shift.length
            }
            if handlers[Int(h)].desk == .digital { digitalDesk.append(h) }
            else if handlers[Int(h)].call == nil { freeHandlers.append(h) }

        case let .personSeatedAsHandler(h):
            assert(Int(h) == handlers.count)
            handlers.append(CallHandler(isPerson: true, shift: nil, onDuty: true))
            personSeats.append(h)

        case let .callReturned(id, h):
            let call = calls[id.slot]
            let line = call.line
            if call.ringBack {
                // A ring back cut off: back at the front of the callback list, to be rung again.
                callbacks.insert(Callback(number: call.number, line: line, rangAt: call.arrivedAt, abandonedAt: call.abandonedAt, draw: call.draw), at: 0)
                calls.remove(slot: id.slot)
                callsEnded += 1
            } else {
                calls[id.slot].state = .waiting
                // At the front of its queue: it has waited once already.
                waiting[line.rawValue].insert(id, at: waiting[line.rawValue].startIndex)
                waitingCount[line.rawValue] += 1
            }
            if handlers[Int(h)].call == id {
                handlers[Int(h)].call = nil
            } else if let i = handlers[Int(h)].held.firstIndex(of: id) {
                handlers[Int(h)].held.remove(at: i)
            }
            if line.isPhone { handlers[Int(h)].onPhone = false }

        case let .personLeftSeat(h):
            handlers[Int(h)].onDuty = false
            personSeats.removeAll { $0 == h }

        case let .handlerSignedOff(h):
            handlers[Int(h)].onDuty = false
            if let i = freeHandlers.lastIndex(of: h) { freeHandlers.remove(at: i) }
            if let i = digitalDesk.firstIndex(of: h) { digitalDesk.remove(at: i) }

        case let .contactSwitched(h):
            // The contact in front goes to the back of those held; the first held comes forward.
            guard !handlers[Int(h)].held.isEmpty else { break }
            if let front = handlers[Int(h)].call { handlers[Int(h)].held.append(front) }
            handlers[Int(h)].call = handlers[Int(h)].held.removeFirst()

        case let .incidentCreated(id, opening):
            open(id, opening)

        case let .incidentReopened(id, opening):
            open(id, opening)
            incidents[id.slot].reopened = true

        case let .incidentDeferred(id, until):
            incidents[id.slot].deferredUntil = until

        case let .deferralEnded(id):
            incidents[id.slot].deferredUntil = nil
            incidents[id.slot].backFromLaterAt = now
            if incidents[id.slot].unitsWanted > 0 { dispatchQueues[incidents[id.slot].grade.rawValue - 1].append(id) }

        case .referenceNoted:
            break

        case let .incidentLinked(id, kept):
            // Its callers are the kept incident's callers now: the one who rang first, and any after.
            incidents[kept.slot].duplicateCalls += incidents[id.slot].duplicateCalls + 1

        case let .incidentRelocated(id, place):
            incidents[id.slot].place = place
            // The target follows where it is: urban or rural.
            if incidents[id.slot].assisting == nil, !config.places.isEmpty {
                let rural = config.areas[config.places[Int(place)].area].rural
                incidents[id.slot].targetAt = config.targets.target(for: incidents[id.slot].grade, rural: rural).map { incidents[id.slot].createdAt + $0 }
            }
            let street = onStreet(place, incidents[id.slot].truePlace)
            incidents[id.slot].onVagueStreet = street
            incidents[id.slot].misplaced = !street && metresOff(place, incidents[id.slot].truePlace) > Incident.wrongPlace
            incidents[id.slot].hasWarnings = config.places.indices.contains(Int(place)) && !config.places[Int(place)].markers.isEmpty

        case let .incidentStacked(id, reason):
            incidents[id.slot].stacked = true
            incidents[id.slot].stackReasonCode = UInt8(reason.rawValue + 1)

        case let .incidentRegraded(id, grade):
            // Re-graded after its target passed with nobody there: it missed under the old grade.
            if incidents[id.slot].firstArrivedAt < 0, incidents[id.slot].missedUnder == 0, incidents[id.slot].assisting == nil,
               let target = incidents[id.slot].targetAt, now > target {
                incidents[id.slot].missedUnder = UInt8(incidents[id.slot].grade.rawValue)
            }
            let place = config.places.isEmpty ? nil : config.places[Int(incidents[id.slot].place)]
            let rural = place.map { config.areas[$0.area].rural } ?? false
            openByGrade[incidents[id.slot].grade.rawValue - 1] -= 1
            openByGrade[grade.rawValue - 1] += 1
            incidents[id.slot].grade = grade
            incidents[id.slot].targetAt = incidents[id.slot].assisting != nil ? nil
                : config.targets.target(for: grade, rural: rural).map { incidents[id.slot].createdAt + $0 }
            if incidents[id.slot].unitsWanted > 0 { dispatchQueues[grade.rawValue - 1].append(id) }

        case let .agencyInformed(id, agency, _):
            incidents[id.slot].informed |= 1 << UInt8(agency.rawValue)

        case .noteAdded, .incidentAssessed, .callTransferred, .callNoted, .callSignposted, .crimeRecorded:
            break

        case let .lineKept(id):
            calls[id.slot].lineKept = true

        case let .calledBack(id, answered):
            calls[id.slot].calledBack = answered
            calls[id.slot].calledBackAt = now

        case let .warningsPassed(id, _):
            incidents[id.slot].warningsPassed = true

        case let .welfareChecked(u, next):
            units[Int(u)].welfareDueAt = next

        case let .emergencyAcknowledged(u):
            pendingEmergencies.removeAll { $0.unit == u }

        case let .unitStoodDown(u, id):
            update(&units[Int(u)]) { $0.incident = nil; $0.timer &+= 1 }
            incidents[id.slot].unitsAttached -= 1

        case let .unitsRequested(id, count, isUrgent):
            incidents[id.slot].unitsWanted += count
            if isUrgent { urgent.append(id) } else { dispatchQueues[incidents[id.slot].grade.rawValue - 1].append(id) }

        case let .unitsNotNeeded(id):
            incidents[id.slot].unitsWanted = 0

        case let .incidentClosed(id, _, _):
            close(id)

        case let .unitAssigned(u, id, eta, from, to):
            send(u, id, eta: eta, from: from, to: to)

        case let .unitDetached(u, id):
            takeOff(u, id)
            detached = (u, id)
            placed(u)

        case let .unitArrived(u, id):
            attend(u, at: id)

        case .arrivalBooked:
            break

        case let .sendWithdrawn(u, id):
            takeOff(u, id)
            let visit = visitsBySlot[Int(id.slot)].lastIndex(where: { $0.unit == u }).map { visitsBySlot[Int(id.slot)].remove(at: $0) }
            // The want it took comes back, unless the job's result is in.
            if visit?.tookWant ?? false, incidents[id.slot].result == nil {
                incidents[id.slot].unitsWanted += 1
                if incidents[id.slot].assisting != nil { urgent.append(id) }
                else { dispatchQueues[incidents[id.slot].grade.rawValue - 1].append(id) }
            }
            refirst(id)
            placed(u)

        case let .arrivalWithdrawn(u, id, dueAt):
            let now = now
            if let k = visitsBySlot[Int(id.slot)].lastIndex(where: { $0.unit == u }) { visitsBySlot[Int(id.slot)][k].arrivedAt = -1 }
            refirst(id)
            update(&units[Int(u)]) { unit in
                // On its way from where it is now.
                unit.origin = unit.position(at: now, roads: config.roads)
                unit.departedAt = now
                unit.arrivesAt = dueAt
                unit.timer &+= 1
            }

        case let .unitCleared(u, id, result):
            clear(u, id, result: result)

        case let .unitStatusChanged(u, status):
            changeStatus(u, status)

        case let .unitShiftStarted(u, endsAt, refs, at):
            let now = now
            update(&units[Int(u)]) { unit in
                unit.onDuty = true
                unit.shiftEndsAt = endsAt
                unit.refsOwed = refs
                // From the shift's third hour: a unit on duty as the run begins started its
                // shift before the run did.
                let length = config.units[Int(u)].shift?.length
                unit.refsFrom = (length.map { endsAt - $0 } ?? now) + 3 * Clock.hour
                // Booked on at its station; a unit still on a job stays where the job has it.
                if unit.status == .offDuty { unit.origin = at; unit.destination = at; unit.arrivesAt = now }
            }
            placed(u)

        case let .unitShiftEnded(u):
            units[Int(u)].onDuty = false
            units[Int(u)].refsOwed = 0

        case let .unitMoved(u, to):
            units[Int(u)].origin = to; units[Int(u)].destination = to; units[Int(u)].arrivesAt = now
            placed(u)

        case let .refreshmentsTaken(u):
            units[Int(u)].refsOwed = 0
            units[Int(u)].timer &+= 1

        case let .refreshmentsInterrupted(u, owed):
            units[Int(u)].refsOwed = owed
            units[Int(u)].timer &+= 1

        case let .radio(t):
            heard(t)
        }
    }

    /// What `apply` does with `.incidentClosed`, after counting it. An incident closed: its slot given back.
    @inline(__always) private func close(_ id: IncidentID) {
        openByGrade[incidents[id.slot].grade.rawValue - 1] -= 1
        visitsBySlot[Int(id.slot)].removeAll(keepingCapacity: true)
        incidents.remove(slot: id.slot)
        incidentsClosed += 1
    }

    /// `apply(.incidentClosed(...))` without the event around it (`Simulation`'s quiet path).
    func applyClosing(_ id: IncidentID) {
        version &+= 1
        close(id)
    }

    /// What `apply` does with `.unitAssigned`, after counting it. A unit sent: its journey, and the incident's visit.
    @inline(__always) private func send(_ u: UnitIndex, _ id: IncidentID, eta: SimTime, from: Position, to: Position) {
        let now = now
        update(&units[Int(u)]) { unit in
            unit.incident = id
            unit.origin = from
            unit.destination = to
            unit.departedAt = now
            unit.arrivesAt = now + eta
            unit.timer &+= 1
        }
        var tookWant = false
        update(&incidents[id.slot]) { incident in
            if incident.firstAssignedAt < 0 { incident.firstAssignedAt = now }
            tookWant = incident.unitsWanted > 0
            incident.unitsWanted = max(0, incident.unitsWanted - 1)
            incident.unitsAttached += 1
        }
        let from = detached.flatMap { $0.unit == u ? $0.from : nil }
        detached = nil
        visitsBySlot[Int(id.slot)].append(Visit(unit: u, sentAt: now, tookWant: tookWant, divertedFrom: from))
        // Not re-indexed: a unit sent goes en route next, and leaves the free units then.
    }

    /// `apply(.unitAssigned(...))` without the event around it (`Simulation`'s quiet path).
    func applySend(_ u: UnitIndex, _ id: IncidentID, eta: SimTime, from: Position, to: Position) {
        version &+= 1
        send(u, id, eta: eta, from: from, to: to)
    }

    /// What `apply` does with `.unitArrived`, after counting it. A unit at scene: the incident's first arrival judged.
    @inline(__always) private func attend(_ u: UnitIndex, at id: IncidentID) {
        let now = now
        let judged = incidents[id.slot].judgement(arrivingAt: now)
        update(&incidents[id.slot]) {
            if $0.firstArrivedAt < 0 { $0.firstArrivedAt = now; $0.judgedGrade = judged.grade; $0.judgedMet = judged.met }
        }
        let s = Int(id.slot)
        if let k = visitsBySlot[s].lastIndex(where: { $0.unit == u }) {
            visitsBySlot[s][k].arrivedAt = now
            visitsBySlot[s][k].arrivedGrade = judged.grade
            visitsBySlot[s][k].arrivedMet = judged.met
        }
        // The journey is over, however it ended: its arrival timer goes stale.
        update(&units[Int(u)]) { $0.timer &+= 1; $0.origin = $0.destination }
    }

    /// `apply(.unitArrived(...))` without the event around it (`Simulation`'s quiet path).
    func applyAttendance(_ u: UnitIndex, at id: IncidentID) {
        version &+= 1
        attend(u, at: id)
    }

    /// What `apply` does with `.unitCleared`, after counting it. A unit cleared with a result: the incident's result is the best any unit gave.
    @inline(__always) private func clear(_ u: UnitIndex, _ id: IncidentID, result: JobResult) {
        update(&units[Int(u)]) { $0.incident = nil; $0.timer &+= 1 }
        update(&incidents[id.slot]) { incident in
            incident.unitsAttached -= 1
            if let current = incident.result {
                if result.rawValue < current.rawValue { incident.result = result }
            } else {
                incident.result = result
            }
        }
    }

    /// `apply(.unitCleared(...))` without the event around it (`Simulation`'s quiet path).
    func applyClearing(_ u: UnitIndex, _ id: IncidentID, result: JobResult) {
        version &+= 1
        clear(u, id, result: result)
    }

    /// `apply(.incidentCreated(id, opening))` without the event around it (the quiet path).
    func applyOpening(_ id: IncidentID, _ opening: IncidentOpening) {
        version &+= 1
        open(id, opening)
    }

    /// What `apply` does with `.callArrived`, after counting the event. A call rings: it waits on its line.
    @inline(__always) private func arrive(_ id: CallID, number: Int64, line: Line, draw: CallDraw) {
        let handle = calls.insert(Call(number: number, line: line, arrivedAt: now, draw: draw))
        assert(handle.slot == id.slot && handle.generation == id.generation)
        waiting[line.rawValue].append(id)
        waitingCount[line.rawValue] += 1
        callsArrived += 1
    }

    /// `apply(.callArrived(...))` without the event around it (`Simulation`'s quiet path).
    func applyArrival(_ id: CallID, number: Int64, line: Line, draw: CallDraw) {
        version &+= 1
        arrive(id, number: number, line: line, draw: draw)
    }

    /// What `apply` does with `.callAnswered`, after counting the event. A handler answers a call: it leaves its line's queue.
    @inline(__always) private func answer(_ id: CallID, handler: HandlerIndex) {
        let now = now
        var line = 0
        update(&calls[id.slot]) { call in
            line = call.line.rawValue
            call.state = .inHandling(handler)
            call.answeredAt = now
        }
        update(&waiting[line]) { queue in
            while let first = queue.first, !calls.isLive(slot: first.slot, generation: first.generation) {
                queue.removeFirst()
            }
            if queue.first == id { queue.removeFirst() }
            else if let i = queue.firstIndex(of: id) { queue.remove(at: i) }
        }
        waitingCount[line] -= 1
        take(id, handler: handler, phone: line < 2)
    }

    /// `apply(.callAnswered(...))` without the event around it (`Simulation`'s quiet path).
    func applyAnswer(_ id: CallID, handler: HandlerIndex) {
        version &+= 1
        answer(id, handler: handler)
    }

    /// What `apply` does with `.callHandled`, after counting the event. A call's handling ends: its handler is free for the next.
    @inline(__always) private func handled(_ id: CallID, outcome: CallOutcome, incident: IncidentID?) {
        if outcome == .duplicate, let incident { incidents[incident.slot].duplicateCalls += 1 }
        if case .inHandling(let h) = calls[id.slot].state {
            // A handler holds one phone call at most: this was it.
            if calls[id.slot].line.isPhone { handlers[Int(h)].onPhone = false }
            // Read in place, not copied: the record holds an array (retained on a copy).
            if handlers[Int(h)].call == id {
                // At a person's seat the next contact held comes to the front.
                handlers[Int(h)].call = handlers[Int(h)].isPerson && !handlers[Int(h)].held.isEmpty ? handlers[Int(h)].held.removeFirst() : nil
            } else if let i = handlers[Int(h)].held.firstIndex(of: id) {
                handlers[Int(h)].held.remove(at: i)
            }
            handlers[Int(h)].callsHandled += 1
            if handlers[Int(h)].onDuty && !handlers[Int(h)].isPerson && handlers[Int(h)].desk == .phones && handlers[Int(h)].call == nil {
                freeHandlers.append(h)
            }
        }
        calls.remove(slot: id.slot)
        callsEnded += 1
        if !onTheLine.isEmpty { onTheLine[id] = nil }
        if !chatReplies.isEmpty { chatReplies[id] = nil }
    }

    /// `apply(.callHandled(...))` without the event around it (`Simulation`'s quiet path).
    func applyHandled(_ id: CallID, outcome: CallOutcome, incident: IncidentID?) {
        version &+= 1
        handled(id, outcome: outcome, incident: incident)
    }

    /// What `apply` does with `.unitStatusChanged(u, status)`, after counting the event.
    @inline(__always) private func changeStatus(_ u: UnitIndex, _ status: UnitStatus) {
        let now = now
        var was = status
        update(&units[Int(u)]) { unit in
            was = unit.status
            unit.status = status
            unit.statusSince = now
            if status == .emergency { unit.timer &+= 1 }
            if status != .atScene && status != .emergency { unit.welfareDueAt = nil }
        }
        if was != status {
            let a = Int(unitArea[Int(u)])
            if was.isAvailable != status.isAvailable { freeInArea[a] += status.isAvailable ? 1 : -1 }
            if was == .refreshments { onBreakInArea[a] -= 1 } else if status == .refreshments { onBreakInArea[a] += 1 }
        }
        if was.isAvailable && !status.isAvailable { removeAvailable(u) }
        if !was.isAvailable && status.isAvailable {
            addAvailable(u)
            // A unit free again looks down the queues: what was resourced meanwhile goes.
            dropResourced()
        }
    }

    /// `apply(.unitStatusChanged(u, status))`, without the event around it (`Simulation.statusChanged`).
    func applyStatus(_ u: UnitIndex, _ status: UnitStatus) {
        version &+= 1
        changeStatus(u, status)
    }

    /// What `apply` does with `.radio(t)`, after counting the event: an officer's emergency
    /// button is pending until control acknowledges it.
    @inline(__always) private func heard(_ t: Transmission) {
        if case .urgentAssistance = t.message, !pendingEmergencies.contains(where: { $0.unit == t.unit }) {
            pendingEmergencies.append((t.unit, now, t.incident))
        }
    }

    /// `apply(.radio(t))`, without the event around it (`Simulation.radio`).
    func applyRadio(_ t: Transmission) {
        version &+= 1
        heard(t)
    }

    /// A handler takes a contact: a phone call, or a person's chat, comes to the front (what
    /// was there is held); an automated digital desk holds its contacts side by side.
    @inline(__always) private func take(_ id: CallID, handler: HandlerIndex, phone: Bool) {
        let h = Int(handler)
        if phone || handlers[h].isPerson {
            if let front = handlers[h].call { handlers[h].held.append(front) }
            handlers[h].call = id
            if phone {
                handlers[h].onPhone = true
                if let i = freeHandlers.lastIndex(of: handler) { freeHandlers.remove(at: i) }
            }
        } else {
            handlers[h].held.append(id)
        }
    }

    /// Kept out of `apply`, so the frequent small events do not pay for its frame.
    @inline(never) private func open(_ id: IncidentID, _ opening: IncidentOpening) {
        let area = config.places.isEmpty ? 0 : config.places[Int(opening.place)].area
        let rural = config.areas.isEmpty ? false : config.areas[area].rural
        // An officer's emergency has no grade's target: it is above every grade.
        let target = opening.assisting != nil ? nil : config.targets.target(for: opening.grade, rural: rural).map { now + $0 }
        let warnings = config.places.isEmpty ? false : !config.places[Int(opening.place)].markers.isEmpty
        var incident = Incident(
            reference: opening.reference, type: opening.type, grade: opening.grade,
            place: opening.place, line: opening.line, createdAt: now, targetAt: target,
            unitsWanted: opening.unitsNeeded, hasWarnings: warnings)
        if opening.assisting != nil { incident.assisting = opening.assisting; incident.linkedTo = opening.linkedTo }
        incident.truePlace = opening.truePlace
        incident.onVagueStreet = onStreet(opening.place, opening.truePlace)
        incident.misplaced = !incident.onVagueStreet && metresOff(opening.place, opening.truePlace) > Incident.wrongPlace
        let handle = incidents.insert(incident)
        assert(handle.slot == id.slot && handle.generation == id.generation)
        while visitsBySlot.count <= Int(id.slot) { visitsBySlot.append([]) }
        visitsBySlot[Int(id.slot)].removeAll(keepingCapacity: true)
        incidentsCreated += 1
        openByGrade[opening.grade.rawValue - 1] += 1
        if opening.assisting != nil {
            urgent.append(id)   // an officer's emergency goes before every grade
        } else if opening.unitsNeeded > 0 && opening.grade.deploys {
            dispatchQueues[opening.grade.rawValue - 1].append(id)
        }
        recentIncidents.append((id, now))
        while let first = recentIncidents.first,
              now - first.createdAt > config.duplicateWindow || !isOpen(first.id) {
            recentIncidents.removeFirst()
        }
    }

    /// A unit taken off an incident on the way or at scene: it stops where it is, its plan over.
    private func takeOff(_ u: UnitIndex, _ id: IncidentID) {
        let now = now
        update(&units[Int(u)]) { unit in
            let here = unit.position(at: now, roads: config.roads)
            unit.origin = here; unit.destination = here; unit.arrivesAt = now
            unit.incident = nil
            unit.timer &+= 1
        }
        incidents[id.slot].unitsAttached -= 1
    }

    /// An incident's first send and first arrival worked out again from its visits (after one
    /// was withdrawn).
    private func refirst(_ id: IncidentID) {
        let left = visitsBySlot[Int(id.slot)]
        incidents[id.slot].firstAssignedAt = left.map(\.sentAt).min() ?? -1
        let first = left.filter { $0.arrivedAt >= 0 }.min { $0.arrivedAt < $1.arrivedAt }
        incidents[id.slot].firstArrivedAt = first?.arrivedAt ?? -1
        incidents[id.slot].judgedGrade = first?.arrivedGrade ?? 0
        incidents[id.slot].judgedMet = first?.arrivedMet ?? false
    }

    /// Whether `agency` has been told about the incident.
    public func informed(_ id: IncidentID, _ agency: Agency) -> Bool {
        (incidents[id.slot].informed >> UInt8(agency.rawValue)) & 1 == 1
    }

    /// Whether `given` is a street (its house not known) that `truth` is on.
    func onStreet(_ given: Int32, _ truth: Int32) -> Bool {
        guard given != truth, config.places.indices.contains(Int(given)) else { return false }
        let place = config.places[Int(given)]
        return place.vague == .street && place.covers.contains(truth)
    }

    /// How far place `given` is from `truth`, in metres.
    public func metresOff(_ given: Int32, _ truth: Int32) -> Double {
        guard given != truth, config.places.indices.contains(Int(given)), config.places.indices.contains(Int(truth)) else { return 0 }
        return config.places[Int(given)].position.distance(to: config.places[Int(truth)].position) * 1000
    }

    /// Drops stale entries from the front of the dispatch queues (incidents resourced or closed
    /// since they were queued): such an entry carries no information.
    private func dropResourced() {
        for g in 0..<3 {
            while let first = dispatchQueues[g].first, !wantsUnits(first) { dispatchQueues[g].removeFirst() }
        }
        while let first = urgent.first, !wantsUnits(first) { urgent.removeFirst() }
    }

    /// One access for several changes to a record (each separate `units[i].x = ...` would check
    /// the array's uniqueness again: this is the hottest code of a run).
    @inline(__always) private func update<Record>(_ record: inout Record, _ change: (inout Record) -> Void) {
        change(&record)
    }

    private func addAvailable(_ u: UnitIndex) {
        units[Int(u)].availableSlot = Int32(available.count)
        available.append(u)
        if indexesFreeUnits { index(u) }
    }

    private func removeAvailable(_ u: UnitIndex) {
        let slot = Int(units[Int(u)].availableSlot)
        guard slot >= 0 else { return }
        let last = available.removeLast()
        if last != u {
            available[slot] = last
            units[Int(last)].availableSlot = Int32(slot)
        }
        units[Int(u)].availableSlot = -1
        if indexesFreeUnits { freeByEast.remove(u) }
    }

    /// A free unit that moved is indexed where it now stands.
    private func placed(_ u: UnitIndex) {
        if indexesFreeUnits && units[Int(u)].availableSlot >= 0 { index(u) }
    }

    /// A free unit indexed where it stands (with roads, by the road node nearest it too).
    private func index(_ u: UnitIndex) {
        let place = units[Int(u)].destination
        freeByEast.add(u, at: place, snapped: config.roads?.nearestNode(to: place) ?? (-1, 0))
    }
}
