@testable import DispatchEngine
@testable import DistrictImport
import Foundation
import OpenStreetMap
import Scenario
import Testing

/// The imported district's roster is sized to the demand it is written with, not to its number
/// of stations.
@Suite("The imported roster")
struct RosterSizingTests {
    @Test("The imported Helsinki keeps its patrol at most 60 % busy in every hour of the week, by the same estimate validate gives")
    func sizedToDemand() throws {
        let (scenario, dir) = try DistrictImportTests.written()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let load = ResponseLoad(scenario.config)
        for h in 0..<168 {
            #expect(load.busy[h] <= ResponseLoad.busyShareSizedFor * Double(load.onDuty[h]) + 1e-9,
                    "hour \(h): \(load.busy[h]) busy of \(load.onDuty[h]) on duty")
        }
        // Not sized far past it either: the busiest hour is more than half busy.
        let peak = load.busy.indices.max { load.busy[$0] < load.busy[$1] }!
        #expect(load.busy[peak] > 0.5 * Double(load.onDuty[peak]), "hour \(peak): \(load.busy[peak]) of \(load.onDuty[peak])")
    }

    @Test("Twenty stations share the cars one district needs; they do not each get a turn of their own")
    func sharedNotMultiplied() throws {
        var one = DistrictImportTests.district
        one.stations = Array(one.stations.prefix(1))
        var twenty = DistrictImportTests.district
        twenty.stations = (0..<20).map { k in
            var s = one.stations[0]; s.name = "Station \(k + 1)"; return s
        }
        func cars(_ d: District) throws -> Int {
            let (scenario, dir) = try DistrictImportTests.written(d)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            return scenario.config.units.filter { $0.kind == .response }.count
        }
        #expect(try cars(one) == cars(twenty))
    }

    @Test("Whole cars shared by weight add up, the larger remainders first; a station with no demand gets none")
    func shares() {
        #expect(DistrictWriter.shares(10, [1, 1, 1]) == [4, 3, 3])
        #expect(DistrictWriter.shares(7, [3, 0, 1]) == [5, 0, 2])
        #expect(DistrictWriter.shares(0, [1, 2]) == [0, 0])
        #expect(DistrictWriter.shares(5, [0.1, 0.1, 10]).reduce(0, +) == 5)
    }

    @Test("The turns cover each hour's need: the day the mornings, the night the small hours, late and evening cover the rest")
    func turnsCover() {
        // A flat need of 3 units busy (5 cars) with a spike of 9 busy (15 cars) at 01:00 on Saturdays.
        var busy = [Double](repeating: 3, count: 168)
        busy[5 * 24 + 1] = 9
        let turns = DistrictWriter.Turns(busy: busy)
        let onDuty = turns.onDuty
        for h in 0..<168 { #expect(Double(onDuty[h % 24]) * ResponseLoad.busyShareSizedFor >= busy[h], "hour \(h)") }
        #expect(turns.day == 5 && turns.night == 5)
        // Evening cover takes the spike (with the night), not the late turn.
        #expect(turns.late == 5 && turns.evening == 10, "\(turns)")
    }
}

@Suite("The patrol's load")
struct ResponseLoadEstimateTests {
    @Test("On the built-in night with units to spare, the estimate is within a fifth of the patrol units the engine keeps busy at 22:00, 01:00 and 04:00 (eight nights)")
    func nearTheEngine() throws {
        let scenario = Scenario.builtInDefault()
        let estimate = ResponseLoad(scenario.config)
        // The night starts Friday 18:00 with every unit free: 22:00 is its fifth hour, 04:00 its
        // eleventh. Thirty more cars on all night, so that every job is worked as it comes (the
        // built-in roster stacks them at 01:00: what it serves then is less than what is asked).
        let hours = [4, 7, 10]
        let car = scenario.config.units.first { $0.kind == .response && $0.crew == 2 }!
        var measured = [Double](repeating: 0, count: hours.count)
        let nights = 8
        for seed in 1...nights {
            var config = scenario.config
            config.seed = UInt64(seed)
            config.units += (1...30).map { k in
                var spare = car
                spare.callsign = "XS\(k)"
                spare.shift = nil
                return spare
            }
            let simulation = Simulation(config: config)
            for (n, hour) in hours.enumerated() {
                for minute in stride(from: 5, to: 60, by: 10) {
                    simulation.advance(to: SimTime(hour) * Clock.hour + SimTime(minute) * Clock.minute)
                    // Busy on a job, whether or not its shift is over (it finishes the job).
                    let busy = simulation.world.units.indices.filter { u in
                        config.units[u].kind.patrols
                            && !simulation.world.units[u].status.isAvailable
                            && simulation.world.units[u].status != .refreshments && simulation.world.units[u].status != .offDuty
                    }.count
                    measured[n] += Double(busy) / 6 / Double(nights)
                }
            }
        }
        #expect(estimate.played[4].hourOfWeek == 4 * 24 + 22)
        for (n, hour) in hours.enumerated() {
            #expect(abs(estimate.played[hour].busy - measured[n]) <= 0.2 * measured[n], "hour \(hour): estimate \(estimate.played[hour].busy), engine \(measured[n])")
        }
        // Its first hour, starting empty, is quieter than the week it settles to.
        #expect(estimate.played[0].busy < 0.6 * estimate.busy[4 * 24 + 18])
    }

    @Test("A time at scene of years is counted as whole weeks busy, at once, not hour by hour")
    func yearsAtScene() {
        var week = [Double](repeating: 0, count: 168)
        ResponseLoad.spread(2, from: 10.5, over: 1e13, into: &week, wrapping: true)
        #expect(week.allSatisfy { $0 > 1e11 })
        // Far past where whole weeks can be taken off exactly (a median of 1 s, p90 of 400 days).
        var far = [Double](repeating: 0, count: 168)
        ResponseLoad.spread(1, from: 3.5, over: 1e36, into: &far, wrapping: true)
        #expect(far.allSatisfy { $0 > 1e33 })
        var run = [Double](repeating: 0, count: 24)
        ResponseLoad.spread(1, from: 1e30, over: 5, into: &run, wrapping: false)
        #expect(run.allSatisfy { $0 == 0 })
        ResponseLoad.spread(1, from: 22.5, over: 3, into: &run, wrapping: false)
        #expect(run[22] == 0.5 && run[23] == 1)
    }

    @Test("A unit's shift puts it on duty in the hours it covers, across midnight too")
    func onDutyAcrossMidnight() {
        var unit = UnitSpec(callsign: "N1", kind: .response, crew: 2, skills: [], station: nil, area: 0)
        unit.shift = DailyShift(start: 22 * Clock.hour, length: 9 * Clock.hour)
        #expect(unit.onDuty(hourOfWeek: 22) && unit.onDuty(hourOfWeek: 24 + 6))
        #expect(!unit.onDuty(hourOfWeek: 7) && !unit.onDuty(hourOfWeek: 21))
    }
}
