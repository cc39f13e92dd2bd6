/// What an OpenStreetMap extract holds, as far as a district needs it: every node's position
/// (ways are drawn through them), and the tagged nodes, the ways and the relations.
public struct Extract: Sendable {
    /// Every node's id and position, in id order (a way's nodes are looked up here).
    public var nodes = NodeTable()
    /// Nodes with tags (shops, pubs, police stations, addresses given as a point).
    public var taggedNodes: [TaggedNode] = []
    public var ways: [Way] = []
    public var relations: [Relation] = []
    /// The extract's bounding box as its header states it, if it does.
    public var bounds: Bounds?
    /// The program that wrote it (osmium, osmosis, ...), from the header.
    public var writtenBy: String?
    public init() {}
}

/// A WGS84 latitude and longitude in degrees.
public struct Coordinate: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) { self.latitude = latitude; self.longitude = longitude }
}

public struct Bounds: Sendable, Equatable {
    public var south: Double, west: Double, north: Double, east: Double
    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south; self.west = west; self.north = north; self.east = east
    }
}

public struct TaggedNode: Sendable {
    public var id: Int64
    public var at: Coordinate
    public var tags: [String: String]
}

public struct Way: Sendable {
    public var id: Int64
    public var nodes: [Int64]
    public var tags: [String: String]
}

public struct Relation: Sendable {
    public enum Kind: Sendable { case node, way, relation }
    public struct Member: Sendable {
        public var kind: Kind
        public var id: Int64
        public var role: String
    }
    public var id: Int64
    public var members: [Member]
    public var tags: [String: String]
}

/// Node positions by id, kept as sorted arrays of fixed-point degrees (a county's millions of
/// nodes in a fraction of a dictionary's memory).
public struct NodeTable: Sendable {
    private var ids: [Int64] = []
    /// Latitude and longitude in units of 1e-7 degrees.
    private var latitudes: [Int32] = []
    private var longitudes: [Int32] = []
    private var sorted = true

    public init() {}
    public var count: Int { ids.count }

    mutating func append(id: Int64, latitude: Double, longitude: Double) {
        if let last = ids.last, id <= last { sorted = false }
        ids.append(id)
        latitudes.append(Int32((latitude * 1e7).rounded()))
        longitudes.append(Int32((longitude * 1e7).rounded()))
    }

    /// Extracts are written in id order; one that is not is sorted once, after reading.
    mutating func finish() {
        guard !sorted else { return }
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        ids = order.map { ids[$0] }; latitudes = order.map { latitudes[$0] }; longitudes = order.map { longitudes[$0] }
        sorted = true
    }

    public subscript(id: Int64) -> Coordinate? {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        guard low < ids.count, ids[low] == id else { return nil }
        return Coordinate(latitude: Double(latitudes[low]) / 1e7, longitude: Double(longitudes[low]) / 1e7)
    }
}
