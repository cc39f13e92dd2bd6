import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Scenario
import Testing

@Suite("The journal")
struct JournalTests {
    @Test("Every event and action is recorded, and the replay of the journal matches it event for event")
    func recordsAndVerifies() throws {
        let run = try RecordedRun()
        run.play(minutes: 45)
        let outcome = try JournalVerification.check(run.journal)
        #expect(outcome.difference == nil)
        #expect(outcome.events == (try run.journal.eventCount()))
        #expect(outcome.events > 200)
        let actions = try run.journal.actions()
        #expect(actions.count == outcome.actions)
        #expect(actions.contains { $0.refusal == .incidentNotOpen }, "refused actions are recorded too")
        #expect(actions.contains { if case .command(.assign) = $0.action { $0.refusal == nil } else { false } })
        // Who caused what: the person's dispatches, the world's calls, the engine's call handlers.
        let actors = Set(try run.journal.events().map(\.actor))
        #expect(actors.isSuperset(of: ["world", "person:tester", "engine:call-handler-1"]))
    }

    @Test("A journal whose record was altered fails the check and says where")
    func tamperingIsFound() throws {
        let run = try RecordedRun()
        run.play(minutes: 10)
        // Someone edits an event: the replay no longer matches.
        let raw = try RawDatabase(run.path)
        try raw.execute("UPDATE event SET sim_time = sim_time + 1000 WHERE seq = 40")
        let outcome = try JournalVerification.check(Journal.open(at: run.path, readOnly: true))
        #expect(outcome.difference?.contains("event 40") == true, "\(outcome.difference ?? "")")
    }

    /// Each way of altering a journal, and what `verify` must say of it.
    nonisolated(unsafe) static let tamperings: [(what: String, sql: (RawDatabase) throws -> String, says: String)] = [
        ("the scenario text edited", { _ in "UPDATE session SET scenario_source = replace(scenario_source, 'Friday', 'Fryday')" },
         "the chain breaks at event 1"),
        ("an event's payload edited", { _ in "UPDATE event SET payload = payload || ' ' WHERE seq = 57" },
         "the chain breaks at event 57"),
        ("an event deleted", { _ in "DELETE FROM event WHERE seq = 80" }, "event 80 is missing"),
        ("a refused action deleted", { raw in
            let seq = try raw.scalar("SELECT min(seq) FROM action WHERE refusal IS NOT NULL AND seq > 1") ?? "0"
            return "DELETE FROM action WHERE seq = \(seq)"
        }, "is missing (deleted)"),
        ("a refused action marked as carried out", { _ in
            "UPDATE action SET refusal = NULL WHERE seq = (SELECT min(seq) FROM action WHERE refusal IS NOT NULL)"
        }, "the chain breaks at action"),
        ("two different actions swapped", { raw in
            let a = try raw.scalar("SELECT min(seq) FROM action WHERE seq > 1") ?? "0"
            let b = try raw.scalar("SELECT min(seq) FROM action WHERE seq > \(a) AND action <> (SELECT action FROM action WHERE seq = \(a))") ?? "0"
            return "UPDATE action SET seq = -1 WHERE seq = \(a); UPDATE action SET seq = \(a) WHERE seq = \(b); UPDATE action SET seq = \(b) WHERE seq = -1"
        }, "the chain breaks at action"),
        ("the last rows removed", { raw in
            let last = Int(try raw.scalar("SELECT max(seq) FROM event") ?? "0")!
            return "DELETE FROM event WHERE seq > \(last - 20); DELETE FROM action WHERE event_seq > \(last - 20)"
        }, "the last rows of the record are missing"),
    ]

    @Test("verify finds each kind of tampering and says where: scenario edited, rows edited, deleted, re-ordered, the end cut off",
          arguments: 0..<JournalTests.tamperings.count)
    func everyTampering(_ index: Int) throws {
        let (what, sql, says) = Self.tamperings[index]
        let run = try RecordedRun()
        run.play(minutes: 30)
        #expect(try JournalVerification.check(Journal.open(at: run.path, readOnly: true)).difference == nil)
        let raw = try RawDatabase(run.path)
        #expect(try Int(raw.scalar("SELECT count(*) FROM action WHERE refusal IS NOT NULL") ?? "0")! >= 2, "the run has refused actions")
        try raw.execute(try sql(raw))
        let outcome = try JournalVerification.check(Journal.open(at: run.path, readOnly: true))
        #expect(outcome.difference?.contains(says) == true, "\(what): \(outcome.difference ?? "passed verify")")
    }

    @Test("A journal whose scenario was edited and rows re-linked does not replay: said, never a crash")
    func editedScenarioDoesNotReplay() throws {
        let run = try RecordedRun()
        run.play(minutes: 30)
        let raw = try RawDatabase(run.path)
        // Ashby's station moved ten kilometres: the same actions meet another world. (The links
        // are cleared, as a forger making it look like an old journal would, so it is the
        // replay that must catch it.)
        try raw.execute("UPDATE session SET chain_head = NULL, scenario_source = replace(scenario_source, 'at: [8.5, 3.0]', 'at: [18.5, 3.0]')")
        try raw.execute("UPDATE event SET link = NULL; UPDATE action SET link = NULL; PRAGMA user_version = 1")
        let outcome = try JournalVerification.check(Journal.open(at: run.path, readOnly: true))
        #expect(outcome.difference != nil)
        #expect(throws: JournalError.self) { try RecordedSession(path: run.path) }
    }

    @Test("The header round-trips; the file is the owner's only and in WAL mode")
    func headerAndFile() throws {
        let run = try RecordedRun(role: "all", trainee: "Sam Okafor")
        let header = try run.journal.header()
        #expect(header.trainee == "Sam Okafor")
        #expect(header.role == "all")
        #expect(header.seed == Scenario.builtInDefault().config.seed)
        #expect(header.scenarioSource == Scenario.builtInDefault().source)
        let mode = try FileManager.default.attributesOfItem(atPath: run.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (run.path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(folder == 0o700)
        #expect(try RawDatabase(run.path).scalar("PRAGMA journal_mode") == "wal")
        #expect(throws: JournalError.alreadyExists(path: run.path)) { try Journal.create(at: run.path, header: header) }
    }

    @Test("After a crash the world rebuilt from the journal is the world at its last durable point, and carries on identically")
    func recoveryRebuildsTheWorld() throws {
        let run = try RecordedRun()
        run.play(minutes: 30)
        // The last durable point, then a tick that never reached the disk.
        let durable = try run.journal.progress().mark
        let before = Snapshot(run.simulation)
        run.play(minutes: 1, flush: false)

        let recovered = try SessionReplay(journal: Journal.open(at: run.path, readOnly: false))
        try recovered.run(to: durable)
        #expect(recovered.simulation.mark == durable)
        #expect(Snapshot(recovered.simulation) == before)

        // From there, the recovered session and a fresh replay of the original go the same way.
        let original = try SessionReplay(journal: Journal.open(at: run.path, readOnly: true))
        try original.run(to: durable)
        var a: [Event] = [], b: [Event] = []
        recovered.simulation.observers.append { _, e in a.append(e) }
        original.simulation.observers.append { _, e in b.append(e) }
        recovered.simulation.advance(to: durable.time + Clock.hour)
        original.simulation.advance(to: durable.time + Clock.hour)
        #expect(a.count > 50)
        #expect(a == b)
    }

    @Test("A resumed session appends to the same journal, and the whole record still verifies")
    func resumeAndCarryOn() throws {
        let path: String
        do {
            let first = try RecordedRun()
            first.play(minutes: 20)
            first.play(minutes: 1, flush: false)   // lost in the crash
            path = first.path
            // While it runs, its journal is its own.
            #expect(throws: JournalError.inUse(path: path)) {
                try SessionRecorder(journal: Journal.open(at: path, readOnly: false), simulation: first.simulation, role: "dispatcher")
            }
        }   // the crash: the first session's process, and its hold on the journal, are gone
        let journal = try Journal.open(at: path, readOnly: false)
        let replay = try SessionReplay(journal: journal)
        try replay.run(to: try journal.progress().mark)
        let recorder = try SessionRecorder(journal: journal, simulation: replay.simulation, role: "dispatcher")
        for _ in 0..<40 {
            replay.simulation.advance(to: replay.simulation.now + 30 * Clock.second)
            let waiting = replay.simulation.world.firstQueued
            if let id = waiting, let best = replay.simulation.recommendations(for: id).first, best.divertsFrom == nil {
                try? replay.simulation.perform(.command(.assign(best.unit, id)))
            }
            recorder.flush()
        }
        recorder.finish()
        let outcome = try JournalVerification.check(Journal.open(at: path, readOnly: true))
        #expect(outcome.difference == nil)
        #expect(try Journal.open(at: path, readOnly: true).progress().ended)
    }

    @Test("A journal made before the migrator kept its table opens, reads and is brought up to date when written to")
    func formatOneJournal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("old-journal-\(UUID().uuidString)").path
        let run = try RecordedRun(path: folder + "/old.journal")
        run.play(minutes: 30)
        let raw = try RawDatabase(run.path)
        try raw.execute("DROP TABLE grdb_migrations")
        let before = try Journal.open(at: run.path, readOnly: true).eventCount()
        #expect(before > 0)
        #expect(try raw.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'grdb_migrations'") == "0", "read-only opens change nothing")
        let reopened = try Journal.open(at: run.path, readOnly: false)
        #expect(try reopened.eventCount() == before)
        #expect(try raw.scalar("SELECT identifier FROM grdb_migrations") == "v1")
        #expect(try JournalVerification.check(reopened).difference == nil)
    }

    @Test("A journal of format 1, without the chain's columns, is read, verified (unlinked) and brought to format 2 when resumed")
    func formatOneWithoutLinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("format1-\(UUID().uuidString)").path
        let path: String
        do {
            let run = try RecordedRun(path: folder + "/old.journal")
            run.play(minutes: 30)
            path = run.path
        }
        let raw = try RawDatabase(path)
        try raw.execute("ALTER TABLE event DROP COLUMN link; ALTER TABLE action DROP COLUMN link; ALTER TABLE session DROP COLUMN chain_head; DELETE FROM grdb_migrations WHERE identifier = 'v2-chain'; PRAGMA user_version = 1")
        let old = try Journal.open(at: path, readOnly: true)
        let outcome = try JournalVerification.check(old)
        #expect(outcome.difference == nil && !outcome.linked)
        #expect(try RecordedSession(path: path).replay.actionsPerformed > 0)
        let resumed = try Journal.open(at: path, readOnly: false)
        #expect(try JournalVerification.check(resumed).difference == nil)
        #expect(try raw.scalar("SELECT count(*) FROM grdb_migrations WHERE identifier = 'v2-chain'") == "1")
    }

    @Test("Bad journals get a clear error: missing, not SQLite, another program's database, a newer format, corrupt")
    func badJournals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-journals-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        #expect(throws: JournalError.missing(path: folder + "/none.journal")) {
            try Journal.open(at: folder + "/none.journal", readOnly: true)
        }
        let text = folder + "/notes.txt"
        try String(repeating: "shift notes\n", count: 200).write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: JournalError.notAJournal(path: text, why: "not an SQLite database")) {
            try Journal.open(at: text, readOnly: true)
        }
        let other = folder + "/other.db"
        let raw = try RawDatabase(other)
        try raw.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        #expect(throws: JournalError.notAJournal(path: other, why: "an SQLite database of something else")) {
            try Journal.open(at: other, readOnly: true)
        }
        let newer = try RecordedRun(path: folder + "/newer.journal")
        try RawDatabase(newer.path).execute("PRAGMA user_version = 7")
        #expect(throws: JournalError.newerFormat(path: newer.path, format: 7)) {
            try Journal.open(at: newer.path, readOnly: true)
        }
        #expect(JournalError.newerFormat(path: "x", format: 7).description.contains("newer controlroom"))
        // A migration this build does not know: made by a newer build, refused rather than misread.
        let migrated = try RecordedRun(path: folder + "/migrated.journal")
        try RawDatabase(migrated.path).execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9')")
        #expect(throws: JournalError.newerFormat(path: migrated.path, format: Journal.format + 1)) {
            try Journal.open(at: migrated.path, readOnly: true)
        }

        let corrupt = try RecordedRun(path: folder + "/corrupt.journal")
        corrupt.play(minutes: 60)
        try RawDatabase(corrupt.path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        // Garble pages in the middle of the file, past the header.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: corrupt.path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
        var caught: JournalError?
        do {
            _ = try JournalVerification.check(Journal.open(at: corrupt.path, readOnly: true))
        } catch {
            caught = error
        }
        guard case .corrupt(let path, _)? = caught else {
            Issue.record("expected a corrupt-journal error, got \(String(describing: caught))")
            return
        }
        #expect(path == corrupt.path)
    }

    @Test("Journal names: under XDG_STATE_HOME, else ~/.local/state; by scenario and start; never reused")
    func defaultLocation() throws {
        #expect(JournalLocation.folder(environment: ["XDG_STATE_HOME": "/srv/state", "HOME": "/home/a"]) == "/srv/state/controlroom")
        #expect(JournalLocation.folder(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/controlroom")
        #expect(JournalLocation.folder(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/controlroom")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let start = Date(timeIntervalSince1970: 1_795_500_000)
        let first = JournalLocation.newPath(scenario: "Northfield district - Friday night", start: start, folder: folder)
        #expect((first as NSString).lastPathComponent.hasPrefix("northfield-district-friday-night-2026"))
        #expect(first.hasSuffix(".journal"))
        _ = FileManager.default.createFile(atPath: first, contents: Data())
        let second = JournalLocation.newPath(scenario: "Northfield district - Friday night", start: start, folder: folder)
        #expect(second.hasSuffix("-2.journal"))
    }
}

/// What a dispatcher would notice differs between two worlds.
struct Snapshot: Equatable {
    var now: SimTime
    var units: [String]
    var open: [String]
    var calls: Int
    var handled: Int

    init(_ simulation: Simulation) {
        let world = simulation.world
        now = world.now
        units = world.units.map { "\($0.status) \(String(describing: $0.incident)) \($0.timer)" }
        open = world.incidents.live.map { "\($0.element.reference) \($0.element.grade) \($0.element.unitsAttached) \($0.element.unitsWanted)" }
        calls = simulation.statistics.callsOffered
        handled = simulation.workload.byOperator[.you]?.actions ?? 0
    }
}

@Suite("Finding the session to resume")
struct ResumeFindingTests {
    static func session(at path: String, ended: Bool) throws {
        let scenario = Scenario.builtInDefault()
        let journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: "default", scenarioSource: scenario.source, seed: 1,
            role: "dispatcher", areas: [], trainee: nil, operatorName: "tester", startedAt: 0, program: "tests"))
        let simulation = Simulation(config: scenario.config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "dispatcher")
        simulation.advance(to: Clock.minute)
        if ended { recorder.finish() } else { recorder.flush() }
    }

    @Test("resume with no path finds a session started with --journal elsewhere (the index), and skips ended ones")
    func indexedJournalFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state", elsewhere = root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        #expect(JournalLocation.latestUnfinished(folder: state) == nil)
        try Self.session(at: elsewhere + "/mine.journal", ended: false)
        #expect(JournalLocation.latestUnfinished(folder: state) == nil, "not known until noted")
        JournalLocation.remember(elsewhere + "/mine.journal", folder: state)
        #expect(JournalLocation.latestUnfinished(folder: state) == elsewhere + "/mine.journal")
        // Ended, it is no longer offered.
        try FileManager.default.removeItem(atPath: elsewhere + "/mine.journal")
        try Self.session(at: elsewhere + "/mine.journal", ended: true)
        #expect(JournalLocation.latestUnfinished(folder: state) == nil)
        // The index is only appended to, never through a symlink.
        let index = JournalLocation.indexPath(folder: state)
        try FileManager.default.removeItem(atPath: index)
        try FileManager.default.createSymbolicLink(atPath: index, withDestinationPath: root + "/target")
        JournalLocation.remember(elsewhere + "/other.journal", folder: state)
        #expect(!FileManager.default.fileExists(atPath: root + "/target"))
    }
}

/// A journal says which engine wrote it, and a replay runs that engine: a session recorded
/// before dispatch margins and checked stack reasons still replays event for event.
@Suite("The engine a journal was written on")
struct EngineRevisionTests {
    static func record(revision: Int, path: String) throws {
        let scenario = Scenario.builtInDefault()
        var header = SessionHeader(scenarioName: scenario.name, scenarioFile: "default", scenarioSource: scenario.source,
                                   seed: scenario.config.seed, role: "engine", areas: [], trainee: nil, operatorName: "engine",
                                   startedAt: 0, program: "tests")
        header.engineRevision = revision
        let journal = try Journal.create(at: path, header: header)
        var config = scenario.config
        if revision < 2 { config.dispatch.asRevisionOne() }
        let simulation = Simulation(config: config, startLater: true)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: "engine")
        simulation.advance(to: 10 * Clock.hour)
        recorder.finish()
    }

    @Test("A session of the first engine and one of today's each replay as they ran, each on its own engine")
    func eachReplaysItsOwnEngine() throws {
        let one = RecordedRun.temporaryPath(), two = RecordedRun.temporaryPath()
        try Self.record(revision: 1, path: one)
        try Self.record(revision: 2, path: two)
        for path in [one, two] {
            let journal = try Journal.open(at: path, readOnly: true)
            #expect(try journal.header().engineRevision == (path == one ? 1 : 2))
            let outcome = try JournalVerification.check(journal)
            #expect(outcome.difference == nil, "\(path): \(outcome.difference ?? "")")
        }
        // Each replays on its own engine: the first without margins or checked stack reasons.
        let first = try SessionReplay(journal: Journal.open(at: one, readOnly: true)).simulation.config.dispatch
        let today = try SessionReplay(journal: Journal.open(at: two, readOnly: true)).simulation.config.dispatch
        #expect(first.legacy && first.margins == [0, 0, 0])
        #expect(!today.legacy && today.margins == DispatchPolicy.defaultMargins)
    }
}
