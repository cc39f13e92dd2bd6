import ArgumentParser
import DispatchEngine
import FloorLink
import Foundation
import Journal
import Scenario

/// `controlroom floor start|resume|stop`: the floor process, headless.
struct FloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor",
        abstract: "Run a floor: one engine, clock and journal that many consoles join (controlroom join).",
        subcommands: [FloorStart.self, FloorResume.self, StandbyCommand.self, FloorStop.self, FloorRehearse.self, FloorCertificate.self])
}

/// Where the floor's socket is, for every command that names it.
struct FloorSocketOption: ParsableArguments {
    @Option(help: "The floor's socket (default: $XDG_RUNTIME_DIR/controlroom-floor.sock, else in the state folder).")
    var socket: String?

    var path: String { socket ?? Self.defaultPath() }

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") { return runtime + "/controlroom-floor.sock" }
        return JournalLocation.folder(environment: environment) + "/floor.sock"
    }
}

/// How long a console that is gone keeps its seat.
struct SeatGraceOption: ParsableArguments {
    @Option(name: .customLong("seat-grace"), parsing: .unconditional,
            help: "Seconds a console that is gone keeps its seat for its person to rejoin, 1 to 600 (default 30).",
            transform: { try WholeNumber.parse($0, option: "--seat-grace", in: 1...600) })
    var value: Int = 30

    var seconds: Double { Double(value) }
}

/// Who may sit where: `--roster FILE`, else `roster.yaml` beside the scenario, else the site's
/// `roster.yaml`; none: whoever can open the socket joins under the name they give. A roster with
/// problems stops the floor before it opens, every problem located.
struct RosterOption: ParsableArguments {
    @Option(help: "Who may sit where (default: roster.yaml beside the scenario, else $XDG_CONFIG_HOME/controlroom/roster.yaml).")
    var roster: String?

    /// The roster to use: `--roster`, else the one the journal recorded (a resumed floor),
    /// else one beside the scenario or in the site's config. A resumed floor whose recorded
    /// roster cannot be had is not opened: it would seat anyone as anyone.
    func load(scenarioFile: String?, areas: [String], recorded: String? = nil) -> Roster? {
        let places = [recorded.map(Roster.file(recorded:))].compactMap { $0 } + Roster.places(scenarioFile: scenarioFile)
        guard let path = roster ?? places.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            if let recorded {
                Failure.fail("this floor ran with the roster \(Roster.file(recorded: recorded)), which cannot be read now: "
                             + "resume it with --roster FILE (who may sit where), or put the roster back", status: 1)
            }
            return nil
        }
        do {
            let loaded = try Roster.load(path: path, areas: areas)
            if let recorded, recorded != loaded.recorded {
                FloorLog.line("the roster is not the one this floor last recorded (\(recorded)): now \(loaded.recorded), journalled")
            }
            return loaded
        } catch {
            FileHandle.standardError.write((Output.visible(error.description) + "\n").data(using: .utf8)!)
            Foundation.exit(2)
        }
    }
}

/// The floor's socket as an argument (`join`, `floor stop`), defaulting as `--socket` does.
struct FloorSocketArgument: ParsableArguments {
    @Argument(help: "The floor's socket (default: as floor start). To join: also tls://HOST:PORT for a floor on another host, and A,B for a floor and its standby, each tried in turn.")
    var socketPath: String?

    var path: String { socketPath ?? FloorSocketOption.defaultPath() }
}

/// What the floor process prints: a line each time something happens, with the wall time.
enum FloorLog {
    static func line(_ text: String) {
        Output.print(stamper.string(from: Date()) + " " + text)
    }

    /// Serves `room` on `socket` (and over TLS with `tls`) until stopped (floor stop) or halted
    /// (a signal: resumable).
    static func serve(_ room: FloorRoom, socket: String, tls: (FloorTLS, [(host: String, port: Int)])? = nil) -> Never {
        if let roster = room.roster {
            line("roster \(roster.file): \(roster.people.count) people, each seated as their system account" + (tls == nil ? "" : " (over TLS, the account their certificate names)")
                 + " and only where it says; "
                 + (roster.acrossAreas == .ask ? "a dispatcher acting in another's area is asked first and that dispatcher told" : "dispatchers kept to their own areas"))
        } else {
            line("no roster: anyone who can open the socket (this account and its group)" + (tls == nil ? "" : ", or shows a certificate from the floor's authority,")
                 + " joins under the name they give; a roster.yaml beside the scenario or --roster FILE says who may sit where")
        }
        if let unsigned = Signing.attach(to: room.recorder) { line("the journal is " + unsigned) }
        let server = FloorServer(room: room, socketPath: socket, log: line)
        if let tls {
            server.tls = tls.0
            server.tlsAddresses = tls.1
        }
        do { try server.start() } catch {
            Failure.fail(error is FloorAddressProblem ? "\(error)" : "the floor's socket \(socket) could not be opened: \(error)")
        }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { server.halt() }
            source.resume()
            signalSources.append(source)
        }
        DispatchQueue.global().async {
            server.wait()
            // A floor whose lease another took stops acting: not a clean end.
            exit(server.lostLease ? 1 : 0)
        }
        dispatchMain()
    }
    nonisolated(unsafe) static let stamper: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.dateFormat = "HH:mm:ss"
        return f
    }()
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

    static func prepare(_ socket: String) {
        if let problem = FloorServer.checkPlace(socket) { Failure.fail(problem) }
        let folder = (socket as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

struct FloorStart: ParsableCommand, Seeded {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a floor on a scenario: headless, with a status line a minute and a log of who joined and left.")

    @Argument(help: "The scenario file (YAML); 'default' for the built-in Friday night.")
    var file: String

    @OptionGroup var socket: FloorSocketOption
    @OptionGroup var seedOption: SeedOption

    @Option(parsing: .unconditional, help: "Open the floor this far into the scenario (default: its console_from).",
            transform: SimulatedTime.parse)
    var from: SimTime?

    @Flag(help: "A training bay: an instructor runs the clock and injects events; each trainee gets a debrief.")
    var training = false

    @Option(help: "The floor's journal (default: a new file under $XDG_STATE_HOME/controlroom/).")
    var journal: String?

    @OptionGroup var grace: SeatGraceOption
    @OptionGroup var roster: RosterOption
    @OptionGroup var listen: FloorListenOption

    func run() throws {
        let scenario = ScenarioFiles.named(file)
        let tls = listen.tls()
        let seating = roster.load(scenarioFile: file == "default" ? nil : file, areas: scenario.config.areas.map(\.name))
        let path = journal ?? JournalLocation.newPath(scenario: scenario.name, start: Date())
        if !Journal.inDatabase(path) && FileManager.default.fileExists(atPath: path) {
            Failure.fail("\(path) already holds a session; to carry it on, run: controlroom floor resume \(path)")
        }
        FloorLog.prepare(socket.path)
        let room = Journals.attempt { () throws(JournalError) in
            try FloorRoom.start(scenario, file: file, seed: seed, from: from ?? scenario.consoleFrom, training: training, journalPath: path)
        }
        room.seatKeptFor = grace.seconds
        room.use(seating)
        if journal != nil && !Journal.inDatabase(path) { JournalLocation.remember(path) }
        FloorLog.line("\(training ? "training floor" : "floor") on \(scenario.name), seed \(room.simulation.config.seed)")
        FloorLog.serve(room, socket: socket.path, tls: tls)
    }
}

struct FloorRehearse: ParsableCommand, Seeded {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Play a floor session headless with model people (a call handler, two dispatchers, a supervisor) into a journal.",
        discussion: "Each acts through the floor's own path, journalled by name; the call handler's console is lost a third of the way in. For audit, report and replay of a floor's record.")

    @Argument(help: "The scenario file (YAML); 'default' for the built-in Friday night.")
    var file: String

    @Option(help: "Where to write the journal.")
    var journal: String

    @Option(parsing: .unconditional, help: "How far into the scenario to play (default: 4h).", transform: SimulatedTime.parse)
    var until: SimTime = 4 * Clock.hour

    @OptionGroup var seedOption: SeedOption

    func run() throws {
        let scenario = ScenarioFiles.named(file)
        if !Journal.inDatabase(journal) && FileManager.default.fileExists(atPath: journal) { Failure.fail("\(journal) already holds a session") }
        let path = Journals.attempt { () throws(JournalError) in
            try FloorRehearsal.run(scenario, file: file, journalPath: journal, seed: seed, until: until, signer: Signing.key())
        }
        Output.print("rehearsed \(scenario.name) with \(FloorRehearsal.people.handler), "
                     + FloorRehearsal.people.dispatchers.joined(separator: ", ") + " and \(FloorRehearsal.people.supervisor): \(Journals.shown(path))")
    }
}

struct FloorResume: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a floor from its journal after a crash: every console reconnects by itself, in its seat.")

    @Argument(help: "The floor's journal.")
    var journal: String

    @OptionGroup var socket: FloorSocketOption
    @OptionGroup var grace: SeatGraceOption
    @OptionGroup var roster: RosterOption

    @OptionGroup var listen: FloorListenOption

    func run() throws {
        let tls = listen.tls()
        FloorLog.prepare(socket.path)
        let room = Journals.attempt { () throws(JournalError) in try FloorRoom.resume(journal) }
        room.seatKeptFor = grace.seconds
        room.use(roster.load(scenarioFile: room.scenarioFile, areas: room.simulation.config.areas.map(\.name), recorded: room.recordedRoster))
        FloorLog.serve(room, socket: socket.path, tls: tls)
    }
}

struct StandbyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standby",
        abstract: "A standby floor: follows a floor's session in PostgreSQL, its own engine in lockstep, and takes it over when that floor's lease lapses.",
        discussion: "It opens its socket only once it has taken over; consoles that join with both floors' sockets (join A,B) rejoin it by themselves.")

    @Option(help: "The session's journal in PostgreSQL: postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME].")
    var journal: String

    @Option(help: "This floor's name in the lease and the logs (default: its host and process).")
    var name: String?

    @OptionGroup var socket: FloorSocketOption
    @OptionGroup var grace: SeatGraceOption
    @OptionGroup var roster: RosterOption
    @OptionGroup var listen: FloorListenOption

    func run() throws {
        let tls = listen.tls()
        FloorLog.prepare(socket.path)
        let standby = Journals.attempt { () throws(JournalError) in
            try FloorStandby(location: journal, holder: name ?? FloorLease.defaultHolder(), log: FloorLog.line)
        }
        let room: FloorRoom
        do {
            room = try standby.follow()
        } catch {
            if case .ended = error {
                FloorLog.line("the session was ended (floor stop): nothing for the standby to take over")
                throw ExitCode.success
            }
            Failure.fail(error.description, status: Journals.exitStatus(error))
        }
        room.seatKeptFor = grace.seconds
        room.use(roster.load(scenarioFile: room.scenarioFile, areas: room.simulation.config.areas.map(\.name), recorded: room.recordedRoster))
        FloorLog.serve(room, socket: socket.path, tls: tls)
    }
}

struct FloorStop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "End the floor's session: the journal is finished and every console told.")

    @OptionGroup var socket: FloorSocketArgument

    func run() throws {
        let path = socket.path
        if path.lowercased().hasPrefix("tls://") {
            Failure.fail("floor stop takes the floor's socket on its own host, not its tls:// address: run it there (controlroom floor stop [SOCKET])", status: 1)
        }
        let client: FloorClient
        do { client = try FloorClient(path: path) } catch { Failure.fail("\(error)", status: 1) }
        client.send(.stop)
        // The floor closes the connection once it has finished its journal.
        while let incoming = client.next(within: 10) {
            if case .lost = incoming { break }
            if case .message(.refused(let why)) = incoming {
                client.shutdown()
                Failure.fail("the floor refused: " + why, status: 1)
            }
        }
        client.shutdown()
        Output.print("The floor on \(path) is stopped.")
    }
}

/// `controlroom join`: a console on a floor.
struct Join: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join a floor as a console: call handler, dispatcher (of one area or all), supervisor, instructor or watching.",
        discussion: "An area no dispatcher holds is dispatched by the engine. A seat already held is refused with who holds it.")

    @OptionGroup var socket: FloorSocketArgument

    @Option(help: "call-handler, dispatcher, dispatcher:AREA, supervisor, instructor or watch (with a roster that gives you one seat, it may be left out).")
    var seat: String = ""

    @Option(help: "Your name, as the journal, the supervisor and the debrief show it (with a roster, the floor knows it from your account).")
    var name: String = ""

    @Option(help: "Your console certificate, for a floor at tls://HOST:PORT (default: $XDG_CONFIG_HOME/controlroom/console.pem).")
    var certificate: String?

    func run() throws {
        let path = socket.path
        let addresses: [FloorAddress]
        do { addresses = try FloorAddress.list(path) } catch { Failure.fail(error.description) }
        var shown: ConsoleCertificate?
        if addresses.contains(where: \.isTLS) {
            let file = certificate ?? SiteFolder.path() + "/console.pem"
            if certificate == nil && !FileManager.default.fileExists(atPath: file) {
                Failure.fail("a floor over TLS needs your console certificate: join with --certificate FILE, or put it at \(file) (controlroom floor certificate NAME writes one)")
            }
            do { shown = try ConsoleCertificate.load(file) } catch { Failure.fail(error.description) }
        }
        throw ExitCode(FloorConsole.run(socket: path, name: name, seat: seat, certificate: shown))
    }
}
