import DispatchEngine
import ReadModel
import Scenario
import Testing

/// "Met" is one thing: the list, the log the record and exports read, and the report's count
/// agree on every incident of a whole night.
@Suite("One definition of a target met")
struct AttendanceTests {
    @Test("At a target's very millisecond it is met; a millisecond later, attended or not, missed")
    func boundaries() {
        #expect(Attendance.met(target: 1000, firstArrival: 1000, now: 5000) == true)
        #expect(Attendance.met(target: 1000, firstArrival: 1001, now: 5000) == false)
        #expect(Attendance.met(target: 1000, firstArrival: nil, now: 1000) == nil)
        #expect(Attendance.met(target: 1000, firstArrival: nil, now: 1001) == false)
        #expect(Attendance.met(target: nil, firstArrival: 5, now: 5) == nil)
    }

    @Test("On a whole default night the list's rows, the incident log and the report count the same incidents as met")
    func agreeOnANight() {
        let scenario = Scenario.builtInDefault()
        var config = scenario.config
        config.seed = 1   // a night with a grade 1 attended after its target while still open
        let simulation = Simulation(config: config)
        let floor = Floor(simulation: simulation, scenarioName: scenario.name)
        var compared = 0, missedSeen = 0
        var t: SimTime = 0
        while t < scenario.config.duration {
            t += Clock.minute
            simulation.advance(to: t)
            for row in floor.incidentRows(IncidentQuery()) {
                let entry = floor.incidents.entry(reference: row.reference)!
                #expect(row.met(at: floor.now) == entry.metTarget(at: floor.now), "\(row.reference) at \(t)")
                compared += 1
                if row.met(at: floor.now) == false && row.attended { missedSeen += 1 }
            }
        }
        simulation.closeBooks()
        // The report counts, per grade, the incidents attended within target: the log agrees.
        for grade in Grade.allCases where grade.deploys {
            let logged = floor.incidents.entries.filter { $0.assisting == nil && $0.grade == grade && $0.firstArrivedAt != nil && $0.metTarget(at: floor.now) == true }.count
            #expect(simulation.statistics.grades[grade.rawValue - 1].attendedWithinTarget == logged, "grade \(grade.rawValue)")
        }
        #expect(compared > 500)
        #expect(missedSeen > 0, "the night has an incident attended after its target, shown as missed")
    }

    @Test("An incident's life is one life: the list says at scene while anyone is there (never closing), and its record gives one result")
    func oneLife() {
        let scenario = Scenario.builtInDefault()
        let simulation = Simulation(config: scenario.config)
        let floor = Floor(simulation: simulation, scenarioName: scenario.name)
        var t: SimTime = 0, checked = 0
        while t < scenario.config.duration {
            t += 5 * Clock.minute
            simulation.advance(to: t)
            for row in floor.incidentRows(IncidentQuery()) {
                let atScene = simulation.world.units.contains { $0.incident == row.id && ($0.status == .atScene || $0.status == .emergency) }
                if atScene { #expect(row.status == .atScene, "\(row.reference): \(row.status) with a unit at scene"); checked += 1 }
            }
        }
        #expect(checked > 100)
        for entry in floor.incidents.entries where entry.closedAt != nil {
            let results = entry.narrative.filter { if case .unitResult = $0.fact { true } else { false } }
            #expect(results.count <= 1, "\(entry.reference) gave \(results.count) results")
            let given = entry.sends.compactMap { send -> JobResult? in if case .cleared(let r)? = send.leaving { r } else { nil } }
            #expect(Set(given).count <= 1, "\(entry.reference): units cleared with \(Set(given))")
        }
    }
}
