import Crypto
import Foundation
import Scenario
import SwiftASN1
import X509

/// The floor's own certificate authority: a P-256 key and a self-signed certificate in a folder
/// of the floor's account (`$XDG_CONFIG_HOME/controlroom/authority`). It issues each operator's
/// console certificate (`floor certificate NAME`) and, at every start, the floor's own; a
/// floor over TLS seats only a console whose certificate it issued, in date, made for a console.
/// The name a certificate carries is the person's account on the roster.
public struct FloorAuthority {
    public let folder: String
    public let certificate: Certificate
    let key: P256.Signing.PrivateKey

    /// What a certificate is for: a console (a person, by their roster account) or a floor.
    public enum Use: Sendable, Equatable {
        case console
        case floor

        var usage: ExtendedKeyUsage.Usage { self == .console ? .clientAuth : .serverAuth }
        var words: String { self == .console ? "a console's" : "a floor's" }
    }

    /// A certificate issued, with its key.
    public struct Issued {
        public let certificate: Certificate
        public let key: P256.Signing.PrivateKey

        /// The console's file: its certificate, its key and the authority's certificate, PEM.
        public func bundle(authority: Certificate) throws -> String {
            try [certificate.serializeAsPEM().pemString, key.pemRepresentation, authority.serializeAsPEM().pemString]
                .joined(separator: "\n") + "\n"
        }
    }

    public static let certificateFile = "authority.pem"
    public static let keyFile = "authority-key.pem"

    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        SiteFolder.path(environment: environment) + "/authority"
    }

    /// The authority in `folder`, or nil when none was made there.
    public static func open(folder: String) throws(CertificateProblem) -> FloorAuthority? {
        let certificatePath = folder + "/" + certificateFile, keyPath = folder + "/" + keyFile
        guard FileManager.default.fileExists(atPath: certificatePath) || FileManager.default.fileExists(atPath: keyPath) else { return nil }
        let certificateText = try SecretFile.read(certificatePath, secret: false)
        let keyText = try SecretFile.read(keyPath, secret: true)
        do {
            let certificate = try Certificate(pemEncoded: certificateText)
            let key = try P256.Signing.PrivateKey(pemRepresentation: keyText)
            guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
                throw CertificateProblem("\(keyPath) is not the key of \(certificatePath); expected the pair as floor certificate made them")
            }
            return FloorAuthority(folder: folder, certificate: certificate, key: key)
        } catch let problem as CertificateProblem {
            throw problem
        } catch {
            throw CertificateProblem("\(folder): the authority cannot be read (\(error)); expected \(certificateFile) and \(keyFile) as floor certificate made them")
        }
    }

    /// A new authority in `folder` (made owner-only), named `name`; never over one already there.
    public static func create(folder: String, name: String, now: Date = Date()) throws(CertificateProblem) -> FloorAuthority {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CertificateProblem("\(folder): the authority's folder cannot be made (\(error.localizedDescription))")
        }
        let key = P256.Signing.PrivateKey()
        let certificate: Certificate
        do {
            let subject = try DistinguishedName {
                OrganizationName("controlroom")
                CommonName(name)
            }
            certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(20 * 365 * 86_400),
                issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true))
                },
                issuerPrivateKey: .init(key))
            // The key first: an authority with a certificate but no key could issue nothing.
            let instead = "an authority's files are never written over; name another folder with --authority"
            try SecretFile.create(folder + "/" + keyFile, key.pemRepresentation, instead: instead)
            try SecretFile.create(folder + "/" + certificateFile, certificate.serializeAsPEM().pemString + "\n", instead: instead)
        } catch let problem as CertificateProblem {
            throw problem
        } catch {
            throw CertificateProblem("\(folder): the authority could not be made (\(error))")
        }
        return FloorAuthority(folder: folder, certificate: certificate, key: key)
    }

    /// A certificate for `name`, for `use`, valid from `notBefore` to `notAfter`, with a new key.
    public func issue(_ name: String, for use: Use, notBefore: Date, notAfter: Date) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("controlroom")
            CommonName(name)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: self.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([use.usage])
            },
            issuerPrivateKey: .init(self.key))
        return Issued(certificate: certificate, key: key)
    }

    /// The floor's answer to a certificate presented to it: the name it carries, or why it is refused.
    public enum Verdict: Equatable, Sendable {
        case accepted(name: String, serial: String)
        case refused(String)
    }

    /// Whether `presented` (its DER) is one this authority issued, in date at `now`, for `use`.
    /// The floor's own check, in words its log can say (it replaces the TLS library's).
    public static func check(_ presented: [UInt8]?, against authority: Certificate, for use: Use, now: Date = Date()) -> Verdict {
        guard let presented else { return .refused("no certificate") }
        guard let leaf = try? Certificate(derEncoded: presented) else { return .refused("a certificate that cannot be read") }
        guard leaf.issuer == authority.subject, authority.publicKey.isValidSignature(leaf.signature, for: leaf) else {
            // The issuer's name is the stranger's to choose: shown with anything invisible escaped.
            return .refused("a certificate from another authority (\(PersonName.shown(String(describing: leaf.issuer)))), not this floor's (\(authority.subject))")
        }
        if now > leaf.notValidAfter { return .refused("a certificate that expired on \(Self.day(leaf.notValidAfter))") }
        if now < leaf.notValidBefore { return .refused("a certificate not valid until \(Self.day(leaf.notValidBefore))") }
        guard let usage = try? leaf.extensions.extendedKeyUsage, usage.contains(use.usage) else {
            return .refused("a certificate that is not \(use.words)")
        }
        guard let name = commonName(leaf), Roster.isAccountName(name) else { return .refused("a certificate with no account name in it") }
        return .accepted(name: name, serial: leaf.serialNumber.bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// The certificate's common name: the person's account (or the floor's name).
    public static func commonName(_ certificate: Certificate) -> String? {
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                if let name = String(attribute.value) { return name }
            }
        }
        return nil
    }

    public static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }
}

public struct CertificateProblem: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Files that hold keys: made owner-only and never over anything; read only when they are
/// regular files that nobody else may read (a key others can read is anyone's).
public enum SecretFile {
    /// `instead`: what to do when something is already there (or the folder cannot be written).
    public static func create(_ path: String, _ text: String, instead: String = "name another with --out") throws(CertificateProblem) {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST || errno == ELOOP { throw CertificateProblem("\(path) is already there; it is left as it is: \(instead)") }
            throw CertificateProblem("\(path) cannot be written (\(String(cString: strerror(errno))))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            unlink(path)
            throw CertificateProblem("\(path) could not be written (\(error.localizedDescription))")
        }
    }

    public static func read(_ path: String, secret: Bool) throws(CertificateProblem) -> String {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { throw CertificateProblem("\(path) cannot be read (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw CertificateProblem("\(path) is not a regular file; expected a PEM file") }
        if secret && info.st_mode & 0o077 != 0 {
            throw CertificateProblem("\(path) holds a private key others may read (mode \(String(info.st_mode & 0o777, radix: 8))); expected it kept owner-only: chmod 600 \(path)")
        }
        guard info.st_size < 1 << 20 else { throw CertificateProblem("\(path) is too large for a certificate file; expected a PEM file") }
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }
}
