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
    /// The engine this floor's session runs on (a resumed floor keeps its journal's).
    public private(set) var engineRevision = SessionHeader.currentEngine
    /// The scenario's file as the floor was started on it (its roster may sit beside it).
    public private(set) var scenarioFile: String?
    /// What a resume found, for the floor's log.
    public private(set) var resumeSummary: String?
    /// Foresight for every supervisor: the floor looks ahead (in the background) and sends each
    /// look to every console, so two supervisors never see two futures under one heading.
    public let foresight = ForesightDesk()

    /// What each dispatcher away from their console was told of their areas, for their return.
    private var missed: [String: [String]] = [:]
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
                             journalPath: String, holder: String = FloorLease.defaultHolder()) throws(JournalError) -> FloorRoom {
        var config = scenario.config
        if let seed { config.seed = seed }
        let header = SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: "floor", areas: [], trainee: training ? "training bay" : nil, operatorName: "floor",
            startedAt: Date().timeIntervalSince1970, program: "controlroom floor")
        let journal = try Journal.create(at: journalPath, header: header)
        // In PostgreSQL the floor acts under a lease, the first term of the session's.
        try journal.takeLease(holder: holder)
        let simulation = Simulation(config: config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "floor")
        simulation.advance(to: min(from, config.duration))
        recorder.flush()
        let room = FloorRoom(simulation: simulation, recorder: recorder, scenario: scenario, training: training, history: [])
        room.scenarioFile = file
        return room
    }

    /// The floor recorded in `path`, rebuilt after a crash where its last durable point left it;
    /// the people in their seats again, kept for them as if their consoles had just gone.
    public static func resume(_ path: String, holder: String = FloorLease.defaultHolder()) throws(JournalError) -> FloorRoom {
        // In PostgreSQL: the lease first (refused while another floor's runs), which ends the
        // old floor's connections and so lets its hold go.
        if Journal.inDatabase(path) {
            let journal = try Journal.open(at: path, readOnly: false)
            guard try !journal.progress().ended else { throw .ended(path: journal.path) }
            // The night replayed first (the slow part), so the lease taken is written within its lapse.
            let replay = try SessionReplay(journal: journal)
            try replay.run(to: journal.progress().mark)
            // The floor killed, its hold let go: its lease is not waited out. Just after a kill
            // the server may not yet have ended the dead floor's connections (its hold still
            // taken): looked at again until the hold goes or the lease lapses, a lapse and a
            // second at most; a floor still renewing its lease is refused after that.
            let deadline = Date(timeIntervalSinceNow: FloorLease.lapse + 1)
            while true {
                do {
                    try journal.takeLease(holder: holder, early: !journal.isHeld())
                    break
                } catch {
                    guard case .leaseHeld = error, Date() < deadline else { throw error }
                    usleep(50_000)
                }
            }
            let hold = try JournalHold.taking(path, patience: FloorLease.lapse * 0.75)
            return try resumed(replay, journal: journal, hold: hold)
        }
        let hold = try JournalHold(path: path)
        let journal = try Journal.open(at: path, readOnly: false)
        return try resumed(SessionReplay(journal: journal), journal: journal, hold: hold)
    }

    /// The floor carried on from `replay` (run as far as it has been, or not at all), to the
    /// journal's last durable point: the resume after a crash, and a standby taking over.
    static func resumed(_ replay: SessionReplay, journal: Journal, hold: JournalHold) throws(JournalError) -> FloorRoom {
        let path = journal.path
        let progress = try journal.progress()
        guard !progress.ended else { throw .ended(path: path) }
        replay.take(try journal.actions(after: replay.lastAction))
        try replay.run(to: progress.mark)
        let recorder = try SessionRecorder(journal: journal, simulation: replay.simulation, role: "floor", hold: hold)
        // Refusals for a seat never reached the engine: no console's copy performs them.
        let history = replay.actions.filter { if case .seat? = $0.refusal { false } else { true } }.map {
            FloorAction(mark: $0.mark, action: $0.action, person: $0.person, refused: $0.refusal != nil)
        }
        let room = FloorRoom(simulation: replay.simulation, recorder: recorder, scenario: replay.scenario,
                             training: replay.header.trainee != nil, history: history)
        room.scenarioFile = replay.header.scenarioFile
        room.engineRevision = replay.header.engineRevision
        let now = Date().timeIntervalSince1970
        for recorded in replay.actions {
            // The instructor's clock as it last was.
            if case let .clock(paused, speed) = recorded.action { room.paused = paused; room.speed = speed }
            if case .roster(let text) = recorded.action { room.recordedRoster = text }
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

    /// Who may sit where: with a roster, a console is the person its system account is (read
    /// from the socket), in a seat the roster gives them; without one, whoever can open the
    /// socket joins under the name they give. Set with `use(_:)`, which journals it.
    public private(set) var roster: Roster?
    /// The roster the journal last recorded (a resumed floor must find it again).
    public private(set) var recordedRoster: String?

    /// Puts `roster` in force; a roster the journal has not recorded (new, or changed since) is
    /// journalled as the floor's action, so the record says who could sit where.
    public func use(_ roster: Roster?) {
        self.roster = roster
        guard let roster, roster.recorded != recordedRoster else { return }
        perform(.roster(roster.recorded), by: nil)
        recordedRoster = roster.recorded
    }

    /// A console says hello: seated (a welcome with the world so far), or refused with why.
    /// `account`: the system account at the other end of the connection (nil: not known).
    public func hello(_ connection: Connection, name raw: String, seat seatText: String, version: Int, account: PeerAccount? = nil) {
        let from = account.map { " from \($0.described)" } ?? ""
        func refuse(_ why: String) {
            log("refused \(raw.isEmpty ? "a console" : PersonName.shown(raw)) as \(seatText.isEmpty ? "no seat named" : PersonName.shown(seatText))\(from): \(why)")
            send([connection], .refused(why))
        }
        guard version == FloorProtocol.version else {
            return refuse("this console speaks the floor's protocol \(version), the floor \(FloorProtocol.version): use the same controlroom")
        }
        // One seat per console: a second hello on a connection would hold a seat nobody frees.
        if let held = holders.first(where: { $0.connection == connection }) {
            return refuse("this console already holds the \(held.seat.text(areas: areaNames)) seat as \(held.name): one seat per console")
        }
        let name: String
        var rostered: Roster.Person?
        if let roster {
            // The person is the account's, whatever the console says.
            guard let account else { return refuse("the floor cannot tell which account this console is: it has a roster, so it seats only those it can") }
            guard let person = roster.person(account: account.name) else {
                return refuse("the account \(account.described) is not on this floor's roster (\(roster.file)): ask your supervisor to add you")
            }
            if !raw.isEmpty, PersonName.check(raw) != .success(person.name) {
                return refuse("the account \(account.name) is \(person.name) on this floor's roster: join as them (--name may be left out)")
            }
            name = person.name
            rostered = person
        } else {
            switch PersonName.check(raw) {
            case .success(let n): name = n
            case .failure(let problem): return refuse(problem.words)
            }
        }
        // A name that looks like someone's on the floor (another script's letters, other
        // spaces or accents) would pass for theirs in the journal and on every screen.
        if let twin = holders.first(where: { $0.name != name && PersonName.skeleton($0.name) == PersonName.skeleton(name) }) {
            return refuse("'\(name)' looks like \(twin.name), who is on the floor: join under a name that cannot be taken for theirs")
        }
        let seat: FloorSeat
        if seatText.isEmpty && roster == nil {
            return refuse("which seat? --seat call-handler, dispatcher, dispatcher:AREA, supervisor" + (training ? ", instructor" : "") + " or watch")
        }
        if seatText.isEmpty, let roster, let person = rostered {
            guard let only = roster.onlySeat(of: person, training: training) else {
                let theirs = person.seats.map { $0.text(areas: areaNames) }.filter { $0 != "watch" }
                return refuse(theirs.isEmpty ? "the roster gives \(name) no seat to work in: join with --seat watch"
                              : "which seat? the roster gives \(name) " + theirs.joined(separator: ", ") + (person.seats.contains(.trainee) ? " (trainee: call-handler or dispatcher:AREA on a training floor)" : "")
                                + ", or watch: join with --seat SEAT")
            }
            seat = only
        } else {
            switch FloorSeat.parse(seatText, areas: areaNames) {
            case .success(let s): seat = s
            case .failure(let problem): return refuse(problem.words)
            }
        }
        if seat == .instructor && !training {
            return refuse("a shift floor has no instructor: its clock runs with the day (a training floor has one: floor start FILE --training)")
        }
        if let roster, let person = rostered, !roster.allows(person, seat, training: training) {
            let theirs = person.seats.map { $0.text(areas: areaNames) }
            return refuse("the roster does not give \(name) the \(seat.text(areas: areaNames)) seat"
                          + (theirs.isEmpty ? "; they may watch" : "; theirs: " + theirs.joined(separator: ", ") + ", or watch")
                          + (person.seats.contains(.trainee) && !training ? " (trainee seats are on training floors)" : ""))
        }
        if let i = holders.firstIndex(where: { $0.name == name }) {
            guard holders[i].connection == nil else { return refuse("\(name) is already on the floor at another console") }
            guard holders[i].seat == seat else {
                return refuse("\(name) holds the \(holders[i].seat.text(areas: areaNames)) seat: join with --seat \(holders[i].seat.text(areas: areaNames))")
            }
            holders[i].connection = connection
            holders[i].awaySince = nil
            log("\(name) rejoined as \(seat.text(areas: areaNames))\(from)")
            welcome(connection, name: name, seat: seat, rejoined: true)
            everyone(.notice("\(name) is back at the \(seat.words(areas: areaNames)) seat."))
            sendPerson(holders[i])
            if let told = missed.removeValue(forKey: name) {
                send([connection], .notice("While you were away: " + told.joined(separator: " ")))
            }
            return
        }
        if let other = holders.first(where: { $0.seat.clashes(with: seat) }) {
            return refuse("the \(seat.text(areas: areaNames)) seat is taken by \(other.name)"
                          + (other.connection == nil ? " (their console is gone; kept for them for \(Int(seatKeptFor)) s)" : ""))
        }
        if journalStopped { return refuse("the floor's journal cannot be written just now; try again in a moment") }
        let holder = Holder(name: name, seat: seat, connection: connection, awaySince: nil)
        holders.append(holder)
        perform(.tookSeat(seat.text(areas: areaNames)), by: name)
        if case .dispatcher = seat { seatDispatchers(by: name) }
        log("\(name) joined as \(seat.text(areas: areaNames))\(from)")
        welcome(connection, name: name, seat: seat, rejoined: false)
        everyone(.notice("\(name) joined as \(seat.words(areas: areaNames))."), except: connection)
        sendPerson(holder, except: connection)
    }

    /// Whether `account` may end the floor's session: the floor's own account or root; on a
    /// floor with a roster, also a supervisor or instructor of it. An account the floor could
    /// not read may not.
    public func mayStop(_ account: PeerAccount?) -> Bool {
        guard let account else { return false }
        if let uid = account.uid, uid == getuid() || uid == 0 { return true }
        return roster?.person(account: account.name)?.seats.contains { $0 == .supervisor || $0 == .instructor } ?? false
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
        sendPerson(holders[i])
    }

    /// Frees a seat: the engine takes back what the person did (an area, a call-handling seat).
    private func free(_ i: Int, why: String) {
        let holder = holders.remove(at: i)
        missed[holder.name] = nil
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
        everyone(.personLeft(holder.name))
    }

    /// The areas people dispatch, as the engine is told: the engine plays the rest.
    private func seatDispatchers(by name: String) {
        let seats = holders.compactMap { h -> Int?? in if case .dispatcher(let a) = h.seat { a } else { nil } }
        let areas: [Int]? = seats.isEmpty ? nil : seats.contains(where: { $0 == nil }) ? [] : seats.compactMap { $0 }.sorted()
        perform(.dispatchSeat(areas: areas), by: name)
    }

    private func welcome(_ connection: Connection, name: String, seat: FloorSeat, rejoined: Bool) {
        send([connection], .welcome(FloorWelcome(
            scenarioName: scenario.name, scenarioFile: recorder.journal.path, scenarioSource: scenario.source,
            seed: simulation.config.seed, history: history, mark: simulation.mark, paused: paused, speed: speed,
            people: people, journal: recorder.journal.path, training: training, foresight: foresight.latest, rejoined: rejoined,
            you: name, seat: seat.text(areas: areaNames), engine: engineRevision)))
        if journalStopped, let failure = recorder.failure { send([connection], .journalProblem(failure.reason)) }
    }

    public var people: [FloorPerson] { holders.map(person) }

    private func person(_ h: Holder) -> FloorPerson {
        FloorPerson(name: h.name, seat: h.seat.words(areas: areaNames),
                    dispatches: { if case .dispatcher = h.seat { true } else { false } }(),
                    handlesCalls: h.seat == .callHandler, awaySince: h.awaySince)
    }

    /// One person's entry as it now is, to every console: the list is sent whole only in a
    /// welcome, so a floor of hundreds does not send hundreds of entries on each join.
    private func sendPerson(_ h: Holder, except: Connection? = nil) { everyone(.person(person(h)), except: except) }

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
    /// it is in the journal. An action on another dispatcher's area is asked first (`across`:
    /// the person said yes), or refused where the roster says so; once done, they are told.
    public func act(_ connection: Connection, id: UInt64, _ action: OperatorAction, across acrossConfirmed: Bool = false) {
        guard let holder = holders.first(where: { $0.connection == connection }) else {
            return send([connection], .ack(id: id, refusal: nil, problem: "Refused: this console has no seat on the floor."))
        }
        if let failure = recorder.failure {
            return send([connection], .ack(id: id, refusal: nil, problem: "Refused: the floor's journal cannot be written (\(failure.reason)); nothing was changed."))
        }
        var why = refusal(of: action, by: holder.seat)
        var owners: [AcrossAreas.Owner] = []
        if why == nil, case .command(let command) = action, command.work != .callHandling {
            let across = AcrossAreas(simulation: simulation, areaNames: areaNames)
            switch holder.seat {
            case .dispatcher(let mine?):
                owners = across.owners(of: command, actor: holder.name, mine: mine, holders: holders)
                if !owners.isEmpty {
                    if roster?.acrossAreas == .refuse { why = AcrossAreas.refusal(owners) }
                    else if !acrossConfirmed { return send([connection], .ask(id: id, question: AcrossAreas.question(command, owners))) }
                }
            case .supervisor:
                // A supervisor may take over any area: done at once, its dispatcher told.
                owners = across.owners(of: command, actor: holder.name, mine: nil, holders: holders)
            default:
                break
            }
        }
        if let why {
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
        if refusal == nil, case .command(let command) = action {
            for owner in owners { tell(owner, AcrossAreas.told(command, by: holder.name, seat: holder.seat.words(areas: areaNames), owner)) }
        }
        send([connection], .ack(id: id, refusal: refusal, problem: nil))
    }

    /// Tells a dispatcher what another did in their area: on their status line now, or when
    /// they are back if their console is away (the last few kept).
    private func tell(_ owner: AcrossAreas.Owner, _ words: String) {
        log(words + " \(owner.name) told" + (owner.connection == nil ? " on return" : ""))
        if let to = owner.connection { return send([to], .notice(words)) }
        missed[owner.name, default: []].append(words)
        if missed[owner.name]!.count > 10 { missed[owner.name]!.removeFirst() }
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
        case .roster:
            return "the roster is the floor's, read when it starts or resumes."
        case .clock:
            return "the floor's clock is the instructor's, run with its keys"
        case .inject:
            return seat == .instructor ? nil : "only the instructor injects the script's events."
        case .mark:
            return seat == .instructor ? nil : "only the instructor marks moments for the debrief."
        case .alertsSeen:
            return nil
        case .askedFirst:
            // A yes to a question is the record of acting: a watching seat acts on nothing.
            return seat == .watch ? "watching is read-only." : nil
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
            case .dispatcher:
                return command.work == .callHandling ? "answering calls is the call handler's seat; a dispatcher sends and looks after units." : nil
            }
        }
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
                ? try BayReport.build(paths: [recorder.journal.location]).text(width: wide)
                : try Debrief.build(path: recorder.journal.location, person: holder.name).text(width: wide)
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
