import DispatchEngine
import Foundation
import GRDB
import PostgresLink
import Scenario

/// A journal's raw rows, read by the audit's own queries: the session row, every event and every
/// action as stored. Nothing here goes through the `Journal` module's reading, replay or
/// read model: the audit is a second way to the same figures, so it must not borrow the first.
public struct AuditedJournal {
    public struct EventRow {
        public var sequence: Int64
        public var time: SimTime
        /// "world", "engine:dispatcher", "engine:call-handler-3", "person:NAME".
        public var actor: String
        public var event: Event
    }

    public struct ActionRow {
        public var sequence: Int64
        /// The last event written with it.
        public var eventSequence: Int64
        public var time: SimTime
        public var action: OperatorAction
        public var refused: Bool
        public var person: String?
    }

    public var path: String
    public var config: WorldConfig
    public var scenarioName: String
    /// The role and operator the session was started with, and whether it was ended.
    public var role: String
    public var operatorName: String
    public var trainee: String?
    public var ended: Bool
    /// Where the record ends (the last durable point).
    public var reached: SimTime
    public var events: [EventRow]
    public var actions: [ActionRow]

    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String, String)
        public var description: String {
            switch self { case let .unreadable(path, why): return "\(path): \(why)" }
        }
    }

    public static func read(_ path: String) throws(Problem) -> AuditedJournal {
        if PostgresAddress.names(path) { return try readDatabase(path) }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            return try database.read { db in
                guard let session = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = 1") else {
                    throw Problem.unreadable(path, "no session row")
                }
                let source: String = session["scenario_source"]
                let file: String = session["scenario_file"]
                let scenario: Scenario
                do { scenario = try Scenario.parse(text: source, file: file) } catch {
                    throw Problem.unreadable(path, "its scenario does not load: \(error)")
                }
                var config = scenario.config
                config.seed = UInt64(bitPattern: session["seed"] as Int64)
                let decoder = JSONDecoder()
                var events: [EventRow] = []
                let cursor = try Row.fetchCursor(db, sql: "SELECT seq, sim_time, actor, kind, payload FROM event ORDER BY seq")
                while let row = try cursor.next() {
                    let kind: String = row["kind"], payload: String = row["payload"]
                    // Stored as the event's one key and its fields: put back together to decode.
                    let text = "{\"\(kind)\":\(payload)}"
                    guard let event = try? decoder.decode(Event.self, from: Data(text.utf8)) else {
                        throw Problem.unreadable(path, "event \(row["seq"] as Int64) (\(kind)) cannot be read")
                    }
                    events.append(EventRow(sequence: row["seq"], time: row["sim_time"], actor: row["actor"], event: event))
                }
                let hasPerson = try db.columns(in: "action").contains { $0.name == "person" }
                var actions: [ActionRow] = []
                for row in try Row.fetchAll(db, sql: "SELECT * FROM action ORDER BY seq") {
                    let text: String = row["action"]
                    guard let action = try? decoder.decode(OperatorAction.self, from: Data(text.utf8)) else {
                        throw Problem.unreadable(path, "action \(row["seq"] as Int64) cannot be read")
                    }
                    let refusal: String? = row["refusal"]
                    actions.append(ActionRow(sequence: row["seq"], eventSequence: row["event_seq"], time: row["sim_time"], action: action,
                                             refused: refusal != nil, person: hasPerson ? row["person"] : nil))
                }
                return AuditedJournal(path: path, config: config, scenarioName: scenario.name, role: session["role"],
                                      operatorName: session["operator"], trainee: session["trainee"],
                                      ended: session["ended"], reached: session["progress_time"],
                                      events: events, actions: actions)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .unreadable(path, "\(error)")
        }
    }

    /// The same rows from a journal kept in PostgreSQL, by the audit's own queries there too.
    static func readDatabase(_ location: String) throws(Problem) -> AuditedJournal {
        let address: PostgresAddress
        do { address = try PostgresAddress(parsing: location) } catch { throw .unreadable(PostgresAddress.redacted(location), error.description) }
        let path = address.shown
        do {
            let link = try PostgresLink.connect(address)
            defer { link.close() }
            // One snapshot: a live floor's rows written meanwhile are not half read.
            try link.execute(unsafeSQL: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            guard try link.rows("SELECT to_regclass('session') IS NOT NULL AS here").first?.value("here", as: Bool.self) == true,
                  let session = try link.rows("SELECT * FROM session WHERE id = 1").first else {
                throw Problem.unreadable(path, "no session row")
            }
            let source = session.value("scenario_source", as: String.self) ?? ""
            let scenario: Scenario
            do { scenario = try Scenario.parse(text: source, file: session.value("scenario_file", as: String.self) ?? "") } catch {
                throw Problem.unreadable(path, "its scenario does not load: \(error)")
            }
            var config = scenario.config
            config.seed = UInt64(bitPattern: session.value("seed", as: Int64.self) ?? 0)
            let decoder = JSONDecoder()
            var events: [EventRow] = []
            for row in try link.rows("SELECT seq, sim_time, actor, kind, payload FROM event ORDER BY seq") {
                let kind = row.value("kind", as: String.self) ?? "", payload = row.value("payload", as: String.self) ?? ""
                let sequence = row.value("seq", as: Int64.self) ?? 0
                guard let event = try? decoder.decode(Event.self, from: Data("{\"\(kind)\":\(payload)}".utf8)) else {
                    throw Problem.unreadable(path, "event \(sequence) (\(kind)) cannot be read")
                }
                events.append(EventRow(sequence: sequence, time: row.value("sim_time") ?? 0, actor: row.value("actor") ?? "", event: event))
            }
            var actions: [ActionRow] = []
            for row in try link.rows("SELECT seq, event_seq, sim_time, action, refusal, person FROM action ORDER BY seq") {
                let sequence = row.value("seq", as: Int64.self) ?? 0
                guard let action = try? decoder.decode(OperatorAction.self, from: Data((row.value("action", as: String.self) ?? "").utf8)) else {
                    throw Problem.unreadable(path, "action \(sequence) cannot be read")
                }
                actions.append(ActionRow(sequence: sequence, eventSequence: row.value("event_seq") ?? 0, time: row.value("sim_time") ?? 0,
                                         action: action, refused: row.value("refusal", as: String.self) != nil, person: row.value("person")))
            }
            return AuditedJournal(path: path, config: config, scenarioName: scenario.name, role: session.value("role") ?? "",
                                  operatorName: session.value("operator") ?? "", trainee: session.value("trainee"),
                                  ended: session.value("ended") ?? false, reached: session.value("progress_time") ?? 0,
                                  events: events, actions: actions)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .unreadable(path, "\(error)")
        }
    }
}
