import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Scenario

/// A session recorded in-process as the live console records one: the engine run in uneven
/// slices (the console's tick stops wherever its time budget runs out), the person's actions
/// performed between slices, the journal flushed once per tick.
final class RecordedRun {
    let path: String
    let simulation: Simulation
    let recorder: SessionRecorder
    let journal: Journal
    private var random = RandomStream(seed: 99, stream: 1)

    init(hours: Double = 1, role: String = "dispatcher", trainee: String? = nil, path: String = RecordedRun.temporaryPath()) throws {
        let scenario = Scenario.builtInDefault()
        self.path = path
        journal = try Journal.create(at: path, header: SessionHeader(
            scenarioName: scenario.name, scenarioFile: "default", scenarioSource: scenario.source,
            seed: scenario.config.seed, role: role, areas: [], trainee: trainee, operatorName: trainee ?? "tester",
            startedAt: 1_800_000_000, program: "tests"))
        simulation = Simulation(config: scenario.config, startLater: true)
        recorder = try SessionRecorder(journal: journal, simulation: simulation, role: role)
        simulation.advance(to: SimTime(hours * Double(Clock.hour)))
        try? simulation.perform(.dispatchSeat(areas: []))
        recorder.flush()
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("journal-test-\(UUID().uuidString)/s.journal").path
    }

    /// Runs about `minutes` on in ticks that stop after a random number of happenings, as the
    /// live loop's budget does; between ticks the person dispatches what waits (and now and
    /// then tries something the engine refuses). `flush: false` leaves the last tick unwritten,
    /// as a crash would.
    func play(minutes: Int, flush: Bool = true) {
        let end = simulation.now + SimTime(minutes) * Clock.minute
        while simulation.now < end {
            let target = min(end, simulation.now + SimTime(1 + random.index(below: 40)) * Clock.second)
            var steps = 0
            let budget = 1 + random.index(below: 6)
            var stopped = false
            while simulation.step(limit: target) {
                steps += 1
                if steps >= budget { stopped = true; break }
            }
            if !stopped { simulation.advance(to: target) }
            act()
            if flush || simulation.now < end { recorder.flush() }
        }
    }

    /// What a busy dispatcher does: sends the best unit to the oldest waiting incident; tries a
    /// refused command one time in five.
    func act() {
        let waiting = simulation.world.urgent.first ?? simulation.world.firstQueued
        if let id = waiting, simulation.world.isOpen(id), let best = simulation.recommendations(for: id).first {
            try? simulation.perform(.command(best.divertsFrom == nil ? .assign(best.unit, id) : .divert(best.unit, id)))
        }
        if random.index(below: 5) == 0 {
            try? simulation.perform(.command(.regrade(IncidentID(slot: 9_999, generation: 0), .immediate)))
        }
    }
}
