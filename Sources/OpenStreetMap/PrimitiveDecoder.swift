/// A PrimitiveBlock's nodes, ways and relations into the extract: the block's string table
/// looked up, dense nodes and way references delta-decoded, coordinates scaled by the block's
/// granularity and offsets.
enum PrimitiveDecoder {
    /// nil when the block read well; otherwise what is wrong with it (the block's reading stops).
    static func decode(_ block: OSMPBF_PrimitiveBlock, into extract: inout Extract) -> String? {
        let strings = block.stringtable.s.map { String(decoding: $0, as: UTF8.self) }
        let granularity = Double(block.hasGranularity ? block.granularity : 100)
        let latOffset = Double(block.latOffset), lonOffset = Double(block.lonOffset)
        func degrees(_ value: Int64, _ offset: Double) -> Double { (offset + granularity * Double(value)) * 1e-9 }
        func text(_ index: Int) -> String? { index >= 0 && index < strings.count ? strings[index] : nil }
        func tags(_ keys: [UInt32], _ values: [UInt32], _ what: String) -> ([String: String]?, String?) {
            guard keys.count == values.count else { return (nil, "\(what) has \(keys.count) tag keys and \(values.count) values; expected as many of each") }
            var tags: [String: String] = [:]
            for (k, v) in zip(keys, values) {
                guard let key = text(Int(k)), let value = text(Int(v)) else {
                    return (nil, "\(what) names string \(max(k, v)) of a table of \(strings.count); expected one in the table")
                }
                tags[key] = value
            }
            return (tags, nil)
        }
        for group in block.primitivegroup {
            for node in group.nodes {
                let lat = degrees(node.lat, latOffset), lon = degrees(node.lon, lonOffset)
                guard abs(lat) <= 90, abs(lon) <= 180 else {
                    return "node \(node.id) is at \(lat), \(lon); expected a latitude within 90 and a longitude within 180"
                }
                extract.nodes.append(id: node.id, latitude: lat, longitude: lon)
                let (found, problem) = tags(node.keys, node.vals, "node \(node.id)")
                if let problem { return problem }
                if let found, !found.isEmpty {
                    extract.taggedNodes.append(TaggedNode(id: node.id, at: Coordinate(latitude: lat, longitude: lon), tags: found))
                }
            }
            if group.hasDense {
                let dense = group.dense
                guard dense.lat.count == dense.id.count, dense.lon.count == dense.id.count else {
                    return "dense nodes give \(dense.id.count) ids, \(dense.lat.count) latitudes and \(dense.lon.count) longitudes; expected as many of each"
                }
                var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                var kv = 0
                let keysVals = dense.keysVals
                for i in dense.id.indices {
                    id &+= dense.id[i]; lat &+= dense.lat[i]; lon &+= dense.lon[i]
                    let latitude = degrees(lat, latOffset), longitude = degrees(lon, lonOffset)
                    guard abs(latitude) <= 90, abs(longitude) <= 180 else {
                        return "node \(id) is at \(latitude), \(longitude); expected a latitude within 90 and a longitude within 180"
                    }
                    extract.nodes.append(id: id, latitude: latitude, longitude: longitude)
                    // Each node's tags are key, value pairs of string indices ended by a 0; a
                    // block without any tags may leave keys_vals empty.
                    guard !keysVals.isEmpty else { continue }
                    var found: [String: String] = [:]
                    while kv < keysVals.count, keysVals[kv] != 0 {
                        guard kv + 1 < keysVals.count, let key = text(Int(keysVals[kv])), let value = text(Int(keysVals[kv + 1])) else {
                            return "node \(id)'s tags name a string outside the table of \(strings.count) or end unpaired; expected key, value pairs"
                        }
                        found[key] = value
                        kv += 2
                    }
                    kv += 1
                    if !found.isEmpty {
                        extract.taggedNodes.append(TaggedNode(id: id, at: Coordinate(latitude: latitude, longitude: longitude), tags: found))
                    }
                }
            }
            for way in group.ways {
                var ref: Int64 = 0
                let refs = way.refs.map { delta -> Int64 in ref &+= delta; return ref }
                let (found, problem) = tags(way.keys, way.vals, "way \(way.id)")
                if let problem { return problem }
                extract.ways.append(Way(id: way.id, nodes: refs, tags: found ?? [:]))
            }
            for relation in group.relations {
                guard relation.memids.count == relation.types.count, relation.rolesSid.count == relation.types.count else {
                    return "relation \(relation.id) gives \(relation.memids.count) members, \(relation.types.count) types and \(relation.rolesSid.count) roles; expected as many of each"
                }
                var member: Int64 = 0
                var members: [Relation.Member] = []
                for i in relation.memids.indices {
                    member &+= relation.memids[i]
                    let kind: Relation.Kind = switch relation.types[i] {
                    case .node: .node
                    case .way: .way
                    case .relation: .relation
                    }
                    members.append(Relation.Member(kind: kind, id: member, role: text(Int(relation.rolesSid[i])) ?? ""))
                }
                let (found, problem) = tags(relation.keys, relation.vals, "relation \(relation.id)")
                if let problem { return problem }
                extract.relations.append(Relation(id: relation.id, members: members, tags: found ?? [:]))
            }
        }
        return nil
    }
}
