import Crypto
import Foundation

/// The key a console or a floor signs its journal's checkpoints with (Ed25519): the private key
/// kept in the state folder, the owner's only; the public key printed and exported so `verify
/// --key` can say who wrote a record and that nothing was cut from it since its last checkpoint.
/// (A signature proves the holder of the key wrote what it signed; it cannot prove what was
/// never written, nor stop the holder of the key from signing a rewritten record.) Unchecked
/// Sendable: the key is immutable once made.
public struct JournalSigner: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey
    /// The public key, hexadecimal, as the journal and `controlroom key` give it.
    public var publicKey: String { Self.hex(key.publicKey.rawRepresentation) }
    /// A short name for the key: the first 16 hex digits of its public key's SHA-256.
    public var fingerprint: String { Self.fingerprint(of: publicKey) }

    public init(key: Curve25519.Signing.PrivateKey) { self.key = key }

    public struct Problem: Error, CustomStringConvertible { public var description: String }

    /// The key at `path`, made there (mode 0600) if there is none. A file that is not a regular
    /// file, or one others may read, is refused and never replaced.
    public static func load(orCreateAt path: String) throws(Problem) -> JournalSigner {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else { throw Problem(description: "\(path) is not a regular file; the signing key is left alone") }
            guard status.st_mode & 0o077 == 0 else { throw Problem(description: "\(path) may be read by others (chmod 600 it): a signing key is the owner's only") }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let raw = bytes(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
                throw Problem(description: "\(path) does not hold a signing key")
            }
            return JournalSigner(key: key)
        }
        let key = Curve25519.Signing.PrivateKey()
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Problem(description: "cannot make the signing key at \(path): \(String(cString: strerror(errno)))") }
        let text = hex(key.rawRepresentation) + "\n"
        let written = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        guard written == text.utf8.count else { throw Problem(description: "cannot write the signing key at \(path)") }
        return JournalSigner(key: key)
    }

    /// Where a console or floor keeps its key.
    public static func defaultPath() -> String { JournalLocation.folder() + "/journal-signing.key" }

    func sign(_ data: Data) -> String {
        (try? key.signature(for: data)).map { Self.hex($0) } ?? ""
    }

    /// Whether `signature` is `publicKey`'s over `data`.
    static func holds(_ signature: String, by publicKey: String, over data: Data) -> Bool {
        guard let raw = bytes(publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let sig = bytes(signature) else { return false }
        return key.isValidSignature(sig, for: data)
    }

    public static func fingerprint(of publicKey: String) -> String {
        String(hex(Data(SHA256.hash(data: Data(publicKey.utf8)))).prefix(16))
    }

    static func hex<D: DataProtocol>(_ data: D) -> String { JournalChain.hex(data) }

    static func bytes(_ hex: String) -> Data? {
        guard hex.count % 2 == 0 else { return nil }
        var out = Data()
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            guard let b = UInt8(hex[i..<j], radix: 16) else { return nil }
            out.append(b)
            i = j
        }
        return out
    }
}
