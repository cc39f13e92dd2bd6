import DispatchEngine
import Foundation
import PostgresLink
import PostgresNIO

/// A journal in a PostgreSQL database (postgres-nio): the same tables, rows and chain as the
/// SQLite file, in the schema the address names, so that hosts other than the floor's can read
/// it, and a standby can follow it. Every write is one transaction, committed (and so durable, with
/// the server's default synchronous commit) before the recorder counts it written.
final class PostgresJournalStore: JournalStore {
    let address: PostgresAddress
    private var link: PostgresLink
    private let readOnly: Bool
    /// The lease's term this floor holds (nil: none taken; a reader, or a floor before it takes one).
    private(set) var term: Int64?

    private init(address: PostgresAddress, link: PostgresLink, readOnly: Bool) {
        self.address = address
        self.link = link
        self.readOnly = readOnly
        if !readOnly { link.patience = Self.writePatience }
    }

    /// A writer's statements are waited for seconds, not a minute: a floor cut off from the
    /// database stops its clock and says so soon after a standby could take over.
    static let writePatience = 5.0

    /// The address of `location`, or why it is not one.
    static func address(_ location: String) throws(JournalError) -> PostgresAddress {
        do {
            return try PostgresAddress(parsing: location)
        } catch {
            throw .notAJournal(path: PostgresAddress.redacted(location), why: error.description.components(separatedBy: ": ").dropFirst().joined(separator: ": "))
        }
    }

    private static func connect(_ address: PostgresAddress, createSchema: Bool, readOnly: Bool) throws(JournalError) -> PostgresLink {
        do {
            let link = try PostgresLink.connect(address, as: readOnly ? .reader : .floor, createSchema: createSchema)
            // A reader cannot change the record, even by mistake.
            if readOnly { try link.execute(unsafeSQL: "SET default_transaction_read_only = on") }
            return link
        } catch {
            throw .unreachable(path: address.shown, why: Self.words(error))
        }
    }

    /// Creates a journal in the address's schema (made if need be), which must hold none yet.
    static func create(at address: PostgresAddress, header: SessionHeader) throws(JournalError) -> PostgresJournalStore {
        let link = try connect(address, createSchema: true, readOnly: false)
        do {
            if try exists(link) { throw JournalError.alreadyExists(path: address.shown) }
            try link.transaction {
                for statement in PostgresJournalSchema.tables { try link.execute(unsafeSQL: statement) }
                try link.execute("INSERT INTO journal_info (application, format) VALUES (\(PostgresJournalSchema.application), \(Journal.format))")
                for name in PostgresJournalSchema.migrations {
                    try link.execute("INSERT INTO journal_migration (name) VALUES (\(name))")
                }
                try link.execute(insert(SessionRow(header)))
            }
        } catch let error as JournalError {
            throw error
        } catch {
            throw .cannotCreate(path: address.shown, why: Self.words(error))
        }
        return PostgresJournalStore(address: address, link: link, readOnly: false)
    }

    /// Opens the journal in the address's schema, checking it is one, of a format this build reads.
    static func open(at address: PostgresAddress, readOnly: Bool) throws(JournalError) -> PostgresJournalStore {
        let link = try connect(address, createSchema: false, readOnly: readOnly)
        do {
            guard try exists(link) else { throw JournalError.missing(path: address.shown) }
            let info = try link.rows("SELECT application, format FROM journal_info")
            guard info.count == 1, info[0].value("application", as: String.self) == PostgresJournalSchema.application else {
                throw JournalError.notAJournal(path: address.shown, why: "its journal_info table is not a controlroom journal's")
            }
            let format = info[0].value("format", as: Int.self) ?? 0
            guard format <= Journal.format else { throw JournalError.newerFormat(path: address.shown, format: format) }
            let known = Set(PostgresJournalSchema.migrations)
            let applied = try link.rows("SELECT name FROM journal_migration").compactMap { $0.value("name", as: String.self) }
            guard applied.allSatisfy(known.contains) else { throw JournalError.newerFormat(path: address.shown, format: format + 1) }
            guard try link.rows("SELECT count(*) AS n FROM session").first?.value("n", as: Int64.self) == 1 else {
                throw JournalError.corrupt(path: address.shown, detail: "its session record is missing")
            }
        } catch let error as JournalError {
            throw error
        } catch {
            throw .corrupt(path: address.shown, detail: Self.words(error))
        }
        return PostgresJournalStore(address: address, link: link, readOnly: readOnly)
    }

    /// Whether the schema holds a journal (its info table).
    private static func exists(_ link: PostgresLink) throws -> Bool {
        try link.rows("SELECT to_regclass('journal_info') IS NOT NULL AS here").first?.value("here", as: Bool.self) ?? false
    }

    /// The connection, made again if it was lost (the server restarted, the network came back).
    private func connected() throws -> PostgresLink {
        if !link.isOpen {
            link = try Self.connect(address, createSchema: false, readOnly: readOnly)
            if !readOnly { link.patience = Self.writePatience }
        }
        return link
    }

    // MARK: Reading

    private var inSnapshot = false

    func snapshot<T>(_ body: () throws -> T) throws -> T {
        if inSnapshot { return try body() }
        let link = try connected()
        try link.execute(unsafeSQL: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        inSnapshot = true
        defer { inSnapshot = false }
        do {
            let value = try body()
            try link.execute(unsafeSQL: "COMMIT")
            return value
        } catch {
            try? link.execute(unsafeSQL: "ROLLBACK")
            throw error
        }
    }

    func session() throws -> SessionRow? {
        guard let row = try connected().rows("SELECT * FROM session WHERE id = 1").first else { return nil }
        func text(_ name: String) -> String { row.value(name, as: String.self) ?? "" }
        var header = SessionHeader(scenarioName: text("scenario_name"), scenarioFile: text("scenario_file"), scenarioSource: text("scenario_source"),
                                   seed: UInt64(bitPattern: row.value("seed", as: Int64.self) ?? 0), role: text("role"), areas: [],
                                   trainee: row.value("trainee", as: String.self), operatorName: text("operator"),
                                   startedAt: row.value("started_at", as: Double.self) ?? 0, program: text("program"))
        header.engineRevision = row.value("engine_revision", as: Int.self) ?? 1
        var session = SessionRow(header)
        // Kept as stored, not as parsed: the chain's first link is made from the text.
        session.areas = text("areas")
        session.engineRevision = row.value("engine_revision", as: Int.self)
        session.progressStep = row.value("progress_step", as: Int64.self) ?? 0
        session.progressTime = row.value("progress_time", as: Int64.self) ?? 0
        session.progressWall = row.value("progress_wall", as: Double.self) ?? 0
        session.ended = row.value("ended", as: Bool.self) ?? false
        session.chainHead = row.value("chain_head", as: String.self)
        return session
    }

    func madeInFormat() throws -> Int {
        try connected().rows("SELECT format FROM journal_info").first?.value("format", as: Int.self) ?? 1
    }

    func lastSequences() throws -> (events: Int64, actions: Int64) {
        let row = try connected().rows("SELECT (SELECT max(seq) FROM event) AS events, (SELECT max(seq) FROM action) AS actions").first
        return (row?.value("events", as: Int64.self) ?? 0, row?.value("actions", as: Int64.self) ?? 0)
    }

    func lastSimTime() throws -> SimTime {
        let row = try connected().rows("""
            SELECT (SELECT sim_time FROM event ORDER BY seq DESC LIMIT 1) AS event, (SELECT sim_time FROM action ORDER BY seq DESC LIMIT 1) AS action
            """).first
        return max(row?.value("event", as: Int64.self) ?? 0, row?.value("action", as: Int64.self) ?? 0)
    }

    func events(after sequence: Int64, limit: Int) throws -> [EventRecord] {
        let limit = Int64(min(limit, Int(Int64.max)))
        return try connected().rows("""
            SELECT seq, step, sim_time, wall_time, actor, kind, payload, link FROM event WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)
            """).map { row in
            var event = EventRecord(sequence: row.value("seq") ?? 0, step: UInt64(bitPattern: row.value("step", as: Int64.self) ?? 0),
                                    simTime: row.value("sim_time") ?? 0, wallTime: row.value("wall_time") ?? 0, actor: row.value("actor") ?? "",
                                    kind: row.value("kind") ?? "", payload: row.value("payload") ?? "")
            event.link = row.value("link")
            return event
        }
    }

    func actions(after sequence: Int64) throws -> [ActionRow] {
        try connected().rows("""
            SELECT seq, step, sim_time, wall_time, event_seq, action, refusal, person, link FROM action WHERE seq > \(sequence) ORDER BY seq
            """).map { row in
            ActionRow(sequence: row.value("seq"), step: row.value("step") ?? 0, simTime: row.value("sim_time") ?? 0,
                      wallTime: row.value("wall_time") ?? 0, eventSequence: row.value("event_seq") ?? 0, action: row.value("action") ?? "",
                      refusal: row.value("refusal"), person: row.value("person"), link: row.value("link"))
        }
    }

    func checkpoints() throws -> [CheckpointRow] {
        try connected().rows("SELECT * FROM checkpoint ORDER BY seq").map { row in
            CheckpointRow(sequence: row.value("seq"), events: row.value("events") ?? 0, actions: row.value("actions") ?? 0,
                          head: row.value("head") ?? "", progressStep: row.value("progress_step") ?? 0,
                          progressTime: row.value("progress_time") ?? 0, ended: row.value("ended") ?? false,
                          wallTime: row.value("wall_time") ?? 0, publicKey: row.value("public_key") ?? "", signature: row.value("signature") ?? "")
        }
    }

    func eventCount() throws -> Int {
        Int(try connected().rows("SELECT count(*) AS n FROM event").first?.value("n", as: Int64.self) ?? 0)
    }

    func linkFacts() throws -> (canLink: Bool, linkedEvents: Int, rows: Int) {
        let row = try connected().rows("""
            SELECT (SELECT count(*) FROM event WHERE link IS NOT NULL) AS linked, (SELECT count(*) FROM event) + (SELECT count(*) FROM action) AS n
            """).first
        return (true, Int(row?.value("linked", as: Int64.self) ?? 0), Int(row?.value("n", as: Int64.self) ?? 0))
    }

    func readProblem(_ error: Error) -> JournalError {
        if let problem = error as? PostgresProblem, case .failed = problem {
            return .corrupt(path: address.shown, detail: Self.words(problem))
        }
        return .unreachable(path: address.shown, why: Self.words(error))
    }

    // MARK: Writing

    /// Rows written by one statement at most (PostgreSQL takes at most 65,535 values bound to
    /// one); a larger write (a first one after a long night run alone) is a transaction of several.
    static let oneStatementRows = 1_000
    /// Rows a statement: PostgreSQL takes at most 65,535 values bound to one.
    private static let rowsAStatement = 1_000

    func write(_ batch: JournalBatch) throws {
        let link = try connected()
        do {
            if let statement = Self.oneStatement(batch, term: term, channel: FloorLease.channel(address)) {
                // One statement, one round trip: its own transaction.
                try link.execute(statement)
            } else {
                try link.transaction(Self.statements(batch, term: term, channel: FloorLease.channel(address)))
            }
        } catch {
            if term != nil, error.sqlState == "22012" {
                let holder = try? link.rows("SELECT holder FROM floor_lease WHERE id = 1").first?.value("holder", as: String.self)
                throw JournalError.leaseLost(path: address.shown, to: holder ?? "nobody")
            }
            throw error
        }
    }

    /// The write as one statement: the fence, the rows and the progress as data-modifying parts
    /// of one `WITH` (each runs, all or none), and the notice to a standby. Nil when its values
    /// would be too many for one (`oneStatementRows`).
    static func oneStatement(_ batch: JournalBatch, term: Int64?, channel: String) -> PostgresQuery? {
        guard batch.events.count + batch.actions.count <= oneStatementRows else { return nil }
        var binds = PostgresBindings(capacity: batch.events.count * 8 + batch.actions.count * 9 + 40)
        func bind(_ value: Int64) -> String { binds.append(value); return "$\(binds.count)" }
        func bind(_ value: Double) -> String { binds.append(value); return "$\(binds.count)" }
        func bind(_ value: Bool) -> String { binds.append(value); return "$\(binds.count)" }
        func bind(_ value: String?) -> String { binds.append(value); return "$\(binds.count)" }
        var parts: [String] = []
        if let term {
            parts.append("fence AS (UPDATE floor_lease SET expires_at = clock_timestamp() + \(bind(FloorLease.lapse)) * interval '1 second' "
                         + "WHERE id = 1 AND term = \(bind(term)) RETURNING term)")
        }
        if !batch.events.isEmpty {
            let rows = batch.events.map { e in
                "(\(bind(e.sequence)),\(bind(Int64(bitPattern: e.step))),\(bind(e.simTime)),\(bind(e.wallTime)),\(bind(e.actor)),\(bind(e.kind)),\(bind(e.payload)),\(bind(e.link)))"
            }
            parts.append("new_events AS (INSERT INTO event (seq, step, sim_time, wall_time, actor, kind, payload, link) VALUES " + rows.joined(separator: ",") + ")")
        }
        if !batch.actions.isEmpty {
            let rows = batch.actions.map { a in
                "(\(bind(a.sequence ?? 0)),\(bind(a.step)),\(bind(a.simTime)),\(bind(a.wallTime)),\(bind(a.eventSequence)),\(bind(a.action)),\(bind(a.refusal)),\(bind(a.person)),\(bind(a.link)))"
            }
            parts.append("new_actions AS (INSERT INTO action (seq, step, sim_time, wall_time, event_seq, action, refusal, person, link) VALUES "
                         + rows.joined(separator: ",") + ")")
        }
        if let c = batch.checkpoint {
            parts.append("new_checkpoint AS (INSERT INTO checkpoint (events, actions, head, progress_step, progress_time, ended, wall_time, public_key, signature) VALUES ("
                         + [bind(c.events), bind(c.actions), bind(c.head), bind(c.progressStep), bind(c.progressTime), bind(c.ended), bind(c.wallTime),
                            bind(c.publicKey), bind(c.signature)].joined(separator: ",") + "))")
        }
        let progress = batch.progress
        parts.append("new_progress AS (UPDATE session SET progress_step = \(bind(Int64(bitPattern: progress.mark.step))), progress_time = \(bind(progress.mark.time)), "
                     + "progress_wall = \(bind(progress.wallTime)), ended = \(bind(progress.ended)), chain_head = \(bind(batch.chainHead)) WHERE id = 1)")
        var select = [term == nil ? "1" : "1 / (SELECT count(*)::integer FROM fence)"]
        // A standby following wakes when this commits.
        if !batch.events.isEmpty || !batch.actions.isEmpty || progress.ended { select.append("pg_notify(\(bind(channel)), '')") }
        return PostgresQuery(unsafeSQL: "WITH " + parts.joined(separator: ", ") + " SELECT " + select.joined(separator: ", "), binds: binds)
    }

    /// The write as several statements in one transaction (a batch too large for one).
    static func statements(_ batch: JournalBatch, term: Int64?, channel: String) -> [PostgresQuery] {
        var statements: [PostgresQuery] = []
        // The fence: written only while this floor's term is the lease's, renewed with it. A
        // term no longer the lease's divides by zero, and the whole write is rolled back.
        if let term {
            statements.append("""
                WITH renewed AS (UPDATE floor_lease SET expires_at = clock_timestamp() + \(FloorLease.lapse) * interval '1 second'
                                 WHERE id = 1 AND term = \(term) RETURNING term)
                SELECT 1 / (SELECT count(*)::integer FROM renewed) AS fenced
                """)
        }
        for chunk in stride(from: 0, to: batch.events.count, by: Self.rowsAStatement) {
            statements.append(Self.insert(batch.events[chunk..<min(chunk + Self.rowsAStatement, batch.events.count)]))
        }
        for chunk in stride(from: 0, to: batch.actions.count, by: Self.rowsAStatement) {
            statements.append(Self.insert(batch.actions[chunk..<min(chunk + Self.rowsAStatement, batch.actions.count)]))
        }
        if let c = batch.checkpoint {
            statements.append("""
                INSERT INTO checkpoint (events, actions, head, progress_step, progress_time, ended, wall_time, public_key, signature)
                VALUES (\(c.events), \(c.actions), \(c.head), \(c.progressStep), \(c.progressTime), \(c.ended), \(c.wallTime), \(c.publicKey), \(c.signature))
                """)
        }
        let progress = batch.progress
        statements.append("""
            UPDATE session SET progress_step = \(Int64(bitPattern: progress.mark.step)), progress_time = \(progress.mark.time),
            progress_wall = \(progress.wallTime), ended = \(progress.ended), chain_head = \(batch.chainHead) WHERE id = 1
            """)
        // A standby following wakes when this commits.
        if !batch.events.isEmpty || !batch.actions.isEmpty || progress.ended {
            statements.append("SELECT pg_notify(\(channel), '')")
        }
        return statements
    }

    // MARK: The lease

    func lease() throws -> FloorLease.Standing? {
        try connected().rows("""
            SELECT term, holder, extract(epoch FROM expires_at - clock_timestamp())::float8 AS remaining FROM floor_lease WHERE id = 1
            """).first.map { row in
            FloorLease.Standing(term: row.value("term") ?? 0, holder: row.value("holder") ?? "", remaining: row.value("remaining") ?? 0)
        }
    }

    /// Takes the lease, if nobody holds it or its holder's has lapsed; then ends every other
    /// floor connection to the session (the old holder's lock goes with them, and anything it
    /// still tries to write meets the fence).
    func takeLease(holder: String, early: Bool, expecting: Int64?) throws -> Int64 {
        let link = try connected()
        var taken: Int64 = 0
        try link.transaction {
            let row = try link.rows("""
                SELECT term, holder, extract(epoch FROM expires_at - clock_timestamp())::float8 AS remaining FROM floor_lease WHERE id = 1 FOR UPDATE
                """).first
            if let row {
                let remaining = row.value("remaining", as: Double.self) ?? 0
                let current = row.value("term", as: Int64.self) ?? 0
                // Early only for a floor known gone: its hold let go (looked at again here, with the
                // lease locked) and no renewal in the last 0.2 s; and only from the term the taker saw.
                var gone = early && remaining < FloorLease.lapse - 0.2
                if gone { gone = try link.rows(JournalHold.heldQuery(address)).first?.value("held", as: Bool.self) == false }
                guard (remaining <= 0 || gone) && (expecting == nil || expecting == current) else {
                    throw JournalError.leaseHeld(path: address.shown, holder: row.value("holder") ?? "", remaining: remaining)
                }
                taken = (row.value("term", as: Int64.self) ?? 0) + 1
                try link.execute("""
                    UPDATE floor_lease SET term = \(taken), holder = \(holder), expires_at = clock_timestamp() + \(FloorLease.lapse) * interval '1 second'
                    WHERE id = 1
                    """)
            } else {
                taken = 1
                try link.execute("""
                    INSERT INTO floor_lease (id, term, holder, expires_at) VALUES (1, \(taken), \(holder), clock_timestamp() + \(FloorLease.lapse) * interval '1 second')
                    """)
            }
        }
        term = taken
        try link.execute("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
            AND application_name = \(PostgresLink.Role.floor.name(address.schema)) AND pid <> pg_backend_pid()
            """)
        return taken
    }

    /// Whether a floor holds the journal (its advisory lock).
    func holdTaken() throws -> Bool {
        try connected().rows(JournalHold.heldQuery(address)).first?.value("held", as: Bool.self) ?? true
    }

    /// Wakes `heard` at each commit of the floor's (LISTEN on a connection of its own).
    func follow(_ heard: @escaping @Sendable () -> Void) throws -> PostgresLink {
        let listener = try PostgresLink.connect(address, as: .standby)
        try listener.listen(FloorLease.channel(address), heard: heard)
        return listener
    }

    func writeProblem(_ error: Error) -> String {
        guard let problem = error as? PostgresProblem else { return "\(error)" }
        switch problem.sqlState {
        case "23505": return "someone else has written to it"
        case "25006": return "the database takes no writes (a read-only replica, or a standby not yet promoted)"
        case "53100": return "the database's disk is full"
        default: return Self.words(problem)
        }
    }

    /// What went wrong, without the address (the journal's error names it).
    private static func words(_ error: Error) -> String {
        switch error as? PostgresProblem {
        case .badAddress(_, let why)?, .unreachable(_, let why)?, .failed(_, let why)?: return why
        case .lost?: return "the connection to the database was lost"
        case nil: return "\(error)"
        }
    }

    // MARK: Statements

    private static func insert(_ session: SessionRow) -> PostgresQuery {
        """
        INSERT INTO session (id, scenario_name, scenario_file, scenario_source, seed, role, areas, trainee, "operator", started_at, program,
                             progress_step, progress_time, progress_wall, ended, chain_head, engine_revision)
        VALUES (1, \(session.scenarioName), \(session.scenarioFile), \(session.scenarioSource), \(session.seed), \(session.role), \(session.areas),
                \(session.trainee), \(session.operator), \(session.startedAt), \(session.program), \(session.progressStep), \(session.progressTime),
                \(session.progressWall), \(session.ended), \(session.chainHead), \(session.engineRevision))
        """
    }

    private static func insert(_ events: ArraySlice<EventRecord>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: events.count * 8)
        var values: [String] = []
        for event in events {
            let n = binds.count
            values.append("(" + (1...8).map { "$\(n + $0)" }.joined(separator: ",") + ")")
            binds.append(event.sequence); binds.append(Int64(bitPattern: event.step)); binds.append(event.simTime)
            binds.append(event.wallTime); binds.append(event.actor); binds.append(event.kind); binds.append(event.payload)
            binds.append(event.link)
        }
        return PostgresQuery(unsafeSQL: "INSERT INTO event (seq, step, sim_time, wall_time, actor, kind, payload, link) VALUES "
                             + values.joined(separator: ","), binds: binds)
    }

    private static func insert(_ actions: ArraySlice<ActionRow>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: actions.count * 9)
        var values: [String] = []
        for action in actions {
            let n = binds.count
            values.append("(" + (1...9).map { "$\(n + $0)" }.joined(separator: ",") + ")")
            binds.append(action.sequence ?? 0); binds.append(action.step); binds.append(action.simTime); binds.append(action.wallTime)
            binds.append(action.eventSequence); binds.append(action.action); binds.append(action.refusal); binds.append(action.person)
            binds.append(action.link)
        }
        return PostgresQuery(unsafeSQL: "INSERT INTO action (seq, step, sim_time, wall_time, event_seq, action, refusal, person, link) VALUES "
                             + values.joined(separator: ","), binds: binds)
    }
}

/// The journal's tables in PostgreSQL: those of the SQLite file at format 6, with a table in place
/// of SQLite's application id and user version, and the migrations applied by name, so a journal
/// a newer build has changed is refused rather than misread.
enum PostgresJournalSchema {
    static let application = "controlroom journal"
    /// Applied in order; a new format adds its name and its statements.
    static let migrations = ["pg-v6"]

    static let tables = [
        "CREATE TABLE journal_info (application text NOT NULL, format integer NOT NULL)",
        "CREATE TABLE journal_migration (name text PRIMARY KEY)",
        """
        CREATE TABLE session (id integer PRIMARY KEY CHECK (id = 1), scenario_name text NOT NULL, scenario_file text NOT NULL,
            scenario_source text NOT NULL, seed bigint NOT NULL, role text NOT NULL, areas text NOT NULL, trainee text, "operator" text NOT NULL,
            started_at double precision NOT NULL, program text NOT NULL, progress_step bigint NOT NULL, progress_time bigint NOT NULL,
            progress_wall double precision NOT NULL, ended boolean NOT NULL, chain_head text, engine_revision integer)
        """,
        """
        CREATE TABLE event (seq bigint PRIMARY KEY, step bigint NOT NULL, sim_time bigint NOT NULL, wall_time double precision NOT NULL,
            actor text NOT NULL, kind text NOT NULL, payload text NOT NULL, link text)
        """,
        "CREATE INDEX event_kind ON event (kind)",
        // Which floor acts on the session (FloorLease): its term, its name, when its lease lapses.
        "CREATE TABLE floor_lease (id integer PRIMARY KEY CHECK (id = 1), term bigint NOT NULL, holder text NOT NULL, expires_at timestamptz NOT NULL)",
        """
        CREATE TABLE action (seq bigint PRIMARY KEY, step bigint NOT NULL, sim_time bigint NOT NULL, wall_time double precision NOT NULL,
            event_seq bigint NOT NULL, action text NOT NULL, refusal text, person text, link text)
        """,
        """
        CREATE TABLE checkpoint (seq bigserial PRIMARY KEY, events bigint NOT NULL, actions bigint NOT NULL, head text NOT NULL,
            progress_step bigint NOT NULL, progress_time bigint NOT NULL, ended boolean NOT NULL, wall_time double precision NOT NULL,
            public_key text NOT NULL, signature text NOT NULL)
        """,
    ]
}
