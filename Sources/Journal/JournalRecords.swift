import DispatchEngine
import Foundation
import GRDB

/// The journal's tables as GRDB records: one row per session (its header and how far it got),
/// one per event, one per action of the person. Columns are the snake_case of the fields.
struct SessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64 = 1
    var scenarioName: String
    var scenarioFile: String
    var scenarioSource: String
    /// The seed's bits: SQLite integers are signed.
    var seed: Int64
    var role: String
    /// "0,2": the areas dispatched by the person.
    var areas: String
    var trainee: String?
    var `operator`: String
    var startedAt: Double
    var program: String
    var progressStep: Int64 = 0
    var progressTime: SimTime = 0
    var progressWall: Double
    var ended = false
    /// The chain's last link (nil: nothing linked yet, or a journal of format 1).
    var chainHead: String?
    /// The engine that wrote it (nil, or 1: before format 6).
    var engineRevision: Int?

    init(_ header: SessionHeader) {
        scenarioName = header.scenarioName; scenarioFile = header.scenarioFile
        scenarioSource = header.scenarioSource; seed = Int64(bitPattern: header.seed); role = header.role
        areas = header.areas.map(String.init).joined(separator: ","); trainee = header.trainee
        `operator` = header.operatorName; startedAt = header.startedAt; program = header.program
        progressWall = header.startedAt
        engineRevision = header.engineRevision
    }

    var header: SessionHeader {
        var header = SessionHeader(scenarioName: scenarioName, scenarioFile: scenarioFile, scenarioSource: scenarioSource,
                                   seed: UInt64(bitPattern: seed), role: role, areas: areas.split(separator: ",").compactMap { Int($0) },
                                   trainee: trainee, operatorName: `operator`, startedAt: startedAt, program: program)
        header.engineRevision = engineRevision ?? 1
        return header
    }

    var progress: SessionProgress {
        SessionProgress(mark: RunMark(step: UInt64(progressStep), time: progressTime), wallTime: progressWall, ended: ended)
    }
}

/// One stored event: the engine's event as JSON under its kind.
public struct EventRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"
    public var sequence: Int64
    public var step: UInt64
    public var simTime: SimTime
    public var wallTime: Double
    public var actor: String
    public var kind: String
    public var payload: String
    /// Its link in the journal's chain (`JournalChain`).
    var link: String?

    public init(sequence: Int64, step: UInt64, simTime: SimTime, wallTime: Double, actor: String, kind: String, payload: String) {
        self.sequence = sequence; self.step = step; self.simTime = simTime; self.wallTime = wallTime
        self.actor = actor; self.kind = kind; self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case sequence = "seq", step, simTime = "sim_time", wallTime = "wall_time", actor, kind, payload, link
    }
}

/// One stored action: the operator's action and refusal as JSON, where in the run it was taken,
/// and the last event written before it.
struct ActionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "action"
    var sequence: Int64?
    var step: Int64
    var simTime: SimTime
    var wallTime: Double
    var eventSequence: Int64
    var action: String
    var refusal: String?
    /// Who took it, on a floor of many consoles (nil: the console's one person).
    var person: String?
    var link: String?

    enum CodingKeys: String, CodingKey {
        case sequence = "seq", step, simTime = "sim_time", wallTime = "wall_time", eventSequence = "event_seq", action, refusal, person, link
    }
}

/// The journal's schema, built by GRDB's migrator: each format is a migration, and a journal
/// made by a newer build (a migration this one does not know) is refused rather than misread.
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Journals of format 1 were made before the migrator kept its own table: they already
            // have the tables.
            guard try !db.tableExists("session") else { return }
            try db.create(table: "session") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("scenario_name", .text).notNull()
                t.column("scenario_file", .text).notNull()
                t.column("scenario_source", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("role", .text).notNull()
                t.column("areas", .text).notNull()
                t.column("trainee", .text)
                t.column("operator", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("program", .text).notNull()
                t.column("progress_step", .integer).notNull()
                t.column("progress_time", .integer).notNull()
                t.column("progress_wall", .double).notNull()
                t.column("ended", .boolean).notNull()
            }
            try db.create(table: "event") { t in
                t.primaryKey("seq", .integer)
                t.column("step", .integer).notNull()
                t.column("sim_time", .integer).notNull()
                t.column("wall_time", .double).notNull()
                t.column("actor", .text).notNull()
                t.column("kind", .text).notNull().indexed()
                t.column("payload", .text).notNull()
            }
            try db.create(table: "action") { t in
                t.primaryKey("seq", .integer)
                t.column("step", .integer).notNull()
                t.column("sim_time", .integer).notNull()
                t.column("wall_time", .double).notNull()
                t.column("event_seq", .integer).notNull()
                t.column("action", .text).notNull()
                t.column("refusal", .text)
            }
        }
        // Format 2: each row linked to the one before (`JournalChain`), the head kept with the session.
        migrator.registerMigration("v2-chain") { db in
            for (table, column) in [("event", "link"), ("action", "link"), ("session", "chain_head")]
            where try !db.columns(in: table).contains(where: { $0.name == column }) {
                try db.alter(table: table) { t in t.add(column: column, .text) }
            }
        }
        // Format 3: each action names the person who took it (a floor of many consoles).
        migrator.registerMigration("v3-person") { db in
            if try !db.columns(in: "action").contains(where: { $0.name == "person" }) {
                try db.alter(table: "action") { t in t.add(column: "person", .text) }
            }
        }
        // Format 5: checkpoints, each the chain's head, the rows' counts and the progress signed
        // with the writer's key (`JournalSigner`).
        migrator.registerMigration("v5-checkpoint") { db in
            guard try !db.tableExists("checkpoint") else { return }
            try db.create(table: "checkpoint") { t in
                t.primaryKey("seq", .integer)
                t.column("events", .integer).notNull()
                t.column("actions", .integer).notNull()
                t.column("head", .text).notNull()
                t.column("progress_step", .integer).notNull()
                t.column("progress_time", .integer).notNull()
                t.column("ended", .boolean).notNull()
                t.column("wall_time", .double).notNull()
                t.column("public_key", .text).notNull()
                t.column("signature", .text).notNull()
            }
        }
        // Format 6: which engine wrote the session (a journal made before says nothing: 1).
        migrator.registerMigration("v6-engine") { db in
            if try !db.columns(in: "session").contains(where: { $0.name == "engine_revision" }) {
                try db.alter(table: "session") { t in t.add(column: "engine_revision", .integer) }
            }
        }
        return migrator
    }
}

/// A signed checkpoint: the chain's head after `events` events and `actions` actions, the
/// progress and whether the session was ended, signed by the writer's key.
struct CheckpointRow: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "checkpoint"
    var sequence: Int64?
    var events: Int64
    var actions: Int64
    var head: String
    var progressStep: Int64
    var progressTime: SimTime
    var ended: Bool
    var wallTime: Double
    var publicKey: String
    var signature: String

    enum CodingKeys: String, CodingKey {
        case sequence = "seq", events, actions, head, progressStep = "progress_step", progressTime = "progress_time", ended
        case wallTime = "wall_time", publicKey = "public_key", signature
    }

    /// What is signed: every field a reader trusts, length-prefixed as the chain's links are.
    var signed: Data {
        JournalChain.joined(["controlroom checkpoint 1", String(events), String(actions), head, String(progressStep),
                             String(progressTime), ended ? "ended" : "open"])
    }
}
