import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Scenario

/// A session ready for the console: a new one with its journal created, or one resumed from its
/// journal after a crash (the world rebuilt by replaying it).
struct LiveSession {
    let scenario: Scenario
    let simulation: Simulation
    let floor: Floor
    let recorder: SessionRecorder
    let role: Role
    let areas: Set<Int>
    let trainee: String?
    /// What the first line says.
    let welcome: String

    /// Starts a new session and its journal at `journalPath` (nil: the default place).
    static func start(_ scenario: Scenario, file: String, seed: UInt64?, from: SimTime, role: Role, areas: Set<Int>,
                      trainee: String?, journalPath: String?) throws(JournalError) -> LiveSession {
        var config = scenario.config
        if let seed { config.seed = seed }
        let now = Date()
        let path = journalPath ?? JournalLocation.newPath(scenario: scenario.name, start: now)
        let header = SessionHeader(
            scenarioName: scenario.name, scenarioFile: file, scenarioSource: scenario.source, seed: config.seed,
            role: role.rawValue, areas: areas.sorted(), trainee: trainee,
            operatorName: trainee ?? ProcessInfo.processInfo.environment["USER"] ?? "operator",
            startedAt: now.timeIntervalSince1970, program: "controlroom")
        let journal = try Journal.create(at: path, header: header)
        // A journal kept elsewhere is noted, so that a plain `resume` finds it after a crash.
        if journalPath != nil && !Journal.inDatabase(path) { JournalLocation.remember(path) }
        let simulation = Simulation(config: config, startLater: true)
        simulation.nameConsolePerson(header.operatorName)
        let floor = Floor(simulation: simulation, scenarioName: scenario.name)
        let recorder = try SessionRecorder(journal: journal, simulation: simulation, role: role.rawValue)
        let unsigned = Signing.attach(to: recorder)
        // The night so far, run before the console opens, with the engine in every seat.
        simulation.advance(to: min(from, config.duration))
        // Then the person takes their seat: as dispatcher, of every area or of the ones named.
        if role.dispatches { try? simulation.perform(.dispatchSeat(areas: areas.sorted())) }
        recorder.flush()
        return LiveSession(scenario: scenario, simulation: simulation, floor: floor, recorder: recorder, role: role,
                           areas: areas, trainee: trainee, welcome: "Journal: \(path)." + (unsigned.map { " " + $0 } ?? ""))
    }

    /// Resumes the session recorded in the journal at `path` where its last durable event left it.
    static func resume(_ path: String) throws(JournalError) -> LiveSession {
        // Held before SQLite opens it: a second console on it is refused at once, and touches
        // nothing of the first's.
        let hold = try JournalHold(path: path)
        let journal = try Journal.open(at: path, readOnly: false)
        let replay = try SessionReplay(journal: journal)
        let header = replay.header
        let floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name)
        let progress = try journal.progress()
        try replay.run(to: progress.mark)
        let role = Role(rawValue: header.role) ?? .dispatcher
        let recorder = try SessionRecorder(journal: journal, simulation: replay.simulation, role: role.rawValue, hold: hold)
        _ = Signing.attach(to: recorder)
        return LiveSession(scenario: replay.scenario, simulation: replay.simulation, floor: floor, recorder: recorder,
                           role: role, areas: Set(header.areas), trainee: header.trainee,
                           welcome: "Resumed from \(path) at \(floor.clock.dateTime(progress.mark.time)): "
                               + "\(replay.actionsPerformed) actions replayed: everything acknowledged is here.")
    }
}
