import Foundation
import Journal
import Scenario
import Yams

/// Who may sit where on a floor: each system account's person (their name as every record
/// shows it) and the seats they may take. The floor reads the account of each console from the
/// socket (`PeerAccount`), never from what the console says, and seats it only as the roster
/// allows. Every problem is reported as `file:line:column: what is wrong; what was expected`,
/// all at once; a roster with problems is refused, never half applied.
///
///     across_areas: ask        # a dispatcher acting on another's area is asked first (or: refuse)
///     people:
///       - account: lee
///         name: Lee Jones
///         seats: [call-handler, dispatcher:Northfield Town, supervisor]
///       - account: sam
///         name: Sam Patel
///         seats: [dispatcher]    # any area, or every area
public struct Roster: Sendable, Equatable {
    public enum AcrossAreas: String, Sendable, Equatable {
        /// Asked first, then done, and the area's dispatcher told.
        case ask
        /// Refused: only the area's dispatcher or a supervisor acts there.
        case refuse
    }

    /// A seat the roster gives: as `--seat` names them, and two of its own.
    public enum Seat: Sendable, Equatable {
        case callHandler
        /// One area's dispatcher (nil: any area's, or every area's).
        case dispatcher(area: Int?)
        case supervisor
        case instructor
        /// A call handler's or any dispatcher's seat, on a training floor only.
        case trainee
        case watch

        func allows(_ seat: FloorSeat, training: Bool) -> Bool {
            switch (self, seat) {
            case (.callHandler, .callHandler), (.supervisor, .supervisor), (.instructor, .instructor): true
            case (.dispatcher(nil), .dispatcher): true
            case (.dispatcher(let mine?), .dispatcher(let area?)): mine == area
            case (.trainee, .callHandler), (.trainee, .dispatcher): training
            default: false
            }
        }

        func text(areas: [String]) -> String {
            switch self {
            case .trainee: "trainee"
            case .callHandler: FloorSeat.callHandler.text(areas: areas)
            case .dispatcher(let a): FloorSeat.dispatcher(area: a).text(areas: areas)
            case .supervisor: FloorSeat.supervisor.text(areas: areas)
            case .instructor: FloorSeat.instructor.text(areas: areas)
            case .watch: FloorSeat.watch.text(areas: areas)
            }
        }
    }

    public struct Person: Sendable, Equatable {
        public var account: String
        public var name: String
        public var seats: [Seat]
    }

    public var file: String
    public var people: [Person]
    public var acrossAreas: AcrossAreas
    /// The SHA-256 of the file as read: the journal records which roster was in force.
    public var digest = ""

    /// What the journal records of it (`OperatorAction.roster`): the file and its SHA-256.
    public var recorded: String { file + " sha256:" + digest }

    /// The file a journalled roster names.
    public static func file(recorded: String) -> String {
        guard let cut = recorded.range(of: " sha256:", options: .backwards) else { return recorded }
        return String(recorded[..<cut.lowerBound])
    }

    public func person(account: String) -> Person? { people.first { $0.account == account } }

    /// Whether the person may take `seat` (everyone on the roster may watch).
    public func allows(_ person: Person, _ seat: FloorSeat, training: Bool) -> Bool {
        seat == .watch || person.seats.contains { $0.allows(seat, training: training) }
    }

    /// The one seat a person has when they name none (nil: they have several, or none here).
    public func onlySeat(of person: Person, training: Bool) -> FloorSeat? {
        let seats = person.seats.compactMap { s -> FloorSeat? in
            switch s {
            case .callHandler: .callHandler
            // Any area's dispatcher: which area is the person's choice.
            case .dispatcher(let a?): .dispatcher(area: a)
            case .dispatcher(nil): nil
            case .supervisor: .supervisor
            case .instructor: training ? .instructor : nil
            case .trainee, .watch: nil
            }
        }
        let choices = person.seats.filter { $0 != .watch && ($0 != .instructor || training) }
        return seats.count == 1 && choices.count == 1 ? seats[0] : nil
    }

    /// Where a floor looks for its roster when `--roster` names none: beside the scenario, then
    /// in the site's config folder.
    public static func places(scenarioFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out: [String] = []
        if let scenarioFile, scenarioFile.contains("/") || scenarioFile.hasSuffix(".yaml") {
            out.append(((scenarioFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent("roster.yaml"))
        }
        out.append(SiteFolder.path(environment: environment) + "/roster.yaml")
        return out
    }

    /// The roster at `path` (made absolute, so a resume finds the same file). Says who may sit
    /// where, so it is refused unless it is a regular file owned by this account or root that
    /// nobody else may write: a roster others can edit would let them seat themselves anywhere.
    public static func load(path raw: String, areas: [String]) throws(ScenarioError) -> Roster {
        let path = raw.hasPrefix("/") ? raw : FileManager.default.currentDirectoryPath + "/" + raw
        func refuse(_ why: String) -> ScenarioError {
            ScenarioError(problems: [ScenarioProblem(file: path, line: 1, column: 1, message: why)])
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw refuse("cannot be read (\(String(cString: strerror(errno)))); expected a readable YAML file") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw refuse("is not a regular file; expected a YAML file") }
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            throw refuse("belongs to another account (uid \(info.st_uid)); expected a roster owned by the floor's account or root, as it says who may sit where")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw refuse("others may change it (mode \(String(info.st_mode & 0o777, radix: 8))); expected a roster only its owner may write: chmod go-w \(path)")
        }
        let data = handle.readDataToEndOfFile()
        var roster = try parse(text: String(decoding: data, as: UTF8.self), file: path, areas: areas)
        roster.digest = JournalChain.fingerprint(data)
        return roster
    }

    public static func parse(text: String, file: String, areas: [String]) throws(ScenarioError) -> Roster {
        var problems: [ScenarioProblem] = []
        func fail(_ node: Node?, _ message: String) {
            problems.append(ScenarioProblem(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
        }
        var roster = Roster(file: file, people: [], acrossAreas: .ask)
        guard let root = try Scenario.composeYAML(text: text, file: file), let top = root.mapping else {
            throw ScenarioError(problems: [ScenarioProblem(file: file, line: 1, column: 1,
                                                          message: "the roster is empty or not a mapping; expected people: and across_areas:")])
        }
        var sawPeople = false
        var nodes: [Node] = []
        for (keyNode, value) in top {
            switch keyNode.string {
            case "across_areas":
                guard let v = value.string.flatMap(AcrossAreas.init(rawValue:)) else {
                    fail(value, "across_areas is \(value.string.map { "'\($0)'" } ?? "not a word"); expected ask or refuse"); continue
                }
                roster.acrossAreas = v
            case "people":
                sawPeople = true
                guard let list = value.sequence else { fail(value, "people should be a list; expected - account: NAME entries"); continue }
                for entry in list {
                    if let person = readPerson(entry, areas: areas, fail) { roster.people.append(person); nodes.append(entry) }
                }
            default:
                fail(keyNode, "unknown setting '\(keyNode.string ?? "?")'; expected people or across_areas")
            }
        }
        if !sawPeople { fail(root, "the roster has no people; expected people: with an entry for each account") }
        // An account twice, or two names a screen cannot tell apart, would make two people one.
        var accounts: [String: Int] = [:], looks: [String: String] = [:]
        for (i, p) in roster.people.enumerated() {
            if accounts[p.account] != nil { fail(nodes[i], "account '\(p.account)' is on the roster twice; expected one entry per account") }
            accounts[p.account] = i
            let skeleton = PersonName.skeleton(p.name)
            if let other = looks[skeleton] {
                fail(nodes[i], "'\(p.name)' (account \(p.account)) cannot be told apart from '\(other)' on a screen; expected names that differ")
            }
            looks[skeleton] = p.name
        }
        if !problems.isEmpty { throw ScenarioError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return roster
    }

    private static func readPerson(_ node: Node, areas: [String], _ fail: (Node?, String) -> Void) -> Person? {
        guard let fields = node.mapping else { fail(node, "a person should be a mapping; expected account:, name: and seats:"); return nil }
        var account: String?, name: String?, seats: [Seat] = []
        var ok = true
        for (keyNode, value) in fields {
            switch keyNode.string {
            case "account":
                guard let a = value.string, Self.isAccountName(a) else {
                    fail(value, "account is not a login name; expected the person's system account, such as lee"); ok = false; continue
                }
                account = a
            case "name":
                switch PersonName.check(value.string ?? "") {
                case .success(let n): name = n
                case .failure(let p): fail(value, "name '\(PersonName.shown(value.string ?? ""))' is refused: \(p.words)"); ok = false
                }
            case "seats":
                let items: [Node] = value.sequence.map(Array.init) ?? [value]
                for item in items {
                    guard let seat = readSeat(item.string ?? "", areas: areas) else {
                        fail(item, "no seat '\(PersonName.shown(item.string ?? ""))'; expected call-handler, dispatcher, dispatcher:AREA ("
                             + areas.joined(separator: ", ") + "), supervisor, instructor, trainee or watch")
                        continue
                    }
                    seats.append(seat)
                }
            default:
                fail(keyNode, "unknown field '\(keyNode.string ?? "?")'; expected account, name or seats")
            }
        }
        // Problems with seats or other fields are said above; the person is still checked
        // against the others (an account twice, a look-alike name).
        if account == nil && ok { fail(node, "a person is missing 'account'; expected their system account"); ok = false }
        if name == nil && ok { fail(node, "a person is missing 'name'; expected their name as records show it"); ok = false }
        guard ok, let account, let name else { return nil }
        return Person(account: account, name: name, seats: seats)
    }

    /// A login name as the system takes them: letters, digits, . _ - (and @ and $, as directory
    /// accounts have them). A console certificate's name is one too.
    public static func isAccountName(_ a: String) -> Bool {
        !a.isEmpty && a.count <= 64
            && a.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@$".unicodeScalars.contains($0)) }
    }

    private static func readSeat(_ text: String, areas: [String]) -> Seat? {
        switch text.lowercased() {
        case "trainee": return .trainee
        default:
            guard case .success(let seat) = FloorSeat.parse(text, areas: areas) else { return nil }
            switch seat {
            case .callHandler: return .callHandler
            case .dispatcher(let a): return .dispatcher(area: a)
            case .supervisor: return .supervisor
            case .instructor: return .instructor
            case .watch: return .watch
            }
        }
    }
}

/// Who is at the other end of a console's connection, as the floor knows it, whatever name the
/// console sends: on the Unix socket the system account the kernel says (SO_PEERCRED); over TLS
/// the account named in the console certificate the floor's authority issued.
public struct PeerAccount: Sendable, Equatable {
    /// The system account's number (nil: known by a certificate, from another host).
    public var uid: UInt32?
    public var name: String
    /// The serial number of the certificate it showed (over TLS).
    public var certificate: String?

    public init(uid: UInt32, name: String) { self.uid = uid; self.name = name }

    /// Known by the console certificate it showed.
    public init(certificate name: String, serial: String) { self.name = name; self.certificate = serial }

    /// The account of `uid` from the system's user database (the number when it has none).
    public init(uid: UInt32) {
        self.uid = uid
        var entry = passwd(), result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let n = entry.pw_name {
            name = String(cString: n)
        } else {
            name = String(uid)
        }
    }

    public var described: String {
        if let uid { return "\(name) (uid \(uid))" }
        return "\(name) (certificate \(certificate.map { String($0.prefix(8)) } ?? "?"))"
    }
}
