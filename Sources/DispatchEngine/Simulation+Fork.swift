/// Forks of the floor for foresight: a copy of the simulation as it stands, run on by the engine
/// alone into one possible future, as things are or with one change a supervisor could make.
public enum WhatIf: Int, Sendable, CaseIterable, Codable {
    /// Nothing changed.
    case asThings
    /// One more unit, lent by a neighbouring area, on duty now at the station of the area whose
    /// coverage is thinnest.
    case borrowUnit
    /// One more free unit kept back from grade-3 work for the emergency to come.
    case holdBackFromGrade3
    /// The next shift to start is called in an hour early (now, if it starts within the hour).
    case nextShiftEarly
}

extension Simulation {
    /// One possible future from now: the same units, jobs, queues, timers and clock; calls,
    /// durations and outcomes still to come drawn from `seed`. The engine plays every seat in it.
    public func fork(seed: UInt64, whatIf: WhatIf = .asThings) -> Simulation {
        fork(seed: seed, whatIf: whatIf, lent: whatIf == .borrowUnit ? unitToBorrow() : nil,
             next: whatIf == .nextShiftEarly ? nextShift() : nil)
    }

    /// The same, with what the what-if changes worked out already (the same for every future of
    /// a look, so `Foresight` works it out once).
    func fork(seed: UInt64, whatIf: WhatIf, lent: UnitSpec?, next: (startsAt: SimTime, units: [UnitIndex])?) -> Simulation {
        var forked = config
        if let lent { forked.units.append(lent) }
        let future = Simulation(forking: self, config: forked, seed: seed)
        future.playsEverySeat()
        switch whatIf {
        case .asThings: break
        case .borrowUnit:
            if lent != nil { future.bookOn(UnitIndex(forked.units.count - 1), endsAt: .max) }
        case .holdBackFromGrade3:
            future.dispatcher?.policy.keepFree += 1
        case .nextShiftEarly:
            for unit in next?.units ?? [] { future.schedule(.unitCalledIn(unit), at: max(now, next!.startsAt - Clock.hour)) }
        }
        future.settleDispatch()
        return future
    }

    /// The unit a neighbouring area would lend: like the first response car of the area whose
    /// coverage (`coverage`, or worked out now) is thinnest, posted at that car's station and on
    /// duty throughout. Nil when the scenario has no response car with a station.
    public func unitToBorrow(_ coverage: [AreaCoverage]? = nil) -> UnitSpec? {
        let thinnest = (coverage ?? self.coverage()).filter { $0.share != nil }.min { $0.share! < $1.share! }?.area
        let cars = config.units.filter { $0.kind == .response && $0.station != nil }
        guard var lent = cars.first(where: { $0.area == thinnest }) ?? cars.first else { return nil }
        lent.callsign = "LOAN"
        lent.shift = nil
        return lent
    }

    /// The next shift of units to start after now: when, and the units off duty now who start then.
    public func nextShift() -> (startsAt: SimTime, units: [UnitIndex])? {
        var soonest: SimTime = .max, units: [UnitIndex] = []
        for (u, spec) in config.units.enumerated() {
            guard let shift = spec.shift, !world.units[u].onDuty else { continue }
            let startsAt = now + (timeToStart(shift) == 0 ? Clock.day : timeToStart(shift))
            if startsAt < soonest { soonest = startsAt; units = [] }
            if startsAt == soonest { units.append(UnitIndex(u)) }
        }
        return units.isEmpty ? nil : (soonest, units)
    }

    /// Called in for the shift that starts next: on duty now until that shift ends.
    func unitCalledIn(_ unit: UnitIndex) {
        guard !world.units[Int(unit)].onDuty, let shift = config.units[Int(unit)].shift else { return }
        bookOn(unit, endsAt: now + timeToStart(shift) + shift.length)
    }

    /// How long from now until `shift` next starts (0: it starts now).
    private func timeToStart(_ shift: DailyShift) -> SimTime {
        ((shift.start - config.calendar.timeOfDay(at: now)) % Clock.day + Clock.day) % Clock.day
    }

    /// In a fork nobody sits at the console: the engine's dispatcher takes every area and answers
    /// every alarm, and what a person's call-handling seat holds is finished as the engine's
    /// handlers would (its own time, its own truth); the seat takes no more calls.
    private func playsEverySeat() {
        var engine = dispatcher ?? AutomatedDispatcher(policy: config.dispatch)
        engine.leaveToPerson = []
        dispatcher = engine
        for pending in world.pendingEmergencies { schedule(.automatedAcknowledge(pending.unit), at: now) }
        for (h, handler) in world.handlers.enumerated() where handler.isPerson {
            for id in [handler.call].compactMap({ $0 }) + handler.held {
                guard let call = world.call(id) else { continue }
                if let staying = world.onTheLine[id] {
                    actor = .automatedHandler(HandlerIndex(h))
                    emit(.callHandled(id, outcome: .incident, incident: staying.incident))
                } else {
                    schedule(.handlingEnds(id), at: max(now, call.answeredAt + call.draw.handling))
                }
            }
        }
        actor = .world
        answerWaitingCalls()
        engineTakesOver()
    }
}
