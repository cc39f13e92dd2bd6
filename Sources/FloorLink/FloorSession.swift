import DispatchEngine
import Foundation
import ReadModel

/// A console's seat on the floor: the connection, the replica of the floor's world and the read
/// model over it. The console's loop pumps it each tick; an action goes through `act`, which
/// returns only once the floor has journalled it (or said why not). When the floor is lost the
/// session says so and tries again each second; once a floor answers (resumed), it joins again
/// with the same name and seat and the world is rebuilt from the floor's history.
/// Used from one thread at a time (the console's, or one bench thread per console).
public final class FloorSession: @unchecked Sendable {
    public enum Change: Equatable {
        case notice(String)
        case people
        case clock
        /// The floor stopped answering: the console goes read-only, keeping its screen.
        case lost(String)
        /// Back on the floor: the world was rebuilt (a new `floor`).
        case back
        case journal(String?)
        case ended
        /// This console's copy stopped matching the floor (should never happen): said, and
        /// read-only from then.
        case broken(String)
    }

    /// The floor's addresses as given (`A,B`: a floor and its standby; sockets or tls://HOST:PORT).
    public let path: String
    /// Each floor this console may find its session on, tried in order; the one that answers is
    /// the one holding the session (a standby opens its socket only once it has taken over).
    public let addresses: [FloorAddress]
    /// What this console shows a floor over TLS.
    public let certificate: ConsoleCertificate?
    /// Who the floor seated this console as, and where (on a floor with a roster, the account's
    /// person whatever name was given).
    public private(set) var name: String
    public private(set) var seat: String
    public private(set) var client: FloorClient?
    public private(set) var replica: FloorReplica
    public private(set) var floor: Floor
    public private(set) var welcome: FloorWelcome
    public private(set) var paused: Bool
    public private(set) var speed: Int
    /// Why the floor is not reachable now (nil: connected).
    public private(set) var lost: String?
    public private(set) var journalProblem: String?
    public private(set) var ended = false
    private var broken: String?
    private var pending: [Change] = []
    private var lastTry = 0.0
    /// Told of each action once this console's world has it (the load bench's "visible").
    public var onAction: ((FloorAction) -> Void)?
    /// How long an action may wait for its acknowledgement before it is said as not acknowledged.
    public var ackTimeout = 5.0

    /// Joins the floor at `path` (`A,B`, each a socket or tls://HOST:PORT), showing `certificate`
    /// over TLS: refused with the floor's reason (the seat taken, by whom; the certificate).
    public static func join(path: String, name: String, seat: String, certificate: ConsoleCertificate? = nil) throws(FloorJoinProblem) -> FloorSession {
        let addresses: [FloorAddress]
        do { addresses = try FloorAddress.list(path) } catch { throw FloorJoinProblem(error.description) }
        let (client, welcome) = try connectToAny(addresses, certificate: certificate, name: name, seat: seat)
        return try FloorSession(path: path, addresses: addresses, certificate: certificate, name: name, seat: seat, client: client, welcome: welcome)
    }

    /// The first of `addresses` whose floor answers and seats this console; the last one's
    /// problem when none does (a refusal is said at once: the floor that answered holds the session).
    private static func connectToAny(_ addresses: [FloorAddress], certificate: ConsoleCertificate?, name: String, seat: String) throws(FloorJoinProblem) -> (FloorClient, FloorWelcome) {
        var problem = FloorJoinProblem("no floor address given")
        for (i, address) in addresses.enumerated() {
            // A floor that is not there is passed over while another may answer.
            if i < addresses.count - 1 && !FloorClient.mayAnswer(address) { continue }
            do { return try connect(address, certificate: certificate, name: name, seat: seat) } catch {
                problem = error
                // A floor that answered and refused this console holds the session: said at once.
                if error.refusedByFloor { break }
            }
        }
        throw problem
    }

    private init(path: String, addresses: [FloorAddress], certificate: ConsoleCertificate?, name: String, seat: String, client: FloorClient, welcome: FloorWelcome) throws(FloorJoinProblem) {
        self.path = path; self.addresses = addresses; self.certificate = certificate
        self.name = welcome.you; self.seat = welcome.seat
        self.client = client
        self.welcome = welcome
        paused = welcome.paused
        speed = welcome.speed
        do {
            (replica, floor) = try Self.build(welcome)
        } catch {
            client.shutdown()
            throw FloorJoinProblem(error.description)
        }
        wire()
    }

    private static func connect(_ address: FloorAddress, certificate: ConsoleCertificate?, name: String, seat: String) throws(FloorJoinProblem) -> (FloorClient, FloorWelcome) {
        let client: FloorClient
        do { client = try FloorClient(address: address, certificate: certificate) } catch { throw FloorJoinProblem("\(error)") }
        let path = address.description
        client.send(.hello(name: name, seat: seat, version: FloorProtocol.version))
        while true {
            switch client.next(within: 10) {
            case .message(.welcome(let w))?: return (client, w)
            case .message(.refused(let why))?:
                client.shutdown()
                throw FloorJoinProblem("the floor refused: " + why, refusedByFloor: true)
            case .message?: continue
            case .lost(let why)?:
                client.shutdown()
                // Over TLS, a floor that refuses the certificate closes the connection with why
                // (a connection cut otherwise is no refusal: the next floor is tried); a floor
                // this console does not trust is this console's refusal.
                if why.contains("does not trust") { throw FloorJoinProblem("this console did not join \(path): \(why)", refusedByFloor: true) }
                throw FloorJoinProblem("the floor on \(path) closed the connection (\(why))", refusedByFloor: address.isTLS && why.contains("certificate"))
            case nil:
                client.shutdown()
                throw FloorJoinProblem("the floor on \(path) did not answer within 10 s")
            }
        }
    }

    private static func build(_ welcome: FloorWelcome) throws(ReplicaProblem) -> (FloorReplica, Floor) {
        let replica = try FloorReplica(welcome)
        let floor = Floor(simulation: replica.simulation, scenarioName: welcome.scenarioName)
        try replica.catchUp(welcome)
        floor.people = welcome.people
        if let look = welcome.foresight { floor.foresight.receive(look) }
        return (replica, floor)
    }

    private func wire() {
        floor.sendAction = { [unowned self] action, across in self.act(action, across: across) }
        // The floor makes the looks ahead: `:foresee` asks it, and its looks come to every console.
        floor.foresight.followFloor { [unowned self] in
            guard let client = self.client, self.lost == nil else { return }
            client.send(.foresee(id: client.ask()))
        }
        floor.recordProblem = { [unowned self] in
            self.lost.map { "the floor is not answering: \($0)" } ?? self.broken ?? self.journalProblem.map { "the floor's journal: \($0)" }
        }
    }

    /// Applies what the floor has sent; returns what the console should say or show anew.
    /// `waiting`: seconds to wait for the first message when none has come (a headless console).
    public func pump(waiting: Double = 0) -> [Change] {
        if lost != nil {
            retry()
        } else if let client {
            if waiting > 0, let first = client.next(within: waiting) { handle(first) }
            for incoming in client.take() { handle(incoming) }
        }
        defer { pending.removeAll() }
        return pending
    }

    private func handle(_ incoming: FloorClient.Incoming) {
        switch incoming {
        case .lost(let why):
            guard lost == nil else { return }
            lost = ended ? "the floor was stopped" : why
            client?.shutdown()
            client = nil
            if !ended { pending.append(.lost(why)) }
        case .message(let message):
            apply(message)
        }
    }

    private func apply(_ message: FloorMessage) {
        guard broken == nil else { return }
        do {
            switch message {
            case .run(let mark): try replica.run(to: mark)
            case .acted(let action):
                try replica.apply(action)
                onAction?(action)
            case .person(let person):
                if let i = floor.people.firstIndex(where: { $0.name == person.name }) { floor.people[i] = person } else { floor.people.append(person) }
                pending.append(.people)
            case .personLeft(let name):
                floor.people.removeAll { $0.name == name }
                pending.append(.people)
            case .foresight(let look):
                floor.foresight.receive(look)
            case let .clock(paused, speed):
                self.paused = paused; self.speed = speed
                pending.append(.clock)
            case .notice(let words): pending.append(.notice(words))
            case .journalProblem(let problem):
                journalProblem = problem
                pending.append(.journal(problem))
            case .ended:
                ended = true
                pending.append(.ended)
            case .welcome, .refused, .ack, .ask, .answer:
                break
            }
        } catch {
            broken = error.description
            pending.append(.broken(error.description))
        }
    }

    /// Sends the person's action and waits for its acknowledgement, applying what comes before
    /// it in order: when it returns, this console's world has the action in it.
    /// `across`: the person was asked (another dispatcher's area) and said yes.
    public func act(_ action: OperatorAction, across: Bool = false) -> FloorAnswer {
        guard let client, lost == nil else {
            return .notTaken("Refused: the floor is not answering (\(lost ?? "no connection")); nothing was changed.")
        }
        let id = client.ask()
        client.send(across ? .actAcross(id: id, action: action) : .act(id: id, action: action))
        let deadline = Date(timeIntervalSinceNow: ackTimeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0, let incoming = client.next(within: left) else {
                return .notTaken("NOT ACKNOWLEDGED: the floor did not answer within \(Int(ackTimeout)) s; "
                                 + "look at the incident before doing it again.")
            }
            if case .message(.ack(let got, let refusal, let problem)) = incoming, got == id {
                if let problem { return .notTaken(problem) }
                return refusal.map(FloorAnswer.refused) ?? .done
            }
            if case .message(.ask(let got, let question)) = incoming, got == id { return .asks(question) }
            handle(incoming)
            if lost != nil {
                return .notTaken("NOT ACKNOWLEDGED: the floor stopped answering before it acknowledged; once it is back, "
                                 + "look at the incident: only what it acknowledged is sure to be in its journal.")
            }
        }
    }

    /// A request answered by the floor with words (the instructor's clock, a debrief).
    public func request(_ make: (UInt64) -> ConsoleMessage) -> (refusal: String?, lines: [String]) {
        guard let client, lost == nil else { return ("the floor is not answering", []) }
        let id = client.ask()
        client.send(make(id))
        let deadline = Date(timeIntervalSinceNow: 30)
        while let incoming = client.next(within: max(0, deadline.timeIntervalSinceNow)) {
            if case .message(.answer(let got, let refusal, let lines)) = incoming, got == id { return (refusal, lines) }
            handle(incoming)
            if lost != nil { return ("the floor stopped answering", []) }
        }
        return ("the floor did not answer", [])
    }

    /// While lost: once a second, a floor answering at one of its addresses is joined again.
    /// The joining runs on a thread of its own (over TLS a floor's host may take seconds not to
    /// answer): the console's screen goes on meanwhile, and takes the result when it is there.
    private func retry() {
        if let rejoin {
            guard let result = rejoin.take() else { return }
            self.rejoin = nil
            // Said once when lost; tried again next second.
            guard case .success(let (client, welcome, replica, floor)) = result else { return }
            guard !ended else { client.shutdown(); return }
            self.client = client
            self.welcome = welcome
            self.name = welcome.you
            self.seat = welcome.seat
            self.replica = replica
            self.floor = floor
            paused = welcome.paused
            speed = welcome.speed
            lost = nil
            journalProblem = nil
            wire()
            pending.append(.back)
            return
        }
        let now = Date().timeIntervalSince1970
        guard !ended, now - lastTry >= 1 else { return }
        lastTry = now
        let job = Rejoin()
        rejoin = job
        let (addresses, certificate, name, seat) = (self.addresses, self.certificate, self.name, self.seat)
        Thread.detachNewThread {
            do {
                let (client, welcome) = try Self.connectToAny(addresses, certificate: certificate, name: name, seat: seat)
                do {
                    let (replica, floor) = try Self.build(welcome)
                    job.finish(.success((client, welcome, replica, floor)))
                } catch {
                    client.shutdown()
                    job.finish(.failure(FloorJoinProblem("\(error)")))
                }
            } catch {
                job.finish(.failure(error as? FloorJoinProblem ?? FloorJoinProblem("\(error)")))
            }
        }
    }

    /// A rejoin under way on its own thread, and what came of it.
    private var rejoin: Rejoin?
    private final class Rejoin: @unchecked Sendable {
        typealias Joined = (FloorClient, FloorWelcome, FloorReplica, Floor)
        private let lock = NSLock()
        private var result: Result<Joined, FloorJoinProblem>?
        private var abandoned = false
        func finish(_ outcome: Result<Joined, FloorJoinProblem>) {
            let left = lock.withLock { () -> Bool in
                result = outcome
                return abandoned
            }
            // The console left meanwhile: the seat just taken is given back at once.
            if left, case .success(let joined) = outcome { joined.0.close(bye: true); joined.0.shutdown() }
        }
        func take() -> Result<Joined, FloorJoinProblem>? { lock.withLock { result } }
        func abandon() {
            let done = lock.withLock { () -> Result<Joined, FloorJoinProblem>? in
                abandoned = true
                return result
            }
            if case .success(let joined)? = done { joined.0.close(bye: true); joined.0.shutdown() }
        }
    }

    /// Leaves the floor: the seat is free at once.
    public func leave() {
        rejoin?.abandon()
        rejoin = nil
        client?.close(bye: true)
        client?.shutdown()
        client = nil
    }
}

public struct FloorJoinProblem: Error, CustomStringConvertible {
    public var description: String
    /// A floor answered and refused this console (not: nothing answered).
    public var refusedByFloor = false
    public init(_ description: String, refusedByFloor: Bool = false) { self.description = description; self.refusedByFloor = refusedByFloor }
}
