import DispatchEngine
import Debrief
import Foundation
import Journal
import ReadModel
import Scenario

/// The floor's authority: the one engine, its clock and its journal, and who sits where. Every
/// console's action comes here, is performed by the engine as that person's, journalled, then
/// sent to every console in the order performed, and only then acknowledged. Pure: the server
/// (`FloorServer`) hands it messages and sends what it returns; everything runs on one thread.
public final class FloorRoom {
    public typealias Connection = Int
    public let simulation: Simulation
    public let recorder: SessionRecorder
    public let scenario: Scenario
    public let training: Bool
    /// Every action performed, with its mark: a joining console replays them.
    public private(set) var history: [FloorAction] = []
    public internal(set) var paused = false
    public internal(set) var speed = 1
    /// How long a seat is kept for a console that is gone, for it to rejoin with the same name.
    public var seatKeptFor: Double = 30
    /// Sends a message to these consoles (the server's outbound side, encoding it once).
    public var send: ([Connection], FloorMessage) -> Void = { _, _ in }
    /// The floor's log (who joined, left, what failed).
    public var log: (String) -> Void = { _ in }

    struct Holder {
        var name: String
        var seat: FloorSeat
        var connection: Connection?
        var awaySince: Double?
    }
    private(set) var holders: [Holder] = []
    private var lastMark: RunMark
    private var target: Double
    private var journalStopped = false
    private var ended = false
    let areaNames: [String]
    /// What a resume found, for the floor's log.
    public private(set) var resumeSummary: String?
    /// Foresight for every supervisor: the floor looks ahead (in the background) and sends each
    /// look to every console, so two supervisors never see two futures under one heading.
    public let foresight = ForesightDesk()

    /// The seat refusals journalled for each person lately (their times), to keep a member who
    /// sends refused actions in a loop from filling the journal.
    private var seatRefusals: [String: [Double]] = [:]
    /// At most this many seat refusals a minute per person are journalled; the rest are only answered.
    static let seatRefusalsKeptPerMinute = 30
    /// A refused action larger than this (encoded) is answered, not journalled.
    static let largestRefusalKept = 2_048

    /// Actions performed and refused by the engine since the floor started, for the status line.
    public private(set) var counts = (performed: 0, refused: 0)

    init(simulation: Simulation, recorder: SessionRecorder, scenario: Scenario, training: Bool, history: [FloorAction]) {
        self.simulation = simulation
        self.recorder = recorder
        self.scenario = scenario
        self.training = training
        self.history = history
        areaNames = simulation.config.areas.map(\.name)
        // A training floor waits for its instructor to start the clock.
        paused = training
        lastMark = simulation.mark
        target = Double(simulation.now)
    }

    /// A new floor and its journal: the night run up to `from` by the engine alone.
    public static func start(_ scenario: Scenario, file: String, seed: UInt64?, from: SimTime, training: Bool,
                             journalPath: String) throws(JournalError) -> FloorRoom {
        var config = scenario.config
        if let seed { config.seed = seed }
        let header = SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: "floor", areas: [], trainee: training ? "training bay" : nil, operatorName: "floor",
            startedAt: Date().timeIntervalSince1970, program: "controlroom floor")
        let journal = try Journal.create(at: journalPath, header: header)
        let simulation = Simulation(config: config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "floor")
        simulation.advance(to: min(from, config.duration))
        recorder.flush()
        return FloorRoom(simulation: simulation, recorder: recorder, scenario: scenario, training: training, history: [])
    }

    /// The floor recorded in `path`, rebuilt after a crash where its last durable point left it;
    /// the people in their seats again, kept for them as if their consoles had just gone.
    public static func resume(_ path: String) throws(JournalError) -> FloorRoom {
        let hold = try JournalHold(path: path)
        let journal = try Journal.open(at: path, readOnly: false)
        let replay = try SessionReplay(journal: journal)
        let progress = try journal.progress()
        guard !progress.ended else { throw .ended(path: path) }
        try replay.run(to: progress.mark)
        let recorder = try SessionRecorder(journal: journal, simulation: replay.simulation, role: "floor", hold: hold)
        // Refusals for a seat never reached the engine: no console's copy performs them.
        let history = replay.actions.filter { if case .seat? = $0.refusal { false } else { true } }.map {
            FloorAction(mark: $0.mark, action: $0.action, person: $0.person, refused: $0.refusal != nil)
        }
        let room = FloorRoom(simulation: replay.simulation, recorder: recorder, scenario: replay.scenario,
                             training: replay.header.trainee != nil, history: history)
        let now = Date().timeIntervalSince1970
        for recorded in replay.actions {
            // The instructor's clock as it last was.
            if case let .clock(paused, speed) = recorded.action { room.paused = paused; room.speed = speed }
            guard let name = recorded.person else { continue }
            switch recorded.action {
            case .tookSeat(let text):
                if case .success(let seat) = FloorSeat.parse(text, areas: room.areaNames) {
                    room.holders.append(Holder(name: name, seat: seat, connection: nil, awaySince: now))
                }
            case .leftSeat:
                room.holders.removeAll { $0.name == name }
            default:
                break
            }
        }
        room.resumeSummary = ("resumed \(path) at \(RoomClock(start: room.simulation.config.calendar).dateTime(progress.mark.time)): "
                 + "\(replay.actionsPerformed) actions replayed; seats kept \(Int(room.seatKeptFor)) s for "
                 + (room.holders.isEmpty ? "nobody" : room.holders.map(\.name).joined(separator: ", ")))
        return room
    }

    // MARK: Joining and leaving

    /// A console says hello: seated (a welcome with the world so far), or refused with why.
    public func hello(_ connection: Connection, name raw: String, seat seatText: String, version: Int) {
        func refuse(_ why: String) {
            log("refused \(PersonName.shown(raw)) as \(PersonName.shown(seatText)): \(why)")
            send([connection], .refused(why))
        }
        guard version == FloorProtocol.version else {
            return refuse("this console speaks the floor's protocol \(version), the floor \(FloorProtocol.version): use the same controlroom")
        }
        let name: String
        switch PersonName.check(raw) {
        case .success(let n): name = n
        case .failure(let problem): return refuse(problem.words)
        }
        // A name that looks like someone's on the floor (another script's letters, other
        // spaces or accents) would pass for theirs in the journal and on every screen.
        if let twin = holders.first(where: { $0.name != name && PersonName.skeleton($0.name) == PersonName.skeleton(name) }) {
            return refuse("'\(name)' looks like \(twin.name), who is on the floor: join under a name that cannot be taken for theirs")
        }
        // One seat per console: a second hello on a connection would hold a seat nobody frees.
        if let held = holders.first(where: { $0.connection == connection }) {
            return refuse("this console already holds the \(held.seat.text(areas: areaNames)) seat as \(held.name): one seat per console")
        }
        let seat: FloorSeat
        switch FloorSeat.parse(seatText, areas: areaNames) {
        case .success(let s): seat = s
        case .failure(let problem): return refuse(problem.words)
        }
        if seat == .instructor && !training {
            return refuse("a shift floor has no instructor: its clock runs with the day (a training floor has one: floor start FILE --training)")
        }
        if let i = holders.firstIndex(where: { $0.name == name }) {
            guard holders[i].connection == nil else { return refuse("\(name) is already on the floor at another console") }
            guard holders[i].seat == seat else {
                return refuse("\(name) holds the \(holders[i].seat.text(areas: areaNames)) seat: join with --seat \(holders[i].seat.text(areas: areaNames))")
            }
            holders[i].connection = connection
            holders[i].awaySince = nil
            log("\(name) rejoined as \(seat.text(areas: areaNames))")
            welcome(connection, rejoined: true)
            everyone(.notice("\(name) is back at the \(seat.words(areas: areaNames)) seat."))
            sendPeople()
            return
        }
        if let other = holders.first(where: { $0.seat.clashes(with: seat) }) {
            return refuse("the \(seat.text(areas: areaNames)) seat is taken by \(other.name)"
                          + (other.connection == nil ? " (their console is gone; kept for them for \(Int(seatKeptFor)) s)" : ""))
        }
        if journalStopped { return refuse("the floor's journal cannot be written just now; try again in a moment") }
        holders.append(Holder(name: name, seat: seat, connection: connection, awaySince: nil))
        perform(.tookSeat(seat.text(areas: areaNames)), by: name)
        if case .dispatcher = seat { seatDispatchers(by: name) }
        log("\(name) joined as \(seat.text(areas: areaNames))")
        welcome(connection, rejoined: false)
        everyone(.notice("\(name) joined as \(seat.words(areas: areaNames))."), except: connection)
        sendPeople()
    }

    /// The console's connection closed: its seat is kept for it (a bye frees it at once).
    public func gone(_ connection: Connection, bye: Bool = false) {
        guard let i = holders.firstIndex(where: { $0.connection == connection }) else { return }
        if bye {
            free(i, why: "left")
            return
        }
        holders[i].connection = nil
        holders[i].awaySince = Date().timeIntervalSince1970
        log("\(holders[i].name)'s console is gone; the \(holders[i].seat.text(areas: areaNames)) seat is kept \(Int(seatKeptFor)) s")
        everyone(.notice("\(holders[i].name)'s console is gone: their seat is kept \(Int(seatKeptFor)) s for them to rejoin."))
        sendPeople()
    }

    /// Frees a seat: the engine takes back what the person did (an area, a call-handling seat).
    private func free(_ i: Int, why: String) {
        let holder = holders.remove(at: i)
        let seatText = holder.seat.text(areas: areaNames)
        switch holder.seat {
        case .dispatcher:
            seatDispatchers(by: holder.name)
        case .callHandler:
            let index = simulation.people.firstIndex(of: holder.name)
            // What they held goes back to the front of its queue: no caller is left with a seat
            // nobody sits at.
            // The floor's own action, not the person's: journalled with no person (the floor).
            for seat in simulation.world.personSeats where simulation.workload.owner(of: seat) == index {
                perform(.command(.releaseCallHandlerSeat(seat)), by: nil)
            }
        default:
            break
        }
        perform(.leftSeat(seatText), by: holder.name)
        log("\(holder.name) \(why); the \(seatText) seat is free")
        let engine: String
        switch holder.seat {
        case .dispatcher(nil): engine = ": the engine dispatches every area"
        case .dispatcher(let a?): engine = ": the engine dispatches " + (areaNames.indices.contains(a) ? areaNames[a] : "the area")
        default: engine = ""
        }
        everyone(.notice("\(holder.name) \(why == "left" ? "left" : "is gone"); the \(holder.seat.words(areas: areaNames)) seat is free\(engine)."))
        sendPeople()
    }

    /// The areas people dispatch, as the engine is told: the engine plays the rest.
    private func seatDispatchers(by name: String) {
        let seats = holders.compactMap { h -> Int?? in if case .dispatcher(let a) = h.seat { a } else { nil } }
        let areas: [Int]? = seats.isEmpty ? nil : seats.contains(where: { $0 == nil }) ? [] : seats.compactMap { $0 }.sorted()
        perform(.dispatchSeat(areas: areas), by: name)
    }

    private func welcome(_ connection: Connection, rejoined: Bool) {
        send([connection], .welcome(FloorWelcome(
            scenarioName: scenario.name, scenarioFile: recorder.journal.path, scenarioSource: scenario.source,
            seed: simulation.config.seed, history: history, mark: simulation.mark, paused: paused, speed: speed,
            people: people, journal: recorder.journal.path, training: training, foresight: foresight.latest, rejoined: rejoined)))
        if journalStopped, let failure = recorder.failure { send([connection], .journalProblem(failure.reason)) }
    }

    public var people: [FloorPerson] {
        holders.map { h in
            FloorPerson(name: h.name, seat: h.seat.words(areas: areaNames),
                        dispatches: { if case .dispatcher = h.seat { true } else { false } }(),
                        handlesCalls: h.seat == .callHandler, awaySince: h.awaySince)
        }
    }

    private func sendPeople() { everyone(.people(people)) }

    private func everyone(_ message: FloorMessage, except: Connection? = nil) {
        let to = holders.compactMap { h in h.connection.flatMap { $0 == except ? nil : $0 } }
        if !to.isEmpty { send(to, message) }
    }

    // MARK: Actions

    /// Performs `action` as `name`'s, journals it and sends it to every console (as it is sent
    /// to every replica, in the order performed). Returns the engine's refusal.
    /// `name` nil: the floor's own action (a seat released), journalled with no person.
    @discardableResult
    private func perform(_ action: OperatorAction, by name: String?) -> CommandRefusal? {
        let at = simulation.mark
        var refusal: CommandRefusal?
        do { try simulation.perform(action, by: name) } catch { refusal = error }
        let done = FloorAction(mark: at, action: action, person: name, refused: refusal != nil)
        history.append(done)
        if refusal == nil { counts.performed += 1 } else { counts.refused += 1 }
        // The action carries its mark: every replica runs there before performing it.
        everyone(.acted(done))
        return refusal
    }

    /// A console's action: refused if the seat may not, else performed; acknowledged only once
    /// it is in the journal.
    public func act(_ connection: Connection, id: UInt64, _ action: OperatorAction) {
        guard let holder = holders.first(where: { $0.connection == connection }) else {
            return send([connection], .ack(id: id, refusal: nil, problem: "Refused: this console has no seat on the floor."))
        }
        if let failure = recorder.failure {
            return send([connection], .ack(id: id, refusal: nil, problem: "Refused: the floor's journal cannot be written (\(failure.reason)); nothing was changed."))
        }
        if let why = refusal(of: action, by: holder.seat) {
            // A command beyond the seat is the record's too (who tried what), refused; but not
            // without limit, and never with an oversized payload.
            if case .command = action, refusedLately(by: holder.name), Self.size(of: action) <= Self.largestRefusalKept {
                // Journalled only: the world is untouched, so no console's copy needs it.
                simulation.refuseForSeat(action, by: holder.name, why)
                counts.refused += 1
            }
            return send([connection], .ack(id: id, refusal: nil, problem: "Refused: " + why))
        }
        let refusal = perform(action, by: holder.name)
        if let failure = recorder.failure {
            log("journal failed on \(holder.name)'s action: \(failure.reason)")
            noteJournal()
            return send([connection], .ack(id: id, refusal: nil, problem: "NOT ACKNOWLEDGED: the floor's journal could not be written (\(failure.reason)). "
                                         + "The action is held and written when the journal works again; the clock is stopped until then."))
        }
        send([connection], .ack(id: id, refusal: refusal, problem: nil))
    }

    /// Whether another seat refusal of `name`'s may be journalled now (and counts it).
    private func refusedLately(by name: String) -> Bool {
        let now = Date().timeIntervalSince1970
        var times = (seatRefusals[name] ?? []).filter { now - $0 < 60 }
        defer { seatRefusals[name] = times }
        guard times.count < Self.seatRefusalsKeptPerMinute else { return false }
        times.append(now)
        return true
    }

    static func size(of action: OperatorAction) -> Int {
        (try? JSONEncoder().encode(action).count) ?? .max
    }

    /// What a seat may not do (nil: the engine decides).
    private func refusal(of action: OperatorAction, by seat: FloorSeat) -> String? {
        switch action {
        case .dispatchSeat, .tookSeat, .leftSeat:
            return "seats are taken by joining the floor: controlroom join --seat ..."
        case .clock:
            return "the floor's clock is the instructor's, run with its keys"
        case .inject:
            return seat == .instructor ? nil : "only the instructor injects the script's events."
        case .mark:
            return seat == .instructor ? nil : "only the instructor marks moments for the debrief."
        case .alertsSeen:
            return nil
        case .command(.releaseCallHandlerSeat):
            return "a seat is released by the floor when its console has gone, not from a console."
        case .command(let command):
            switch seat {
            case .watch: return "watching is read-only."
            case .instructor: return "the instructor's seat injects events and runs the clock; the trainees act."
            case .callHandler:
                return command.work == .dispatch
                    ? "sending and looking after units is the dispatcher's work; a call handler takes and decides calls (nothing was changed)." : nil
            case .supervisor:
                // A supervisor may take over any area's dispatching, but sits at no phone.
                return command.work == .callHandling ? "answering calls is the call handler's seat; a supervisor oversees and may dispatch." : nil
            case .dispatcher(let mine):
                if command.work == .callHandling { return "answering calls is the call handler's seat; a dispatcher sends and looks after units." }
                return otherDispatcher(of: command, notMine: mine)
            }
        }
    }

    /// Another person who dispatches the area of the command's incident or unit, when the
    /// dispatcher of `notMine` (nil: every area) acts on it: theirs to do. Areas the engine
    /// dispatches are anyone's to help with.
    private func otherDispatcher(of command: Command, notMine mine: Int?) -> String? {
        guard let mine else { return nil }
        let config = simulation.config
        var areas: [(Int, String)] = []
        if let id = command.incident, let record = simulation.world.incident(id), config.places.indices.contains(Int(record.place)) {
            areas.append((config.places[Int(record.place)].area, "incident \(Floor.reference(record.reference))"))
        }
        if let unit = command.unit, config.units.indices.contains(Int(unit)) {
            areas.append((config.units[Int(unit)].area, config.units[Int(unit)].callsign))
        }
        for (area, what) in areas where area != mine {
            let owner = holders.first { h in
                if case .dispatcher(let a) = h.seat { return a == area || a == nil } else { return false }
            }
            if let owner {
                let name = areaNames.indices.contains(area) ? areaNames[area] : "another area"
                return "\(what) is \(name)'s, dispatched by \(owner.name): ask them, or the supervisor (nothing was changed)."
            }
        }
        return nil
    }

    /// The instructor's clock: pause, run, speed. Everyone's console follows it.
    public func clock(_ connection: Connection, id: UInt64, paused: Bool, speed: Int) {
        guard let holder = holders.first(where: { $0.connection == connection }) else { return }
        guard holder.seat == .instructor else {
            return send([connection], .answer(id: id, refusal: "only the instructor pauses the floor or changes its speed", lines: []))
        }
        guard (1...60).contains(speed) else {
            return send([connection], .answer(id: id, refusal: "the floor runs at x1 to x60", lines: []))
        }
        if paused != self.paused || speed != self.speed {
            // Journalled as the instructor's action: the record says who ran the clock, and a
            // resumed floor keeps it.
            perform(.clock(paused: paused, speed: speed), by: holder.name)
            self.paused = paused
            self.speed = speed
            log("\(holder.name): " + (paused ? "paused" : "running at x\(speed)"))
            everyone(.clock(paused: paused, speed: speed))
        }
        send([connection], .answer(id: id, refusal: nil, lines: []))
    }

    /// `:foresee` from any console: the floor looks now, and everyone gets the look.
    public func foresee(_ connection: Connection, id: UInt64) {
        guard holders.contains(where: { $0.connection == connection }) else { return }
        foresight.ask()
        send([connection], .answer(id: id, refusal: nil, lines: []))
    }

    /// The person's own debrief, from the journal as it stands; the instructor's and the
    /// supervisor's, the bay's report: every trainee side by side.
    public func debrief(_ connection: Connection, id: UInt64, width: Int) {
        guard let holder = holders.first(where: { $0.connection == connection }) else { return }
        recorder.flush()
        do {
            let wide = max(40, min(width, 200))
            let text = holder.seat == .instructor || holder.seat == .supervisor
                ? try BayReport.build(paths: [recorder.journal.path]).text(width: wide)
                : try Debrief.build(path: recorder.journal.path, person: holder.name).text(width: wide)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            send([connection], .answer(id: id, refusal: nil, lines: lines))
        } catch {
            send([connection], .answer(id: id, refusal: "the debrief could not be built: \(error)", lines: []))
        }
    }

    // MARK: The clock

    /// Moves the floor on by `elapsed` wall milliseconds (times the speed), at most `budget`
    /// nanoseconds of engine work; writes the journal; frees seats kept too long; tells every
    /// console where the clock is.
    public func tick(elapsed: Double, budget: UInt64 = 8_000_000) {
        let wall = Date().timeIntervalSince1970
        if !paused && !journalStopped {
            target = min(target + elapsed * Double(speed), Double(simulation.config.duration))
            let deadline = DispatchTime.now().uptimeNanoseconds + budget
            var steps = 0
            var finished = true
            while simulation.step(limit: SimTime(target)) {
                steps += 1
                if steps % 64 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { finished = false; break }
            }
            if finished { simulation.advance(to: SimTime(target)) }
        }
        recorder.flush()
        noteJournal()
        if journalStopped { target = Double(simulation.now) }
        for (i, h) in holders.enumerated().reversed() {
            if let away = h.awaySince, wall - away >= seatKeptFor { free(i, why: "did not come back within \(Int(seatKeptFor)) s") }
        }
        if simulation.mark != lastMark {
            lastMark = simulation.mark
            everyone(.run(lastMark))
        }
        // Looked ahead every ten minutes of the floor's clock while someone reads the overview.
        let reading = holders.contains { $0.connection != nil && ($0.seat == .supervisor || $0.seat == .instructor) }
        if foresight.tick(simulation, shown: reading), let look = foresight.latest { everyone(.foresight(look)) }
        if !ended && simulation.now >= simulation.config.duration {
            ended = true
            log("the scenario has ended")
            everyone(.notice("End of the scenario. The floor stays open for debriefs; controlroom floor stop ends it."))
        }
    }

    /// Says when the journal stops or starts being written again (the clock stops meanwhile).
    private func noteJournal() {
        if let failure = recorder.failure, !journalStopped {
            journalStopped = true
            log("JOURNAL NOT WRITTEN: \(failure.reason); the clock is stopped and actions refused")
            everyone(.journalProblem(failure.reason))
        } else if recorder.failure == nil && journalStopped {
            journalStopped = false
            log("the journal is written again")
            everyone(.journalProblem(nil))
        }
    }

    /// Ends the session: the journal finished (a later resume is refused), every console told.
    @discardableResult
    public func stop() -> Bool {
        let written = recorder.finish()
        everyone(.ended)
        log("floor stopped" + (written ? "; the journal is complete" : "; NOT everything could be written"))
        return written
    }

    /// The status line the floor's log prints each minute.
    public func status() -> String {
        let clock = RoomClock(start: simulation.config.calendar)
        let here = holders.filter { $0.connection != nil }.count
        return "\(clock.dateTime(simulation.now)) " + (paused ? "paused" : "x\(speed)")
            + " · \(here) console\(here == 1 ? "" : "s") seated" + (holders.count > here ? ", \(holders.count - here) away" : "")
            + " · incidents open \(simulation.world.incidentsCreated - simulation.world.incidentsClosed)"
            + " · actions \(counts.performed) done, \(counts.refused) refused"
            + (recorder.failure.map { " · JOURNAL NOT WRITTEN: \($0.reason)" } ?? "")
    }
}
