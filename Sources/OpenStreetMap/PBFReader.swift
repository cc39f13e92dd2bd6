import CompressNIO
import Foundation
import NIOCore
import SwiftProtobuf

/// A problem with an extract, located: the file and, where it is in one, the block.
public struct ExtractProblem: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// The block's number, from 1 (the header block is block 1); nil for the file as a whole.
    public var block: Int?
    public var message: String
    public var description: String {
        "\(file): " + (block.map { "block \($0): " } ?? "") + message
    }
}

/// Every problem found in one read, in the order met.
public struct ExtractProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ExtractProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads the OpenStreetMap PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format): a run
/// of blocks, each a length, a BlobHeader and a Blob (raw or zlib-compressed) holding the header
/// or a PrimitiveBlock of nodes, ways and relations.
public enum PBFReader {
    /// Blocks larger than the format allows are refused before anything is allocated.
    static let largestHeader = 64 * 1024
    static let largestBlob = 32 * 1024 * 1024
    static let understood: Set<String> = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]

    public static func read(path: String) throws(ExtractProblems) -> Extract {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
            throw ExtractProblems(problems: [ExtractProblem(file: path, block: nil, message: "cannot open the extract: \(why); expected an OpenStreetMap .osm.pbf file")])
        }
        return try read(bytes: [UInt8](data), file: file)
    }

    public static func read(bytes: [UInt8], file: String) throws(ExtractProblems) -> Extract {
        var extract = Extract()
        var problems: [ExtractProblem] = []
        var offset = 0, block = 0, sawHeader = false
        while offset < bytes.count {
            block += 1
            func problem(_ message: String) { problems.append(ExtractProblem(file: file, block: block, message: message)) }
            guard offset + 4 <= bytes.count else { problem("the file ends inside a block's length; expected 4 bytes"); break }
            let headerLength = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            offset += 4
            guard headerLength > 0, headerLength <= largestHeader else {
                problem(block == 1 && headerLength > largestHeader
                        ? "this is not an OpenStreetMap PBF file (a block header of \(headerLength) bytes); expected an .osm.pbf extract"
                        : "a block header of \(headerLength) bytes; expected 1 to \(largestHeader)")
                break
            }
            guard offset + headerLength <= bytes.count else { problem("the file ends inside a block header"); break }
            let header: OSMPBF_BlobHeader
            do { header = try OSMPBF_BlobHeader(serializedBytes: bytes[offset ..< offset + headerLength]) } catch {
                problem(block == 1 ? "this is not an OpenStreetMap PBF file (its first block header does not decode); expected an .osm.pbf extract"
                                   : "the block header does not decode (\(error)); expected a BlobHeader")
                break
            }
            offset += headerLength
            let size = Int(header.datasize)
            guard size >= 0, size <= largestBlob else { problem("a block of \(size) bytes; expected at most \(largestBlob)"); break }
            guard offset + size <= bytes.count else { problem("the file ends inside the block (\(bytes.count - offset) of \(size) bytes); the extract is cut short"); break }
            let body = bytes[offset ..< offset + size]
            offset += size
            let content: [UInt8]
            do { content = try unpack(body) } catch { problem(error.message); continue }
            switch header.type {
            case "OSMHeader":
                sawHeader = true
                do {
                    let head = try OSMPBF_HeaderBlock(serializedBytes: content)
                    let unknown = head.requiredFeatures.filter { !understood.contains($0) }
                    if !unknown.isEmpty {
                        problem("the extract needs \(unknown.joined(separator: ", ")), which this reader does not know; expected \(understood.sorted().joined(separator: ", "))")
                    }
                    if head.hasBbox {
                        let b = head.bbox
                        extract.bounds = Bounds(south: Double(b.bottom) * 1e-9, west: Double(b.left) * 1e-9,
                                                north: Double(b.top) * 1e-9, east: Double(b.right) * 1e-9)
                    }
                    if head.hasWritingprogram { extract.writtenBy = head.writingprogram }
                } catch { problem("the header block does not decode (\(error)); expected an OSMHeader") }
            case "OSMData":
                if !sawHeader { problem("a data block before the header; expected the OSMHeader block first") ; sawHeader = true }
                do {
                    let primitives = try OSMPBF_PrimitiveBlock(serializedBytes: content)
                    if let why = PrimitiveDecoder.decode(primitives, into: &extract) { problem(why) }
                } catch { problem("the data block does not decode (\(error)); expected a PrimitiveBlock") }
            default:
                continue // Blocks of other types may be skipped (the format says so).
            }
        }
        if problems.isEmpty && block == 0 {
            problems.append(ExtractProblem(file: file, block: nil, message: "the file is empty; expected an OpenStreetMap .osm.pbf extract"))
        }
        guard problems.isEmpty else { throw ExtractProblems(problems: problems) }
        extract.nodes.finish()
        return extract
    }

    struct Unreadable: Error { var message: String }

    /// The block's bytes, inflated when compressed.
    static func unpack(_ body: ArraySlice<UInt8>) throws(Unreadable) -> [UInt8] {
        let blob: OSMPBF_Blob
        do { blob = try OSMPBF_Blob(serializedBytes: body) } catch { throw Unreadable(message: "the block does not decode (\(error)); expected a Blob") }
        switch blob.data {
        case .raw(let raw)?:
            return [UInt8](raw)
        case .zlibData(let packed)?:
            let size = Int(blob.rawSize)
            guard size > 0, size <= largestBlob else { throw Unreadable(message: "a compressed block states \(size) bytes inflated; expected 1 to \(largestBlob)") }
            var input = ByteBuffer(bytes: packed)
            var output = ByteBufferAllocator().buffer(capacity: size)
            do { try input.decompress(to: &output, with: .zlib()) } catch {
                throw Unreadable(message: "the compressed block does not inflate (\(error)); expected zlib data of \(size) bytes")
            }
            guard output.readableBytes == size else {
                throw Unreadable(message: "the block inflates to \(output.readableBytes) bytes; its header says \(size)")
            }
            return output.readBytes(length: size) ?? []
        case .lzmaData?: throw Unreadable(message: "the block is LZMA-compressed; expected raw or zlib (re-write the extract with osmium cat)")
        case .lz4Data?: throw Unreadable(message: "the block is LZ4-compressed; expected raw or zlib (re-write the extract with osmium cat)")
        case .zstdData?: throw Unreadable(message: "the block is Zstandard-compressed; expected raw or zlib (re-write the extract with osmium cat)")
        case .obsoleteBzip2Data?: throw Unreadable(message: "the block is bzip2-compressed; expected raw or zlib")
        case nil: throw Unreadable(message: "the block holds no data; expected raw or zlib data")
        }
    }
}
