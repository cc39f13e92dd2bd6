@testable import DispatchEngine
import Scenario
import Testing

/// With nobody listening, the simulation hands the events of every call and job (radio
/// transmissions, units' changes of status, calls ringing, answered and handled, incidents
/// opened and closed, units sent, at scene and cleared) to the statistics, the workload and the
/// world directly (`Simulation.radio`, `statusChanged`, `callArrived`, `unitAssigned`...); with a
/// listener (a console, a journal) every one is an event through `emit`. Both must be one night.
@Suite("A run listened to is the run nobody listens to")
struct ListenedRunTests {
    func run(_ config: WorldConfig, listened: Bool) -> (Simulation, [Int]) {
        let simulation = Simulation(config: config, startLater: true)
        var heard = [0, 0]
        if listened {
            simulation.observers.append { _, event in
                switch event {
                case .radio: heard[0] += 1
                case .unitStatusChanged: heard[1] += 1
                default: break
                }
            }
        }
        simulation.runToEnd()
        return (simulation, heard)
    }

    @Test("Seven days of the default scenario: every figure and the world the same, listened to or not")
    func sameNight() {
        var config = Scenario.builtInDefault().config
        config.duration = 7 * Clock.day
        let (quiet, _) = run(config, listened: false)
        let (listened, heard) = run(config, listened: true)
        let a = quiet.statistics, b = listened.statistics
        // The listener heard them all: the figures below count them.
        #expect(heard[0] == b.transmissions && heard[0] > 1_000, "\(heard[0]) transmissions heard")
        #expect(heard[1] > 1_000)
        #expect(a.transmissions == b.transmissions && a.backupRequests == b.backupRequests)
        #expect(a.emergencies == b.emergencies && a.emergencies > 0)
        #expect(a.breaksStarted == b.breaksStarted && a.breaksLate == b.breaksLate && a.prisoners == b.prisoners)
        #expect(a.diversions == b.diversions && a.incidentsClosed == b.incidentsClosed)
        for k in a.kinds.indices {
            #expect(a.kinds[k].committed == b.kinds[k].committed && a.kinds[k].refreshments == b.kinds[k].refreshments)
        }
        for g in a.grades.indices {
            #expect(a.grades[g].created == b.grades[g].created && a.grades[g].attended == b.grades[g].attended
                    && a.grades[g].attendedWithinTarget == b.grades[g].attendedWithinTarget
                    && a.grades[g].unattendedPastTarget == b.grades[g].unattendedPastTarget
                    && a.grades[g].attendance.mean == b.grades[g].attendance.mean)
        }
        #expect(a.grades[0].attended > 50)
        #expect(a.stacked == b.stacked && a.stackedTime.mean == b.stackedTime.mean && a.reclassified == b.reclassified)
        #expect(a.urgentAssistance == b.urgentAssistance && a.assistanceAssigned.mean == b.assistanceAssigned.mean
                && a.assistanceArrived.mean == b.assistanceArrived.mean)
        #expect(quiet.world.incidentsCreated == listened.world.incidentsCreated && quiet.world.incidentsClosed == listened.world.incidentsClosed)
        for l in a.lines.indices {
            #expect(a.lines[l].offered == b.lines[l].offered && a.lines[l].answered == b.lines[l].answered
                    && a.lines[l].abandoned == b.lines[l].abandoned && a.lines[l].answerTime.mean == b.lines[l].answerTime.mean)
            #expect(a.lines[l].outcomes.indices.allSatisfy { a.lines[l].outcomes[$0] == b.lines[l].outcomes[$0] })
        }
        #expect(a.lines.indices.reduce(0) { $0 + a.lines[$1].answered } > 1_000)
        #expect(a.handlerBusy == b.handlerBusy && a.handlerBusy > 0)
        #expect(quiet.workload.byOperator == listened.workload.byOperator && !quiet.workload.byOperator.isEmpty)
        // The world counted every event, whichever way it came.
        #expect(quiet.world.version == listened.world.version)
        // The incidents still open, each with its visits (who was sent, by whom, when they got there).
        let open = quiet.world.incidents.live.map { slot, _ in IncidentID(slot: slot, generation: quiet.world.incidents.generations[Int(slot)]) }
        #expect(!open.isEmpty)
        for id in open {
            #expect(listened.world.incident(id) != nil && quiet.world.visits(of: id) == listened.world.visits(of: id))
        }
        #expect(quiet.world.available == listened.world.available)
        #expect(quiet.world.units.map(\.status) == listened.world.units.map(\.status))
    }
}
