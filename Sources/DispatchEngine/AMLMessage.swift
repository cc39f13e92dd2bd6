import Foundation

/// Advanced Mobile Location as it reaches the control room: the text of the SMS the handset
/// sends during a 999 call (ETSI TS 103 625), such as
/// `A"ML=1;lt=+54.76397;lg=-0.18305;rd=50;top=20130717141935;lc=90;pm=W;si=234302543446355;ei=356708041746734;mcc=234;mnc=30;ml=124`:
/// latitude and longitude in WGS84, the radius in metres, when the handset fixed it, the
/// confidence, and how (GNSS, Wi-Fi, cell).
public struct AMLMessage: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    /// The radius of the circle the caller is in, in metres.
    public var radius: Double
    /// When the handset fixed it, as sent (`top`, YYYYMMDDhhmmss UTC).
    public var positionedAt: String?
    /// The level of confidence, in percent (`lc`).
    public var confidence: Int?
    /// How it was found (`pm`): GNSS, Wi-Fi or cell.
    public var method: String?

    /// Why a message could not be used: said to the call handler as it is.
    public struct Problem: Error, Sendable, Equatable { public var why: String }

    /// Reads the message's fields; any problem makes it unusable, with why.
    public static func parse(_ text: String) -> Result<AMLMessage, Problem> {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("A\"ML=") || body.hasPrefix("A\u{201D}ML=") else {
            return .failure(Problem(why: "not an AML message (it should begin A\"ML=)"))
        }
        var fields: [String: String] = [:]
        for part in body.split(separator: ";") {
            guard let eq = part.firstIndex(of: "=") else { return .failure(Problem(why: "field '\(part.prefix(20))' has no value")) }
            fields[String(part[..<eq]).lowercased()] = String(part[part.index(after: eq)...])
        }
        if fields["pm"]?.uppercased() == "N" { return .failure(Problem(why: "the handset had no location (pm=N)")) }
        guard let lt = fields["lt"] else { return .failure(Problem(why: "no latitude (lt)")) }
        guard let lg = fields["lg"] else { return .failure(Problem(why: "no longitude (lg)")) }
        guard let rd = fields["rd"] else { return .failure(Problem(why: "no radius (rd)")) }
        guard let latitude = Double(lt), (-90...90).contains(latitude) else { return .failure(Problem(why: "latitude '\(lt.prefix(20))' is not -90 to +90")) }
        guard let longitude = Double(lg), (-180...180).contains(longitude) else { return .failure(Problem(why: "longitude '\(lg.prefix(20))' is not -180 to +180")) }
        guard let radius = Double(rd), radius > 0, radius <= 100_000 else { return .failure(Problem(why: "radius '\(rd.prefix(20))' is not a distance in metres")) }
        let method: String? = switch fields["pm"]?.uppercased() {
        case "G": "GNSS"
        case "W": "Wi-Fi"
        case "C": "cell"
        default: nil
        }
        return .success(AMLMessage(latitude: latitude, longitude: longitude, radius: radius, positionedAt: fields["top"],
                                   confidence: fields["lc"].flatMap { Int($0) }, method: method))
    }
}

/// Where a district's kilometre grid sits on the Earth: the WGS84 latitude and longitude of its
/// (0, 0). Points are projected onto the grid east and north of it (equirectangular: true to a few
/// metres across a force's area).
public struct GeoOrigin: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) { self.latitude = latitude; self.longitude = longitude }

    /// Kilometres east (x) and north (y) of the origin.
    public func position(latitude lat: Double, longitude lon: Double) -> Position {
        let kmPerDegreeLatitude = 111.132
        let kmPerDegreeLongitude = 111.320 * cos(latitude * Double.pi / 180)
        return Position(x: (lon - longitude) * kmPerDegreeLongitude, y: (lat - latitude) * kmPerDegreeLatitude)
    }
}
