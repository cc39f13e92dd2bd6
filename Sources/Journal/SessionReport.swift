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
        let person = session.simulation.workload.byOperator[.you] ?? OperatorLoad()
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
            ReportEntry("calls_taken", "calls taken by the person", .figure(Double(person.callsTaken), .count)),
            ReportEntry("incidents_created", "incidents created by the person", .figure(Double(person.incidentsCreated), .count)),
            ReportEntry("incidents_dispatched", "incidents first dispatched by the person", .figure(Double(person.incidentsDispatched), .count)),
        ])
        return .group([ReportEntry("session", "Session", sessionNode)] + shift.children)
    }
}
