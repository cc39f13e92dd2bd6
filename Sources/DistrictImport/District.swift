import DispatchEngine
import OpenStreetMap

/// A district made from an extract: what the scenario's `area:` section and its road file say.
public struct District: Sendable {
    public struct Area: Sendable, Equatable {
        public var name: String
        public var rural: Bool
        /// Its road length over its extent (km a km²): what makes it rural.
        public var roadDensity: Double
        /// Its boundary's rings (a beat's polygon, an administrative boundary, a grid square).
        public var outline: [[Coordinate]] = []
    }

    public struct Site: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case address, landmark, station }
        public var name: String
        public var at: Coordinate
        public var area: Int
        public var weight: Double
        public var kind: Kind
    }

    public struct RoadLine: Sendable, Equatable {
        public var kind: RoadClass
        public var limit: Double
        public var oneWay: Bool
        public var nodes: [Int32]
        public var name: String
    }

    public var name: String
    /// The extract's file name, for the attribution written with the district.
    public var extractName: String
    public var origin: Coordinate
    public var areas: [Area]
    /// Where the areas came from, in words ("administrative boundaries (admin_level 10)").
    public var areasFrom: String
    public var stations: [Site]
    /// No police station in the extract: one proposed in each area, to be replaced.
    public var stationsProposed: Bool
    public var places: [Site]
    public var roadNodes: [Coordinate]
    public var roads: [RoadLine]
    public var roadKm: Double
    /// Places outside every area given (left out of the gazetteer).
    public var placesOutside: Int
    /// Things the person importing should know (a boundary that did not close, ...).
    public var notes: [String]

    public var addressCount: Int { places.filter { $0.kind == .address }.count }
    public var landmarkCount: Int { places.filter { $0.kind == .landmark }.count }
}
