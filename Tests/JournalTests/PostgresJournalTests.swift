import Audit
import DispatchEngine
import Foundation
import Journal
import PostgresLink
import PostgresNIO
import Scenario
import Testing

/// The journal kept in PostgreSQL: the same rows, the same chain, the same checks as the file.
@Suite("The journal in PostgreSQL", .serialized,
       .enabled(if: TestSchema.server != nil, "needs a PostgreSQL server: CONTROLROOM_TEST_POSTGRES (.ci/postgres start)"))
struct PostgresJournalTests {
    /// What a row says of the night, without the wall clock (and so the links) of the run.
    static func night(_ journal: Journal) throws -> [String] {
        try journal.events().map { "\($0.sequence) \($0.step) \($0.simTime) \($0.actor) \($0.kind) \($0.payload)" }
    }

    @Test("A session recorded into PostgreSQL holds the same night, event for event, as one recorded into a file; it verifies; the audit reads it")
    func sameNightEitherWay() throws {
        let schema = TestSchema()
        let inDatabase = try RecordedRun(path: schema.url)
        inDatabase.play(minutes: 40)
        let inFile = try RecordedRun()
        inFile.play(minutes: 40)
        let database = try Journal.open(at: schema.url, readOnly: true)
        let file = try Journal.open(at: inFile.path, readOnly: true)
        #expect(try Self.night(database).count > 200)
        #expect(try Self.night(database) == Self.night(file))
        #expect(try database.actions().map(\.action) == file.actions().map(\.action))
        #expect(try database.header() == file.header())
        let outcome = try JournalVerification.check(database)
        #expect(outcome.difference == nil && outcome.linked)
        #expect(outcome.events == (try database.eventCount()))
        // The journal names itself by its address, never with a password.
        #expect(database.path == schema.url)
        // The audit's own reading of the raw rows finds the same in both.
        let audited = try AuditedJournal.read(schema.url), auditedFile = try AuditedJournal.read(inFile.path)
        #expect(audited.events.map(\.event) == auditedFile.events.map(\.event) && audited.events.map(\.actor) == auditedFile.events.map(\.actor))
        #expect(audited.actions.map(\.action) == auditedFile.actions.map(\.action) && audited.reached == auditedFile.reached)
    }

    @Test("verify finds an edited, a deleted and a cut-off row in PostgreSQL and says where",
          arguments: [("UPDATE event SET payload = payload || ' ' WHERE seq = 57", "the chain breaks at event 57"),
                      ("DELETE FROM event WHERE seq = 80", "event 80 is missing"),
                      ("UPDATE session SET scenario_source = replace(scenario_source, 'Friday', 'Fryday')", "the chain breaks at event 1"),
                      ("DELETE FROM action WHERE event_seq > (SELECT max(seq) - 20 FROM event); DELETE FROM event WHERE seq > (SELECT max(seq) - 20 FROM event)",
                       "the last rows of the record are missing")])
    func tamperingIsFound(_ sql: String, _ says: String) throws {
        let schema = TestSchema()
        do {
            let run = try RecordedRun(path: schema.url)
            run.play(minutes: 15)
        }
        let link = try schema.link()
        for statement in sql.split(separator: ";") { try link.execute(unsafeSQL: String(statement)) }
        let outcome = try JournalVerification.check(Journal.open(at: schema.url, readOnly: true))
        #expect(outcome.difference?.contains(says) == true, "\(outcome.difference ?? "nothing found")")
    }

    @Test("One writer: a second session on the same journal is refused while the first holds it; after the first is gone (its process, its connection) it resumes, and the whole record verifies")
    func oneWriterThenResumed() throws {
        let schema = TestSchema()
        do {
            let first = try RecordedRun(path: schema.url)
            first.play(minutes: 20)
            first.play(minutes: 1, flush: false)   // lost in the crash
            #expect(throws: JournalError.inUse(path: schema.url)) {
                try SessionRecorder(journal: Journal.open(at: schema.url, readOnly: false), simulation: first.simulation, role: "dispatcher")
            }
        }
        let journal = try Journal.open(at: schema.url, readOnly: false)
        let replay = try SessionReplay(journal: journal)
        try replay.run(to: try journal.progress().mark)
        // The first's connection is closed; the server lets its hold go a moment later.
        let recorder = try SessionRecorder(journal: journal, simulation: replay.simulation, role: "dispatcher", hold: JournalHold.taking(schema.url))
        for _ in 0..<30 {
            replay.simulation.advance(to: replay.simulation.now + 30 * Clock.second)
            if let id = replay.simulation.world.firstQueued, let best = replay.simulation.recommendations(for: id).first, best.divertsFrom == nil {
                try? replay.simulation.perform(.command(.assign(best.unit, id)))
            }
            recorder.flush()
        }
        #expect(recorder.finish())
        let outcome = try JournalVerification.check(Journal.open(at: schema.url, readOnly: true))
        #expect(outcome.difference == nil)
        #expect(try Journal.open(at: schema.url, readOnly: true).progress().ended)
    }

    @Test("The database's connections cut under a live session (ended by the server): the recorder connects again and takes its hold again, nothing is lost, and the record verifies")
    func connectionsCut() throws {
        let schema = TestSchema()
        let run = try RecordedRun(path: schema.url)
        run.play(minutes: 10)
        let before = try run.journal.eventCount()
        // Every other connection to this journal ends: the recorder's and its hold's.
        let admin = try schema.link()
        let cut = try admin.rows(PostgresQuery(unsafeSQL: """
            SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND application_name = 'controlroom floor \(schema.name)'
            """))
        #expect(cut.first?.value("n", as: Int64.self) == 2, "the recorder's connection and its hold's")
        run.play(minutes: 5)
        // The end is written whatever came before (tried even after a failure): it connects
        // again, takes its hold again, and writes everything held.
        #expect(run.recorder.finish(), "\(run.recorder.failure?.description ?? "")")
        #expect(run.recorder.unwritten == (0, 0))
        #expect(try run.journal.eventCount() > before)
        #expect(try JournalVerification.check(Journal.open(at: schema.url, readOnly: true)).difference == nil)
    }

    @Test("A first write of a long night (more rows than one statement takes: several statements in one transaction) is written whole, and the record verifies")
    func longFirstWrite() throws {
        let schema = TestSchema()
        let run = try RecordedRun(hours: 10, path: schema.url)
        #expect(run.recorder.failure == nil)
        #expect(try run.journal.eventCount() > 1_000)
        run.play(minutes: 5)
        #expect(try JournalVerification.check(Journal.open(at: schema.url, readOnly: true)).difference == nil)
    }

    @Test("Bad addresses and databases get a clear error: no database named, a bad schema name, a server not there, no journal there, one already there, a newer format")
    func badJournals() throws {
        let schema = TestSchema()
        func problem(_ body: () throws -> Journal) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        let header = SessionHeader(scenarioName: "x", scenarioFile: "default", scenarioSource: Scenario.builtInDefault().source, seed: 1,
                                   role: "dispatcher", areas: [], trainee: nil, operatorName: "t", startedAt: 0, program: "tests")
        #expect(problem { try Journal.open(at: "postgres://someone@127.0.0.1", readOnly: true) }.contains("names no database"))
        #expect(problem { try Journal.open(at: "postgres://someone@127.0.0.1/db?schema=Robert'); DROP", readOnly: true) }
            .contains("not a plain name"))
        // A port nothing listens on; the password never shown.
        let away = problem { try Journal.open(at: "postgres://someone:secret@127.0.0.1:9/db", readOnly: true) }
        #expect(away.contains("cannot reach the journal's database") && !away.contains("secret"), "\(away)")
        #expect(problem { try Journal.open(at: schema.url, readOnly: true) }.contains("no journal in that database"))
        _ = try Journal.create(at: schema.url, header: header)
        #expect(problem { try Journal.create(at: schema.url, header: header) }.contains("a journal is already there"))
        try schema.link().execute(unsafeSQL: "INSERT INTO journal_migration (name) VALUES ('pg-v99')")
        #expect(problem { try Journal.open(at: schema.url, readOnly: true) }.contains("written by a newer controlroom"))
    }
}
