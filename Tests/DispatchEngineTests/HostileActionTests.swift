import DispatchEngine
import Scenario
import Testing

/// A journal is read back by replaying its actions, so an altered journal hands the engine any
/// action at all. Each is refused or carried out; none may stop the program on an internal check.
@Suite("Actions from an altered journal")
struct HostileActionTests {
    static let units: [UnitIndex] = [-1, 0, 3, 31, 9_999, .max, .min]
    static let incidents = [IncidentID(slot: -1, generation: 0), IncidentID(slot: 0, generation: 0), IncidentID(slot: 2, generation: 7),
                            IncidentID(slot: 40_000, generation: 0), IncidentID(slot: .max, generation: .max)]
    static let handlers: [HandlerIndex] = [-1, 0, 4, 200, .max]

    static var commands: [Command] {
        var out: [Command] = []
        for u in units {
            out += [.message(u, "x"), .acknowledgeEmergency(u), .startRefreshments(u), .endRefreshments(u), .welfareCheck(u)]
            out += UnitStatus.allCases.map { .setStatus(u, $0) }
            for i in incidents { out += [.assign(u, i), .divert(u, i), .standDown(u, i), .reattach(u, i, atScene: true)] }
        }
        for i in incidents {
            out += [.stack(i, reason: .other), .regrade(i, .immediate), .addNote(i, "x"), .addNote(i, ""), .passWarnings(i),
                    .close(i, closingType: -1, result: nil), .close(i, closingType: 9_999, result: nil), .close(i, closingType: 0, result: nil)]
        }
        for h in handlers {
            out += [.answerNext(h), .leaveCallHandlerSeat(h), .keepLine(h), .callBack(h), .noteCall(h, "x"), .noteCall(h, "")]
            out += [.decideCall(h, .incident(type: -1, grade: .immediate, place: 9_999)), .decideCall(h, .advice(closingType: 9_999, place: -5)),
                    .decideCall(h, .duplicate(of: incidents[4])), .decideCall(h, .transfer(.fire)), .decideCall(h, .noResponse)]
        }
        return out + [.seatCallHandler]
    }

    @Test("Every command with indices out of range, at the night's busiest, is refused or done: the world stays whole")
    func refusedOrDone() {
        var config = Scenario.builtInDefault().config
        config.seed = 7
        let simulation = Simulation(config: config)
        simulation.advance(to: 4 * Clock.hour)
        var refused = 0
        for action in Self.commands.map(OperatorAction.command) + [.inject(cue: -1), .inject(cue: 9_999), .dispatchSeat(areas: [-3, 99]),
                                                                       .dispatchSeat(areas: nil)] {
            do { try simulation.perform(action) } catch { refused += 1 }
            simulation.advance(to: simulation.now + 5 * Clock.second)
        }
        #expect(refused > Self.commands.count / 2)
        #expect(Invariants.violations(in: simulation.world).isEmpty, "\(Invariants.violations(in: simulation.world))")
    }
}
