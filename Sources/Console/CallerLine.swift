import DispatchEngine
import ReadModel

/// The caller's line as the call screen words it: the number and where the exchange says they
/// are ("999 mobile 07700 900123  AML ±40 m: 3 places inside").
enum CallerLine {
    static func summary(_ location: CallerLocation, _ floor: Floor) -> String {
        let number = location.number.map { "CLI \($0)" } ?? "Number withheld"
        switch location.source {
        case .written(let email):
            return "From " + SafeText.clean(email) + "  (no location: ask where they are)"
        case .withheld:
            return number + "  (no location: ask where they are)"
        case .subscriber(let place):
            return number + " landline  subscriber: " + floor.placeName(place)
        case .fix(_, let accuracy):
            let inside = location.places.count
            return number + " mobile  AML ±" + metres(accuracy) + ": "
                + (inside == 0 ? "no place of the gazetteer inside" : inside == 1 ? "1 place inside" : "\(inside) places inside")
        case .awaitingFix:
            return number + " mobile  AML: waiting for the handset's location..."
        case .unreadableAML(let why):
            return number + " mobile  AML message unreadable (" + SafeText.clean(why) + "): ask where they are"
        case .mast(let area):
            return number + " mobile  " + (area.map { "no AML location: mast in " + floor.areaName($0) } ?? "no location on 101: ask")
        }
    }

    /// The summary, then in fewer words for a narrow screen.
    static func summaries(_ location: CallerLocation, _ floor: Floor) -> [String] {
        let full = summary(location, floor)
        var short = full
        for (long, brief) in [(" mobile  ", " mob "), (" landline  subscriber: ", " land: "), ("no location on 101: ask", "no location: ask"),
                              ("(no location: ask where they are)", "(no location: ask)"), ("no AML location: mast in ", "no AML: mast "),
                              ("AML: waiting for the handset's location...", "AML: waiting..."),
                              ("AML message unreadable (", "AML unreadable ("), ("): ask where they are", "): ask")] {
            short = short.replacingOccurrences(of: long, with: brief)
        }
        return short == full ? [full] : [full, short]
    }

    static func placesHeading(_ location: CallerLocation) -> String {
        if case .fix(_, let accuracy) = location.source { return "Inside the AML circle (±\(metres(accuracy)))" }
        return "Subscriber's address"
    }

    static func metres(_ m: Double) -> String {
        m >= 1000 ? String(Double((m / 100).rounded()) / 10) + " km" : "\(Int(m.rounded())) m"
    }
}
