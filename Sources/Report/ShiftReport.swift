import DispatchEngine

/// The headless report of a run (docs/report.md names every field and its unit).
public enum ShiftReport {
    /// `coverage`: each area's coverage hour by hour, where the run noted it (`sim`).
    public static func build(_ stats: Statistics, config: WorldConfig, start: String, coverage: CoverageRecord? = nil) -> ReportNode {
        .group([
            ReportEntry("scenario", "Scenario", .group([
                ReportEntry("name", "name", .text(config.name)),
                ReportEntry("start", "start", .text(start)),
                ReportEntry("seed", "seed", .text(String(config.seed))),
                ReportEntry("simulated_hours", "simulated (after the warm-up)", .figure(Double(stats.simulatedTime) / Double(Clock.hour), .hours)),
                ReportEntry("warm_up_hours", "warm-up left out", .figure(Double(stats.since) / Double(Clock.hour), .hours)),
            ])),
            ReportEntry("calls", "Calls", .group(Line.phones.map { line in
                ReportEntry(line.number, "\(line.number) line", lineFigures(stats.lines[line.rawValue], line, levels: stats.serviceLevels))
            } + [ReportEntry("waiting_at_end", "waiting at the end", .figure(Double(stats.callsWaitingAtEnd), .count))])),
        ] + digitalFigures(stats, config) + [
            ReportEntry("handlers", "Call handlers", handlerFigures(stats)),
            ReportEntry("incidents", "Incidents", incidentFigures(stats, config)),
            ReportEntry("attendance", "Attendance against targets", .group(Grade.allCases.filter(\.deploys).map { grade in
                let g = grade.rawValue - 1
                return ReportEntry("grade\(grade.rawValue)", "grade \(grade.rawValue)", attendanceFigures(stats.grades[g], split: [
                    ReportEntry("urban", "in urban areas", attendanceFigures(stats.urban[g])),
                    ReportEntry("rural", "in rural areas", attendanceFigures(stats.rural[g])),
                ]))
            })),
            ReportEntry("stacked", "Stacked incidents (nobody free)", .group([
                ReportEntry("incidents", "incidents stacked", .figure(Double(stats.stacked), .count)),
                ReportEntry("mean_min", "time stacked, mean", .figure(minutes(stats.stackedTime.mean), .minutes)),
                ReportEntry("p90_min", "time stacked, 90th percentile", .figure(minutes(stats.stackedTime.percentile(90)), .minutes)),
                ReportEntry("max_min", "time stacked, longest", .figure(stats.stackedTime.count == 0 ? nil : minutes(stats.stackedTime.maximum), .minutes)),
                ReportEntry("still_stacked_at_end", "stacked and still without a unit at the end", .figure(Double(stats.stillStackedAtEnd), .count)),
                ReportEntry("oldest_at_end_min", "oldest still stacked", .figure(stats.stillStackedAtEnd == 0 ? nil : minutes(stats.oldestStackedAtEnd), .minutes)),
            ])),
            ReportEntry("units", "Unit utilisation", unitFigures(stats)),
            ReportEntry("refreshments", "Refreshment breaks", .group([
                ReportEntry("owed", "shifts owed a break", .figure(Double(stats.breaksOwed), .count)),
                ReportEntry("started", "breaks started", .figure(Double(stats.breaksStarted), .count)),
                ReportEntry("late", "started after the shift's 6th hour", .figure(Double(stats.breaksLate), .count)),
                ReportEntry("interrupted", "called off for an emergency", .figure(Double(stats.breaksInterrupted), .count)),
                ReportEntry("missed", "still owed when the shift ended", .figure(Double(stats.breaksMissed), .count)),
            ])),
            ReportEntry("callbacks", "Abandoned 999 calls rung back", .group([
                ReportEntry("abandoned_999", "abandoned 999 calls (on the callback list)", .figure(Double(stats.callbacksListed), .count)),
                ReportEntry("rung_back", "rung back", .figure(Double(stats.rungBack), .count)),
                ReportEntry("rung_back_percent", "rung back, share of the abandoned", .figure(percent(stats.rungBack, of: stats.callbacksListed), .percent)),
                ReportEntry("ring_back_mean_s", "from hanging up to the ring back, mean", .figure(seconds(stats.ringBackDelay.mean), .seconds)),
                ReportEntry("ring_back_max_s", "from hanging up to the ring back, longest",
                            .figure(stats.ringBackDelay.count == 0 ? nil : seconds(stats.ringBackDelay.maximum), .seconds)),
                ReportEntry("no_answer", "no answer (voicemail left)", .figure(Double(stats.ringBackNoAnswer), .count)),
                ReportEntry("accidental", "made by accident", .figure(Double(stats.ringBackAccidental), .count)),
                ReportEntry("genuine", "genuine (handled as a call)", .figure(Double(stats.ringBackGenuine), .count)),
                ReportEntry("waiting_at_end", "still to ring back at the end", .figure(Double(stats.callbacksWaitingAtEnd), .count)),
            ])),
            ReportEntry("urgent_assistance", "Urgent assistance (officers' emergencies)", .group([
                ReportEntry("raised", "raised", .figure(Double(stats.urgentAssistance), .count)),
                ReportEntry("to_first_sent_mean_s", "to the first unit sent, mean", .figure(seconds(stats.assistanceAssigned.mean), .seconds)),
                ReportEntry("to_first_sent_max_s", "to the first unit sent, longest",
                            .figure(stats.assistanceAssigned.count == 0 ? nil : seconds(stats.assistanceAssigned.maximum), .seconds)),
                ReportEntry("to_first_there_mean_min", "to the first unit with the officer, mean", .figure(minutes(stats.assistanceArrived.mean), .minutes)),
            ])),
            ReportEntry("radio", "Radio", .group([
                ReportEntry("transmissions", "transmissions", .figure(Double(stats.transmissions), .count)),
                ReportEntry("emergencies", "emergency buttons", .figure(Double(stats.emergencies), .count)),
                ReportEntry("emergency_acknowledge_mean_s", "time to acknowledge an emergency, mean",
                            .figure(seconds(stats.emergencyAcknowledgement.mean), .seconds)),
                ReportEntry("backup_requests", "backup requests", .figure(Double(stats.backupRequests), .count)),
                ReportEntry("prisoners", "prisoners taken", .figure(Double(stats.prisoners), .count)),
                ReportEntry("diversions", "units diverted", .figure(Double(stats.diversions), .count)),
            ])),
        ] + coverageFigures(coverage, config))
    }

    /// Each area with demand: its coverage as each hour began (`CoverageRecord`).
    static func coverageFigures(_ record: CoverageRecord?, _ config: WorldConfig) -> [ReportEntry] {
        guard let record, record.areas.contains(where: { $0.hours > 0 }) else { return [] }
        let threshold = Int((record.threshold * 100).rounded())
        return [ReportEntry("coverage", "Coverage (demand a free unit reaches within the grade-1 target, as each hour began)",
                            .group(record.areas.enumerated().filter { $0.element.hours > 0 }.map { a, area in
            ReportEntry(key(config.areas[a].name), config.areas[a].name, .group([
                ReportEntry("mean_percent", "mean", .figure(area.mean.map { $0 * 100 }, .percent)),
                ReportEntry("lowest_percent", "lowest", .figure(area.lowest.map { $0 * 100 }, .percent)),
                ReportEntry("hours_thin", "hours below \(threshold)%", .figure(Double(area.thinHours), .count)),
                ReportEntry("hours", "hours noted", .figure(Double(area.hours), .count)),
            ]))
        }))]
    }

    /// A name as a report key: lower case, anything but letters and digits as `_`.
    public static func key(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// "10s", "1m", "1m30s": a service level as a key and a label.
    static func levelName(_ t: SimTime) -> String {
        let s = t / 1000
        return s < 60 ? "\(s)s" : s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s"
    }

    static func lineFigures(_ l: Statistics.LineFigures, _ line: Line, levels: [SimTime]) -> ReportNode {
        // Every caller: a call still ringing at the end was not answered within 10 s.
        let finished = l.callers
        var entries = [
            ReportEntry("offered", "calls offered", .figure(Double(l.offered), .count)),
            ReportEntry("answered", "answered", .figure(Double(l.answered), .count)),
            ReportEntry("abandoned", "abandoned (caller hung up)", .figure(Double(l.abandoned), .count)),
            ReportEntry("abandoned_percent", "abandoned", .figure(percent(l.abandoned, of: finished), .percent)),
            ReportEntry("answered_within_10s_percent", "answered within 10 s (of callers answered, gone or ringing 10 s)",
                        .figure(percent(l.answeredWithin10s, of: l.judged), .percent)),
            ReportEntry("answer_bands_percent", "answer time bands (of answered)", .group([
                ReportEntry("under_10s", "<10 s", .figure(percent(l.answeredWithin10s, of: l.answered), .percent)),
                ReportEntry("10_to_60s", "10-60 s", .figure(percent(l.band10to60, of: l.answered), .percent)),
                ReportEntry("over_60s", ">60 s", .figure(percent(l.bandOver60, of: l.answered), .percent)),
            ])),
            ReportEntry("service_levels", "answered within (of all callers)", .group(levels.indices.map { k in
                ReportEntry("within_\(levelName(levels[k]))_percent", levelName(levels[k]), .figure(percent(l.withinLevel[k], of: finished), .percent))
            })),
            ReportEntry("waited_percent", "callers who waited at all", .figure(percent(l.waited, of: finished), .percent)),
            ReportEntry("wait_mean_all_s", "wait, mean of all callers", .figure(seconds(l.meanWaitAllCallers), .seconds)),
            ReportEntry("answer_mean_s", "time to answer, mean", .figure(seconds(l.answerTime.mean), .seconds)),
            ReportEntry("answer_p90_s", "time to answer, 90th percentile", .figure(seconds(l.answerTime.percentile(90)), .seconds)),
        ]
        entries.append(ReportEntry("outcomes", "handled calls", outcomeFigures(l, phone: true)))
        if line == .emergency {
            entries.append(ReportEntry("silent", "silent calls", .figure(Double(l.silent), .count)))
        }
        return .group(entries)
    }

    /// Live chat, e-mail and online reports, for a scenario that has them (generated or scripted):
    /// each line's contacts, first replies within its standard, and what they led to.
    static func digitalFigures(_ stats: Statistics, _ config: WorldConfig) -> [ReportEntry] {
        let lines = Line.digital.filter { line in
            config.lines[line.rawValue].callsPerHour > 0 || config.script.calls.contains { $0.line == line }
        }
        guard !lines.isEmpty else { return [] }
        return [ReportEntry("digital", "Digital contact", .group(lines.map { line in
            let l = stats.lines[line.rawValue]
            let standard = config.standard(for: line)
            return ReportEntry(line.number, line.contact, .group([
                ReportEntry("offered", "contacts", .figure(Double(l.offered), .count)),
                ReportEntry("answered", "replied to", .figure(Double(l.answered), .count)),
                ReportEntry("abandoned", "left before a reply", .figure(Double(l.abandoned), .count)),
                ReportEntry("waiting_at_end", "waiting at the end", .figure(Double(l.ringingAtEnd), .count)),
                ReportEntry("standard_min", "standard: first reply within", .figure(standard.map { Double($0) / Double(Clock.minute) }, .minutes)),
                ReportEntry("within_standard_percent", "first reply within the standard (of contacts replied to, gone or past it)",
                            .figure(standard == nil ? nil : percent(l.withinStandard, of: l.judged), .percent)),
                ReportEntry("reply_mean_min", "time to first reply, mean", .figure(l.answerTime.mean.map { $0 / Double(Clock.minute) }, .minutes)),
                ReportEntry("reply_p90_min", "time to first reply, 90th percentile",
                            .figure(l.answerTime.percentile(90).map { Double($0) / Double(Clock.minute) }, .minutes)),
                ReportEntry("outcomes", "handled", outcomeFigures(l, phone: false)),
            ]))
        } + [ReportEntry("waiting_at_end", "waiting at the end", .figure(Double(stats.contactsWaitingAtEnd), .count))]))]
    }

    /// What handled contacts led to; a phone line has silent calls too.
    static func outcomeFigures(_ l: Statistics.LineFigures, phone: Bool) -> ReportNode {
        func count(_ outcome: CallOutcome) -> ReportNode { .figure(Double(l.outcomes[outcome.rawValue]), .count) }
        return .group([
            ReportEntry("incident", "incident", count(.incident)),
            ReportEntry("duplicate", "duplicate", count(.duplicate)),
            ReportEntry("advice", "advice", count(.advice)),
            ReportEntry("transfer", "transfer", count(.transfer)),
        ] + (phone ? [ReportEntry("silent_no_response", "silent", count(.silentNoResponse))] : []) + [
            ReportEntry("crime_report", phone ? "crime recorded on the phone" : "crime recorded", count(.crimeReport)),
            ReportEntry("signposted", "signposted to a partner", count(.signposted)),
            ReportEntry("right_care", "right care, right person", count(.rightCare)),
        ])
    }

    static func handlerFigures(_ s: Statistics) -> ReportNode {
        let per = s.callsPerHandler
        let mean = per.isEmpty ? nil : Double(per.reduce(0, +)) / Double(per.count)
        return .group([
            ReportEntry("handlers_taking_calls", "handlers who took calls", .figure(Double(per.count), .count)),
            ReportEntry("utilisation_percent", "utilisation (on calls)",
                        .figure(s.handlerUtilisation.map { $0 * 100 }, .percent)),
            ReportEntry("calls_per_handler_mean", "calls per handler, mean", .figure(mean, .count)),
            ReportEntry("calls_per_handler_min", "calls per handler, fewest", .figure(per.first.map(Double.init), .count)),
            ReportEntry("calls_per_handler_max", "calls per handler, most", .figure(per.last.map(Double.init), .count)),
        ])
    }

    static func incidentFigures(_ s: Statistics, _ config: WorldConfig) -> ReportNode {
        let created = s.incidentsCreated
        return .group([
            ReportEntry("created", "incidents created", .figure(Double(created), .count)),
            ReportEntry("by_grade", "by grade", .group(Grade.allCases.map { g in
                ReportEntry("grade\(g.rawValue)", "g\(g.rawValue)", .figure(Double(s.grades[g.rawValue - 1].created), .count))
            })),
            ReportEntry("closed", "closed", .figure(Double(s.incidentsClosed), .count)),
            ReportEntry("open_at_end", "open at the end", .figure(Double(s.incidentsOpenAtEnd), .count)),
            ReportEntry("duplicates_linked", "duplicate calls linked", .figure(Double(s.duplicatesLinked), .count)),
            ReportEntry("joined_as_duplicates", "incidents joined as duplicates", .figure(Double(s.incidentsLinked), .count)),
            ReportEntry("closed_as_other_type", "closed as a different type", .figure(Double(s.reclassified), .count)),
            ReportEntry("by_type", "by type and grade", .group(config.incidentTypes.enumerated().map { i, type in
                let row = s.incidentsByType[i]
                return ReportEntry(type.name, type.name, .group(
                    [ReportEntry("total", "total", .figure(Double(row.indices.reduce(0) { $0 + row[$1] }), .count))]
                    + Grade.allCases.map { g in ReportEntry("grade\(g.rawValue)", "g\(g.rawValue)", .figure(Double(row[g.rawValue - 1]), .count)) }))
            })),
        ])
    }

    static func attendanceFigures(_ g: Statistics.GradeFigures, split: [ReportEntry] = []) -> ReportNode {
        let judged = g.attended + g.unattendedPastTarget
        return .group([
            ReportEntry("created", "incidents", .figure(Double(g.created), .count)),
            ReportEntry("attended", "attended", .figure(Double(g.attended), .count)),
            ReportEntry("within_target_percent", "attended within target",
                        .figure(percent(g.attendedWithinTarget, of: judged), .percent)),
            ReportEntry("mean_min", "attendance, mean", .figure(minutes(g.attendance.mean), .minutes)),
            ReportEntry("p90_min", "attendance, 90th percentile", .figure(minutes(g.attendance.percentile(90)), .minutes)),
            ReportEntry("unattended_past_target", "unattended, target missed", .figure(Double(g.unattendedPastTarget), .count)),
        ] + split)
    }

    static func unitFigures(_ s: Statistics) -> ReportNode {
        .group(UnitKind.allCases.enumerated().compactMap { k, kind in
            let f = s.kinds[k]
            guard f.units > 0 else { return nil }
            return ReportEntry(kind.rawValue, kind.rawValue, .group([
                ReportEntry("units", "units", .figure(Double(f.units), .count)),
                ReportEntry("hours_on_duty", "hours on duty", .figure(Double(f.onDuty) / Double(Clock.hour), .hours)),
                ReportEntry("committed_percent", "committed", .figure(f.onDuty == 0 ? nil : 100 * Double(f.committed) / Double(f.onDuty), .percent)),
                ReportEntry("refreshments_percent", "on refreshments", .figure(f.onDuty == 0 ? nil : 100 * Double(f.refreshments) / Double(f.onDuty), .percent)),
            ]))
        })
    }

    static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : 100 * Double(part) / Double(whole)
    }
    static func seconds(_ ms: Double?) -> Double? { ms.map { $0 / 1000 } }
    static func seconds(_ ms: SimTime?) -> Double? { ms.map { Double($0) / 1000 } }
    static func minutes(_ ms: Double?) -> Double? { ms.map { $0 / 60_000 } }
    static func minutes(_ ms: SimTime?) -> Double? { ms.map { Double($0) / 60_000 } }
}
