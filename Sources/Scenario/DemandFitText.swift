import DispatchEngine
import Foundation

/// A fitted demand as scenario YAML (the parts the fit knows: the profile, and each type's
/// share, grades and time at scene), and as the summary `demand fit` prints.
extension DemandFit {
    static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Two decimals, no trailing zeros: "0.95", "1.1", "2".
    static func number(_ v: Double) -> String {
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Minutes as a scenario duration: "45m", "2.5m", "1h35m".
    static func duration(_ minutes: Double) -> String {
        let m = (minutes * 10).rounded() / 10
        guard m >= 60 else { return number(m) + "m" }
        // An hour or more to the whole minute: "1h35m".
        let whole = Int(m.rounded()), h = whole / 60, rest = whole % 60
        return "\(h)h" + (rest > 0 ? "\(rest)m" : "")
    }

    /// The fitted sections, with how well they fit as comments.
    public func yaml(source: String) -> String {
        var out: [String] = []
        out.append("# Demand fitted by controlroom demand fit from \(source): \(incidents) incidents over "
                   + String(format: "%.1f", hours / 24) + " days (" + String(format: "%.2f", perHour) + " an hour).")
        out.append("# The hour-of-week profile, of \(profileIncidents) incidents" + (profileIncidents < incidents ? " on 999 and 101" : "") + ": chi-square " + String(format: "%.1f", chiSquare)
                   + " on \(degrees) degrees of freedom (p " + String(format: "%.3f", pValue) + ").")
        out.append("# Merge into your scenario: demand.profile, and each type's share, grades and on_scene (its plan,")
        out.append("# results and the rest stay as you have them). Each line's calls_per_hour is its incidents an hour")
        out.append("# over its share of calls that become incidents (outcomes.incident): here 999 carried "
                   + String(format: "%.2f", perHour999) + " incidents an hour, 101 " + String(format: "%.2f", perHour101) + ".")
        out.append("demand:")
        out.append("  profile:")
        out.append("    hours: [" + profile.hours.map(Self.number).joined(separator: ", ") + "]")
        out.append("    days: {" + zip(Self.dayNames, profile.days).map { "\($0): \(Self.number($1))" }.joined(separator: ", ") + "}")
        out.append("    weekend_nights: " + Self.number(profile.weekendNightFactor))
        out.append("incident_types:")
        for t in types {
            out.append("  - name: " + YAMLText.quoted(t.name))
            out.append("    share: " + Self.number(t.share) + "   # \(t.count) incidents")
            out.append("    grades: {\"999\": [" + t.grades999.map(Self.number).joined(separator: ", ") + "], \"101\": ["
                       + t.grades101.map(Self.number).joined(separator: ", ") + "]}")
            if let s = t.onScene {
                out.append("    on_scene: {lognormal: {median: \(Self.duration(s.median)), p90: \(Self.duration(max(s.p90, s.median)))}}   # \(s.count) durations, KS "
                           + String(format: "%.3f", s.ks))
            } else {
                out.append("    # on_scene: too few durations to fit (fewer than 5 with both first at scene and cleared)")
            }
        }
        if !places.isEmpty {
            out.append("# Where the incidents were: each place's share, its weight in area.places.")
            for p in places.prefix(200) { out.append("#   " + YAMLText.quoted(p.name) + ": " + Self.number(p.share)) }
            if places.count > 200 { out.append("#   ... and \(places.count - 200) more") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What `demand fit` prints: the fit's size, the profile's and each duration's goodness of fit.
    public func summary() -> [String] {
        var out = ["\(incidents) incidents over " + String(format: "%.1f", hours / 24) + " days, " + String(format: "%.2f", perHour) + " an hour"
                   + " (999 " + String(format: "%.2f", perHour999) + ", 101 " + String(format: "%.2f", perHour101) + ")",
                   "profile: chi-square " + String(format: "%.1f", chiSquare) + " on \(degrees) degrees of freedom, p " + String(format: "%.3f", pValue)
                   + (pValue < 0.01 ? " (the hours-times-days profile does not explain the history well)" : ""),
                   "\(types.count) types; \(places.count) places"]
        for t in types {
            let scene = t.onScene.map { "on scene median " + Self.duration($0.median) + ", p90 " + Self.duration($0.p90)
                + ", KS " + String(format: "%.3f", $0.ks) + " on \($0.count)" } ?? "on scene: too few durations"
            out.append("  " + t.name + ": " + Self.number(t.share) + "%, " + scene)
        }
        return out
    }
}
