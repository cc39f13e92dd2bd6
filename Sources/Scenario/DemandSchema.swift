import DispatchEngine
import Yams

/// The demand section (the two lines and the weekly profile) and the incident types.
extension ScenarioSchema {
    struct Lines {
        var lines: [LineConfig]
        var profile: DemandProfile
    }

    static let lineKeys = ["calls_per_hour", "patience", "handling", "silent", "silent_handling",
                           "silent_incident", "duplicate", "outcomes", "standard", "hours"]
    /// Chat, e-mail and online reports have no silent calls.
    static let digitalLineKeys = ["contacts_per_hour", "patience", "handling", "duplicate", "outcomes", "standard", "hours"]
    static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    func demand(_ node: Node) -> Lines? {
        guard let f = reader.fields(node, "demand", allowed: ["999", "101", "chat", "email", "online", "profile"]) else { return nil }
        var lines = Array(repeating: LineConfig.silent, count: Line.allCases.count)
        if f["999"] == nil && f["101"] == nil {
            reader.fail(node, "demand has no phone lines; expected '999', '101' or both")
        }
        for line in Line.allCases {
            guard let n = f[line.number] else { continue }
            if let config = lineConfig(n, line) { lines[line.rawValue] = config }
        }
        let weekly = f["profile"].flatMap { self.profile($0) } ?? DemandProfile.flat
        return Lines(lines: lines, profile: weekly)
    }

    private func lineConfig(_ node: Node, _ line: Line) -> LineConfig? {
        let what = line.isPhone ? "the \(line.number) line" : "the \(line.contact) line"
        let rateKey = line.isPhone ? "calls_per_hour" : "contacts_per_hour"
        guard let f = reader.fields(node, what, allowed: line.isPhone ? Self.lineKeys : Self.digitalLineKeys) else { return nil }
        // Read on to the end whatever fails, so that every problem of the line is reported.
        let rate = f.required(rateKey, line.isPhone ? "the calls an hour at demand factor 1" : "the contacts an hour at demand factor 1")
            .flatMap { reader.number($0, rateKey, range: 0...100_000) }
        let handling = f.required("handling", "how long a call takes to handle").flatMap { reader.distribution($0, "handling") }
        var patience: Distribution?
        if let p = f["patience"] {
            if p.scalar?.string.trimmedOfSpaces.lowercased() == "never" { patience = nil }
            else { patience = reader.distribution(p, "patience") }
        }
        let silent = f["silent"].flatMap { reader.percent($0, "silent") } ?? 0
        let silentHandling = f["silent_handling"].flatMap { reader.distribution($0, "silent_handling") } ?? .fixed(45 * Clock.second)
        let silentIncident = f["silent_incident"].flatMap { reader.percent($0, "silent_incident") } ?? 0
        let duplicate = f["duplicate"].flatMap { reader.percent($0, "duplicate") } ?? 0
        var shares = (incident: 1.0, advice: 0.0, transfer: 0.0, crime: 0.0)
        if let o = f.required("outcomes", "what handled calls lead to, such as {incident: 55, advice: 35, transfer: 10}"),
           let of = reader.fields(o, "outcomes of \(what)", allowed: ["incident", "advice", "transfer", "crime_report"]) {
            let i = of["incident"].flatMap { reader.percent($0, "incident") } ?? 0
            let a = of["advice"].flatMap { reader.percent($0, "advice") } ?? 0
            let t = of["transfer"].flatMap { reader.percent($0, "transfer") } ?? 0
            let c = of["crime_report"].flatMap { reader.percent($0, "crime_report") } ?? 0
            if abs(i + a + t + c - 1) > 0.0001 {
                reader.fail(o, "outcomes of \(what) add up to \(((i + a + t + c) * 100).plain)%; expected incident + advice + transfer + crime_report = 100")
            }
            shares = (i, a, t, c)
        }
        // 'none': the line has no standard (SimTime.max), not the line's usual one.
        let standard = f["standard"].flatMap { s in s.scalar?.string.trimmedOfSpaces.lowercased() == "none" ? SimTime.max : reader.duration(s, "standard") }
        let hours = f["hours"].flatMap { hourFactors($0, "hours of \(what)") }
        guard let rate, let handling else { return nil }
        var config = LineConfig(callsPerHour: rate, patience: patience, handling: handling, silentShare: silent,
                                silentHandling: silentHandling, silentIncidentShare: silentIncident,
                                duplicateShare: duplicate, incidentShare: shares.incident,
                                adviceShare: shares.advice, transferShare: shares.transfer)
        config.crimeReportShare = shares.crime
        if let standard { config.standard = standard }
        config.hours = hours
        return config
    }

    /// 24 factors, one for each hour from 00:00.
    private func hourFactors(_ node: Node, _ what: String) -> [Double]? {
        guard let items = reader.sequence(node, what) else { return nil }
        guard items.count == 24 else {
            reader.fail(node, "\(what) has \(items.count) factors; expected 24, one for each hour from 00:00")
            return nil
        }
        return items.enumerated().map { i, n in reader.number(n, "factor for hour \(i)", range: 0...1000) ?? 1 }
    }

    private func profile(_ node: Node) -> DemandProfile? {
        guard let f = reader.fields(node, "profile", allowed: ["hours", "days", "weekend_nights"]) else { return nil }
        var profile = DemandProfile.flat
        if let h = f["hours"], let hours = hourFactors(h, "profile hours") { profile.hours = hours }
        if let d = f["days"], let df = reader.fields(d, "profile days", allowed: Self.dayNames) {
            for (i, day) in Self.dayNames.enumerated() {
                if let n = df[day], let v = reader.number(n, "factor for \(day)", range: 0...1000) { profile.days[i] = v }
            }
        }
        if let w = f["weekend_nights"], let v = reader.number(w, "weekend_nights", range: 0...1000) {
            profile.weekendNightFactor = v
        }
        if !(0..<168).contains(where: { profile.factor(hourOfWeek: $0) > 0 }) {
            reader.fail(node, "the profile is zero at every hour; expected some hours with a factor above 0")
        }
        return profile
    }

    // MARK: Incident types

    static let typeKeys = ["name", "share", "grades", "handling", "on_scene", "requires", "violent", "units",
                           "prisoner", "backup", "emergency", "results", "reclassify", "plan"]

    func incidentTypes(_ node: Node) -> [IncidentTypeSpec]? {
        guard let list = reader.sequence(node, "incident_types") else { return nil }
        if list.isEmpty { reader.fail(node, "incident_types is empty; expected at least one type"); return nil }
        if list.count > 500 { reader.fail(node, "too many incident types (\(list.count)); expected at most 500"); return nil }
        var types: [IncidentTypeSpec] = []
        var names = Set<String>()
        for item in list {
            guard let type = incidentType(item) else { continue }
            if !names.insert(type.name.lowercased()).inserted {
                reader.fail(item, "incident type '\(type.name.clipped)' is listed twice; expected each type once")
            }
            types.append(type)
        }
        let total = types.reduce(0) { $0 + $1.share }
        if types.count == list.count, abs(total - 1) > 0.0001 {
            reader.fail(node, "incident type shares add up to \((total * 100).plain)%; expected 100 (put the rest in an 'other' type)")
        }
        return types
    }

    private func incidentType(_ node: Node) -> IncidentTypeSpec? {
        guard let f = reader.fields(node, "an incident type", allowed: Self.typeKeys),
              let name = f.required("name", "the type's name").flatMap({ reader.string($0, "type name") }) else { return nil }
        let what = "incident type '\(name.clipped)'"
        guard let share = f.required("share", "its share of incidents (%)").flatMap({ reader.percent($0, "share") }),
              let grades = f.required("grades", "grade shares [g1, g2, g3, g4] in %").flatMap({ gradeShares($0, what) }),
              let handling = f.required("handling", "call handling time").flatMap({ reader.distribution($0, "handling") }),
              let onScene = f.required("on_scene", "time at scene").flatMap({ reader.distribution($0, "on_scene") })
        else { return nil }
        var type = IncidentTypeSpec(name: name, share: share, grades: grades, handling: handling, onScene: onScene)
        if let list = f["requires"].flatMap({ reader.sequence($0, "requires") }) {
            for item in list { if let s = skill(item) { type.requires.insert(s) } }
        }
        if let n = f["violent"], let v = reader.bool(n, "violent") { type.violent = v }
        if let n = f["units"] {
            if case .scalar = n, let v = reader.integer(n, "units", range: 1...20) {
                type.unitsNeeded = [v, v, v, 0]
            } else if case .sequence = n, let items = reader.sequence(n, "units") {
                if items.count != 3 {
                    reader.fail(n, "units for \(what) has \(items.count) numbers; expected [GRADE1, GRADE2, GRADE3]")
                } else {
                    type.unitsNeeded = items.map { reader.integer($0, "units", range: 1...20) ?? 1 } + [0]
                }
            } else if case .mapping = n {
                reader.fail(n, "units for \(what) should be a number or [GRADE1, GRADE2, GRADE3], found a mapping")
            }
        }
        if let n = f["prisoner"], let v = reader.percent(n, "prisoner") { type.prisonerShare = v }
        if let n = f["backup"], let v = reader.percent(n, "backup") { type.backupShare = v }
        if let n = f["emergency"], let v = reader.percent(n, "emergency") { type.emergencyShare = v }
        if let n = f["reclassify"], let v = reader.percent(n, "reclassify") { type.reclassifyShare = v }
        if let n = f["results"] {
            let names = JobResult.named.filter { $0.result != .oneDetained && $0.result != .duplicate }.map(\.name)
            if let rf = reader.fields(n, "results of \(what) (one_detained comes from 'prisoner')", allowed: names) {
                var weights = Array(repeating: 0.0, count: JobResult.allCases.count)
                for (resultName, result) in JobResult.named where result != .oneDetained && result != .duplicate {
                    if let r = rf[resultName], let v = reader.percent(r, resultName) { weights[result.rawValue] = v }
                }
                let total = weights.reduce(0, +)
                if abs(total - 1) > 0.0001 {
                    reader.fail(n, "results of \(what) add up to \((total * 100).plain)%; expected 100")
                }
                type.results = weights
            }
        }
        if let n = f["plan"] { type.statedPlan = plan(n, for: type, what) }
        return type
    }

    /// A run card: `attend` (the kinds that may go), `prefer` (those sent first; default the
    /// first kind attending), `min_crew` (officers on a unit that goes alone; default 2 for
    /// violence, else 1).
    private func plan(_ node: Node, for type: IncidentTypeSpec, _ what: String) -> ResponsePlan? {
        guard let f = reader.fields(node, "the plan of \(what)", allowed: ["attend", "prefer", "min_crew"]) else { return nil }
        let standard = ResponsePlan.standard(requires: type.requires, violent: type.violent)
        var plan = standard
        if let n = f["attend"] {
            let kinds = kindList(n, "attend")
            if kinds.isEmpty, case .sequence = n { reader.fail(n, "attend of \(what) is empty; expected at least one unit kind") }
            if !kinds.isEmpty { plan.attend = KindSet(kinds); plan.prefer = KindSet(kinds[0]) }
            if type.violent, kinds.contains(.pcso), let item = reader.sequence(n, "attend")?.first(where: { reader.string($0, "kind")?.lowercased() == "pcso" }) {
                reader.fail(item, "\(what) is violent and PCSOs never attend violence; expected pcso left out of attend")
            }
        }
        if let n = f["prefer"], let items = reader.sequence(n, "prefer") {
            var prefer = KindSet()
            for item in items {
                guard let kind = unitKind(item) else { continue }
                if !plan.attend.contains(kind) {
                    reader.fail(item, "prefer lists \(kind.rawValue), which the plan of \(what) does not attend; expected one of "
                                + plan.attend.kinds.map(\.rawValue).joined(separator: ", "))
                }
                prefer.insert(KindSet(kind))
            }
            plan.prefer = prefer
        }
        if let n = f["min_crew"], let v = reader.integer(n, "min_crew", range: 1...4) { plan.minimumCrew = v }
        return plan
    }

    private func kindList(_ node: Node, _ key: String) -> [UnitKind] {
        guard let items = reader.sequence(node, key) else { return [] }
        var kinds: [UnitKind] = []
        for item in items {
            guard let kind = unitKind(item) else { continue }
            if kinds.contains(kind) { reader.fail(item, "\(key) lists \(kind.rawValue) twice; expected each kind once") }
            else { kinds.append(kind) }
        }
        return kinds
    }

    private func unitKind(_ node: Node) -> UnitKind? {
        guard let text = reader.string(node, "unit kind") else { return nil }
        if let kind = UnitKind(rawValue: text.lowercased()) { return kind }
        let names = UnitKind.allCases.map(\.rawValue)
        reader.fail(node, "unknown unit kind '\(text.clipped)'; expected one of \(names.joined(separator: ", "))"
                    + Suggestion.hint(for: text, in: names))
        return nil
    }

    /// [g1, g2, g3, g4] for both lines, or {"999": [...], "101": [...]}.
    private func gradeShares(_ node: Node, _ what: String) -> [[Double]]? {
        if case .mapping = node {
            guard let f = reader.fields(node, "grades of \(what)", allowed: ["999", "101"]) else { return nil }
            var result: [[Double]] = []
            for line in Line.phones {
                guard let n = f.required(line.number, "grade shares for the \(line.number) line"),
                      let shares = gradeList(n, "\(what) on \(line.number)") else { return nil }
                result.append(shares)
            }
            return result
        }
        guard let shares = gradeList(node, what) else { return nil }
        return [shares, shares]
    }

    private func gradeList(_ node: Node, _ what: String) -> [Double]? {
        guard let items = reader.sequence(node, "grades of \(what)") else { return nil }
        guard items.count == 4 else {
            reader.fail(node, "grades of \(what) has \(items.count) shares; expected 4, for grades 1 to 4 in %")
            return nil
        }
        let shares = items.compactMap { reader.percent($0, "grade share") }
        guard shares.count == 4 else { return nil }
        let total = shares.reduce(0, +)
        guard abs(total - 1) < 0.0001 else {
            reader.fail(node, "grades of \(what) add up to \((total * 100).plain)%; expected 100")
            return nil
        }
        return shares
    }
}
