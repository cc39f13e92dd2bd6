import DispatchEngine
import Foundation
import Scenario
import Testing

/// `demand fit` recovers a scenario's demand from the history that scenario writes, and refuses a
/// history it cannot read with every bad row located.
@Suite("Demand fitted from an incident history")
struct DemandFitTests {
    /// Weeks of the built-in district with the engine playing every role, written as a force's
    /// export would have it: created, type, grade, line, place, first at scene and the first unit's
    /// clearing.
    static func history(weeks: Int) -> (config: WorldConfig, csv: String) {
        var config = Scenario.builtInDefault().config
        config.duration = SimTime(weeks) * Clock.week
        let sim = Simulation(config: config)
        var rows: [[String]] = []
        var row: [IncidentID: Int] = [:], firstUnit: [IncidentID: UnitIndex] = [:]
        let calendar = config.calendar
        func stamp(_ t: SimTime) -> String {
            let minutes = Double(calendar.epochDay) * 1440 + Double(calendar.timeOfDay + t) / 60_000
            let day = Int(minutes / 1440), rest = Int(minutes) - day * 1440
            let (y, m, d) = CivilDate.date(epochDay: day)
            let seconds = Int((calendar.timeOfDay + t) / 1000) % 60
            return String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, rest / 60, rest % 60, seconds)
        }
        sim.observers.append { _, event in
            switch event {
            case let .incidentCreated(id, o) where o.assisting == nil:
                row[id] = rows.count
                rows.append([stamp(sim.now), config.incidentTypes[Int(o.type)].name, String(o.grade.rawValue), o.line.number,
                             config.places[Int(o.place)].name, "", ""])
            case let .unitArrived(u, id):
                if let r = row[id], rows[r][5].isEmpty { rows[r][5] = stamp(sim.now); firstUnit[id] = u }
            case let .unitCleared(u, id, _):
                if let r = row[id], firstUnit[id] == u, rows[r][6].isEmpty { rows[r][6] = stamp(sim.now) }
            case let .incidentClosed(id, _, _):
                row[id] = nil; firstUnit[id] = nil
            default:
                break
            }
        }
        while sim.now < config.duration { sim.advance(to: sim.now + Clock.day) }
        let csv = (["created,type,grade,line,place,first_at_scene,cleared"]
                   + rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }).joined(separator: "\n")
        return (config, csv)
    }

    @Test("Four weeks written from the built-in district are fitted back: the type mix, the hours and days of the profile and each common type's time at scene within their sampling error; the profile's chi-square unremarkable")
    func recovers() throws {
        let (config, csv) = Self.history(weeks: 4)
        let history = IncidentHistory(text: csv, file: "history.csv")
        #expect(history.problems.isEmpty, "\(history.problems.prefix(3))")
        let fit = DemandFit(history)
        let n = Double(fit.incidents)
        #expect(n > 1_000, "\(fit.incidents) incidents")
        // The mix: each type's share within 4.5 standard errors of the scenario's.
        let total = config.incidentTypes.map(\.share).reduce(0, +)
        for spec in config.incidentTypes {
            let p = spec.share / total
            let fitted = (fit.types.first { $0.name == spec.name }?.share ?? 0) / 100
            #expect(abs(fitted - p) <= 4.5 * (p * (1 - p) / n).squareRoot() + 0.002, "\(spec.name): fitted \(fitted), scenario \(p)")
        }
        // The profile: each hour's and each day's factor (mean 1) within 4.5 standard errors.
        func normalised(_ v: [Double]) -> [Double] { let m = v.reduce(0, +) / Double(v.count); return v.map { $0 / m } }
        let hours = normalised(config.profile.hours), days = normalised(config.profile.days)
        for h in 0..<24 {
            let se = hours[h] * (24 / Double(fit.profileIncidents)).squareRoot()
            #expect(abs(fit.profile.hours[h] - hours[h]) <= 4.5 * se + 0.03, "hour \(h): fitted \(fit.profile.hours[h]), scenario \(hours[h])")
        }
        for d in 0..<7 {
            let se = days[d] * (7 / Double(fit.profileIncidents)).squareRoot()
            #expect(abs(fit.profile.days[d] - days[d]) <= 4.5 * se + 0.03, "day \(d): fitted \(fit.profile.days[d]), scenario \(days[d])")
        }
        #expect(fit.pValue > 0.001, "chi-square \(fit.chiSquare) on \(fit.degrees), p \(fit.pValue)")
        // Time at scene of the common types: the median within its sampling error (and a little
        // for what a job adds: a prisoner, a result given late).
        var checked = 0
        for t in fit.types where (t.onScene?.count ?? 0) >= 150 {
            guard let spec = config.incidentTypes.first(where: { $0.name == t.name }), case let .lognormal(median, p90) = spec.onScene,
                  let s = t.onScene else { continue }
            let want = Double(median) / 60_000
            let sigma = log(Double(p90) / Double(median)) / 1.2815516
            let se = 1.2533 * sigma / Double(s.count).squareRoot()
            #expect(abs(log(s.median / want)) <= 4.5 * se + 0.12, "\(t.name): median \(s.median) min, scenario \(want) (n \(s.count))")
            checked += 1
        }
        #expect(checked >= 3, "\(checked) types with enough durations")
        // And the YAML it writes reads as scenario durations and numbers.
        let yaml = fit.yaml(source: "history.csv")
        #expect(yaml.contains("demand:\n  profile:\n    hours: [") && yaml.contains("incident_types:\n  - name: "), "\(yaml)")
        print("demand fit of 4 weeks: \(fit.summary().prefix(3).joined(separator: "; "))")
    }

    @Test("A history it cannot read is refused with every bad row located, all at once; a header file maps a force's own column names")
    func brokenHistory() throws {
        let csv = """
            created,type,grade,line,first_at_scene,cleared
            2026-11-27 18:03,burglary,1,999,2026-11-27 18:10,2026-11-27 19:00
            27/11/2026 18:30,theft,5,101,,
            yesterday,theft,2,101,,
            2026-11-27 19:00,,2,999,,
            2026-11-27 19:10,domestic,1,radio,,
            2026-11-27 19:20,domestic,1,999,2026-11-27 20:00,2026-11-27 19:30
            2026-02-30 19:20,domestic,1,999,,
            """
        let history = IncidentHistory(text: csv, file: "h.csv")
        #expect(history.problems.count == 6, "\(history.problems)")
        for (line, words) in [(3, "grade '5'"), (4, "created 'yesterday'"), (5, "no type"), (6, "line 'radio'"), (7, "before first at scene"), (8, "created '2026-02-30")] {
            #expect(history.problems.contains { $0.hasPrefix("h.csv:\(line): ") && $0.contains(words) }, "line \(line): \(history.problems)")
        }
        #expect(history.incidents.count == 1 && history.incidents[0].onScene == 50)
        // A force's own headers, mapped.
        let own = "Created Date,Final Type,Priority\n2026-11-27 18:03,burglary,1\n"
        #expect(!IncidentHistory(text: own, file: "own.csv").problems.isEmpty)
        let names = try IncidentHistory.names(yaml: "created: Created Date\ntype: Final Type\ngrade: Priority\n", file: "columns.yaml")
        let mapped = IncidentHistory(text: own, file: "own.csv", names: names)
        #expect(mapped.problems.isEmpty && mapped.incidents.count == 1, "\(mapped.problems)")
        #expect(throws: ScenarioError.self) { try IncidentHistory.names(yaml: "created: Created Date\nwhen: Time\n", file: "columns.yaml") }
    }
}
