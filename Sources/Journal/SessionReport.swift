import ReadModel
import DispatchEngine
import Foundation
import Report

/// The statistics of a recorded session: who sat where and what they did, then the shift's
/// figures as `controlroom sim` reports them (docs/report.md), up to where the session got.
public enum SessionReport {
    public static func build(_ session: RecordedSession) -> ReportNode {
        let header = session.header
        session.simulation.closeBooks()
        let shift = ShiftReport.build(session.simulation.statistics, config: session.simulation.config,
                                      start: session.replay.scenario.start)
        let refused = session.actions.filter { $0.refusal != nil }.count
        // Everyone who sat at a console, by name, with what they did (the engine's seats apart).
        let load = session.simulation.workload.byOperator
        var people: [ReportEntry] = []
        var all = OperatorLoad()
        for (i, name) in session.simulation.people.enumerated() {
            guard let l = load[.person(i)] else { continue }
            // On a floor the unnamed one is the floor itself (a seat it released).
            let named = name.isEmpty ? (header.role == "floor" ? "the floor" : "person") : name
            all.callsTaken += l.callsTaken; all.incidentsCreated += l.incidentsCreated; all.incidentsDispatched += l.incidentsDispatched
            people.append(ReportEntry(ShiftReport.key(named), named, .group([
                ReportEntry("calls_taken", "calls taken", .figure(Double(l.callsTaken), .count)),
                ReportEntry("incidents_created", "incidents created", .figure(Double(l.incidentsCreated), .count)),
                ReportEntry("incidents_dispatched", "incidents first dispatched", .figure(Double(l.incidentsDispatched), .count)),
                ReportEntry("commands", "commands carried out", .figure(Double(l.actions), .count)),
            ])))
        }
        let person = all
        let started = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: header.startedAt))
        let sessionNode = ReportNode.group([
            ReportEntry("journal", "journal", .text(session.journal.path)),
            ReportEntry("operator", "operator", .text(header.operatorName)),
            ReportEntry("training", "training", .text(header.trainee == nil ? "no" : "yes")),
            ReportEntry("seat", "seat", .text(header.role)),
            ReportEntry("started", "started (wall clock)", .text(started)),
            ReportEntry("reached", "reached", .text(session.floor.clock.dateTime(session.progress.mark.time))),
            ReportEntry("ended", "ended by the operator", .text(session.progress.ended ? "yes" : "no")),
            ReportEntry("actions", "actions", .figure(Double(session.actions.count - refused), .count)),
            ReportEntry("refused", "actions refused", .figure(Double(refused), .count)),
            ReportEntry("calls_taken", "calls taken by people", .figure(Double(person.callsTaken), .count)),
            ReportEntry("incidents_created", "incidents created by people", .figure(Double(person.incidentsCreated), .count)),
            ReportEntry("incidents_dispatched", "incidents first dispatched by people", .figure(Double(person.incidentsDispatched), .count)),
            ReportEntry("people", "by person", .group(people)),
        ])
        return .group([ReportEntry("session", "Session", sessionNode)] + shift.children)
    }
}
