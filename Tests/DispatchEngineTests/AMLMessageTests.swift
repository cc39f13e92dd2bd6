import DispatchEngine
import Testing

/// AML as it arrives: the SMS text read field by field (ETSI TS 103 625), and its WGS84 point on
/// the district's kilometre grid.
@Suite("AML messages")
struct AMLMessageTests {
    @Test("The standard's example reads: latitude, longitude, radius, when, confidence and how")
    func reads() throws {
        let text = #"A"ML=1;lt=+54.76397;lg=-0.18305;rd=50;top=20130717141935;lc=90;pm=W;si=234302543446355;ei=356708041746734;mcc=234;mnc=30;ml=124"#
        let aml = try AMLMessage.parse(text).get()
        #expect(aml.latitude == 54.76397 && aml.longitude == -0.18305 && aml.radius == 50)
        #expect(aml.positionedAt == "20130717141935" && aml.confidence == 90 && aml.method == "Wi-Fi")
    }

    @Test("A bad message says why: not AML, no longitude, out of range, no location, no radius", arguments: [
        ("hello", "not an AML message"),
        (#"A"ML=1;lt=+54.76397;rd=50"#, "no longitude (lg)"),
        (#"A"ML=1;lt=+94.1;lg=-0.1;rd=50"#, "latitude '+94.1' is not -90 to +90"),
        (#"A"ML=1;lt=+54.7;lg=-0.1;rd=50;pm=N"#, "no location (pm=N)"),
        (#"A"ML=1;lt=+54.7;lg=-0.1;rd=far"#, "radius 'far' is not a distance"),
    ])
    func refuses(_ text: String, _ why: String) {
        guard case .failure(let problem) = AMLMessage.parse(text) else { Issue.record("\(text) read"); return }
        #expect(problem.why.contains(why), "\(problem.why)")
    }

    @Test("A point a hundredth of a degree north and east of the origin is about 1.1 km north and 0.64 km east")
    func projects() {
        let origin = GeoOrigin(latitude: 54.76397, longitude: -0.18305)
        let p = origin.position(latitude: 54.77397, longitude: -0.17305)
        #expect(abs(p.y - 1.111) < 0.01 && abs(p.x - 0.642) < 0.01, "\(p)")
        #expect(origin.position(latitude: 54.76397, longitude: -0.18305) == Position(x: 0, y: 0))
    }
}
