import Foundation
import NIOCore
import NIOSSL
import SwiftASN1
import X509

/// The floor's side of TLS: a floor certificate issued from its authority at each start, TLS 1.3
/// only, a console certificate required and checked by the floor itself (`FloorAuthority.check`)
/// before anything the console sends is read.
public final class FloorTLS {
    public let authority: Certificate
    let context: NIOSSLContext
    /// The name in the floor's own certificate (consoles see it).
    public let name: String

    public init(authority: FloorAuthority, name: String, now: Date = Date()) throws(CertificateProblem) {
        self.authority = authority.certificate
        self.name = name
        do {
            let issued = try authority.issue(name, for: .floor, notBefore: now.addingTimeInterval(-300), notAfter: now.addingTimeInterval(400 * 86_400))
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: issued.certificate.der(), format: .der))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.key.pemRepresentation.utf8), format: .pem)))
            configuration.minimumTLSVersion = .tlsv13
            // Asks for, and requires, a certificate; which ones are taken is the floor's own check.
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: authority.certificate.der(), format: .der)])
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw CertificateProblem("the floor's own certificate could not be made from the authority in \(authority.folder) (\(error))")
        }
    }

    /// A handler for one connection; `verdict` hears the floor's check of the certificate shown.
    func handler(verdict: @escaping (FloorAuthority.Verdict) -> Void) -> NIOSSLServerHandler {
        let authority = self.authority
        return NIOSSLServerHandler(context: context) { chain, promise in
            let answer = FloorAuthority.check(try? chain.first?.toDERBytes(), against: authority, for: .console)
            verdict(answer)
            if case .accepted = answer { promise.succeed(.certificateVerified) } else { promise.succeed(.failed) }
        }
    }

    /// Which end is saying what a TLS failure means.
    public enum End { case floor, console }

    /// What a TLS failure means, in words, as `end` sees it (the library's code kept in brackets).
    public static func words(_ error: Error, at end: End) -> String {
        let text = "\(error)".uppercased()
        let known: [(String, floor: String, console: String)] = [
            ("PEER_DID_NOT_RETURN_A_CERTIFICATE", "it showed no certificate", "the floor asks for a certificate and this console showed none"),
            ("CERTIFICATE_REQUIRED", "it showed no certificate", "the floor asks for a certificate and this console showed none"),
            ("CERTIFICATE_VERIFY_FAILED", "its certificate was refused",
             "this console does not trust that floor: the floor's certificate is not from the authority in this console's certificate file"),
            ("CERTIFICATE_UNKNOWN", "the console does not trust this floor (its certificate file is from another authority)",
             "the floor refused this console's certificate; the floor's log says why"),
            ("BAD_CERTIFICATE", "the console refused this floor's certificate", "the floor refused this console's certificate; the floor's log says why"),
            ("WRONG_VERSION_NUMBER", "it does not speak TLS", "the other end does not speak TLS: is it a floor's tls:// address?"),
            ("PROTOCOL_VERSION", "it does not speak TLS 1.3", "the floor does not speak TLS 1.3"),
        ]
        for entry in known where text.contains(entry.0) {
            return (end == .floor ? entry.floor : entry.console) + " (\(entry.0.lowercased()))"
        }
        if let ssl = error as? NIOSSLError, case .uncleanShutdown = ssl { return "the connection was cut during TLS" }
        return "TLS failed (\(error))"
    }

}

/// A console's certificate file, as `floor certificate NAME` writes it: the console's
/// certificate, its key and the authority's certificate (whose floors it trusts).
public struct ConsoleCertificate {
    public let path: String
    /// The account the certificate names (the person on the roster).
    public let name: String
    public let notAfter: Date
    let certificate: Certificate
    let key: String
    let authority: Certificate

    public static func load(_ path: String) throws(CertificateProblem) -> ConsoleCertificate {
        let text = try SecretFile.read(path, secret: true)
        do {
            let blocks = try PEMDocument.parseMultiple(pemString: text)
            let certificates = blocks.filter { $0.discriminator == "CERTIFICATE" }
            guard certificates.count == 2, let keyBlock = blocks.first(where: { $0.discriminator == "PRIVATE KEY" }) else {
                throw CertificateProblem("\(path) is not a console's certificate file; expected its certificate, its key and the authority's certificate, as controlroom floor certificate NAME writes them")
            }
            let mine = try Certificate(pemDocument: certificates[0]), authority = try Certificate(pemDocument: certificates[1])
            guard let name = FloorAuthority.commonName(mine) else { throw CertificateProblem("\(path): the certificate names no one; expected one from controlroom floor certificate NAME") }
            return ConsoleCertificate(path: path, name: name, notAfter: mine.notValidAfter, certificate: mine, key: keyBlock.pemString, authority: authority)
        } catch let problem as CertificateProblem {
            throw problem
        } catch {
            throw CertificateProblem("\(path) cannot be read as a console's certificate file (\(error)); expected the file controlroom floor certificate NAME wrote")
        }
    }

    /// The TLS context a console connects with: its certificate shown, a floor's from the same
    /// authority required (checked as the floor checks consoles').
    func context() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.certificateChain = [.certificate(try NIOSSLCertificate(bytes: certificate.der(), format: .der))]
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: authority.der(), format: .der)])
        configuration.certificateVerification = .noHostnameVerification
        return try NIOSSLContext(configuration: configuration)
    }

    func handler() throws -> NIOSSLClientHandler {
        let authority = self.authority
        return try NIOSSLClientHandler(context: context(), serverHostname: nil) { chain, promise in
            let answer = FloorAuthority.check(try? chain.first?.toDERBytes(), against: authority, for: .floor)
            if case .accepted = answer { promise.succeed(.certificateVerified) } else { promise.succeed(.failed) }
        }
    }

    /// Why the floor would refuse this certificate by this host's clock (nil: it would not).
    public func localProblem(now: Date = Date()) -> String? {
        if now > notAfter { return "this console's certificate (\(path)) expired on \(FloorAuthority.day(notAfter)): ask for a new one (controlroom floor certificate \(name))" }
        if now < certificate.notValidBefore { return "this console's certificate (\(path)) is not valid until \(FloorAuthority.day(certificate.notValidBefore))" }
        return nil
    }
}

extension Certificate {
    func der() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(self)
        return serializer.serializedBytes
    }
}
