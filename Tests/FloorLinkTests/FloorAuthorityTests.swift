@testable import FloorLink
import Foundation
import Testing

/// The floor's certificate authority: what it issues, and which certificates the floor takes
/// from a console (only its own, in date, made for a console, naming an account).
@Suite("The floor's certificate authority")
struct FloorAuthorityTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("authority-\(UUID().uuidString.prefix(8))").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("A console certificate it issued is taken, as the account it names; expired, not yet valid, a floor's, from another authority or none are each refused, saying why")
    func verdicts() throws {
        let folder = Folder()
        let authority = try FloorAuthority.create(folder: folder.path + "/ca", name: "test authority")
        let other = try FloorAuthority.create(folder: folder.path + "/other", name: "test authority")
        let now = Date()
        let day = 86_400.0
        func check(_ issued: FloorAuthority.Issued, for use: FloorAuthority.Use = .console) throws -> FloorAuthority.Verdict {
            FloorAuthority.check(try issued.certificate.der(), against: authority.certificate, for: use, now: now)
        }
        let lee = try authority.issue("lee", for: .console, notBefore: now - day, notAfter: now + day)
        guard case .accepted(let name, let serial) = try check(lee) else { Issue.record("lee's certificate refused: \(try check(lee))"); return }
        #expect(name == "lee" && serial.count >= 16)

        let expired = try authority.issue("lee", for: .console, notBefore: now - 10 * day, notAfter: now - day)
        #expect(try check(expired) == .refused("a certificate that expired on \(FloorAuthority.day(now - day))"))
        let early = try authority.issue("lee", for: .console, notBefore: now + day, notAfter: now + 10 * day)
        #expect(try check(early) == .refused("a certificate not valid until \(FloorAuthority.day(now + day))"))
        // Same name, same authority name: only the signature tells them apart.
        let foreign = try other.issue("lee", for: .console, notBefore: now - day, notAfter: now + day)
        guard case .refused(let why) = try check(foreign) else { Issue.record("a foreign certificate was taken"); return }
        #expect(why.hasPrefix("a certificate from another authority"))
        // A stranger's authority named to clear the floor's terminal: its name reaches the log escaped.
        let rogue = try FloorAuthority.create(folder: folder.path + "/rogue", name: "evil\u{1B}[2J\u{7}")
        guard case .refused(let said) = try check(rogue.issue("lee", for: .console, notBefore: now - day, notAfter: now + day)) else {
            Issue.record("a rogue certificate was taken"); return
        }
        #expect(!said.unicodeScalars.contains { $0.value < 0x20 } && said.contains("\\u{1B}"), "\(said)")
        let floor = try authority.issue("floor.a", for: .floor, notBefore: now - day, notAfter: now + day)
        #expect(try check(floor) == .refused("a certificate that is not a console's"))
        guard case .accepted(let floorName, _) = try check(floor, for: .floor) else { Issue.record("a floor's certificate refused as a floor's"); return }
        #expect(floorName == "floor.a")
        // A console's certificate cannot pose as a floor's.
        #expect(try check(lee, for: .floor) == .refused("a certificate that is not a floor's"))
        #expect(FloorAuthority.check(nil, against: authority.certificate, for: .console) == .refused("no certificate"))
        #expect(FloorAuthority.check([0x30, 0x03, 0x01, 0x01, 0x00], against: authority.certificate, for: .console) == .refused("a certificate that cannot be read"))
    }

    @Test("The authority is opened again as made; a console's file loads as the account it names; a key others may read, or a file that is not a console's, is refused; nothing is written over")
    func files() throws {
        let folder = Folder()
        let made = try FloorAuthority.create(folder: folder.path + "/ca", name: "test authority")
        let opened = try #require(try FloorAuthority.open(folder: folder.path + "/ca"))
        #expect(opened.certificate == made.certificate)
        #expect(try FloorAuthority.open(folder: folder.path + "/none") == nil)
        #expect(throws: CertificateProblem.self) { try FloorAuthority.create(folder: folder.path + "/ca", name: "again") }
        #expect(try FloorAuthority.open(folder: folder.path + "/ca")?.certificate == made.certificate)

        let issued = try made.issue("sam", for: .console, notBefore: Date() - 60, notAfter: Date() + 3600)
        let file = folder.path + "/sam.pem"
        try SecretFile.create(file, issued.bundle(authority: made.certificate))
        let loaded = try ConsoleCertificate.load(file)
        #expect(loaded.name == "sam" && loaded.localProblem() == nil)
        #expect(throws: CertificateProblem.self) { try SecretFile.create(file, "over it") }

        chmod(file, 0o644)
        let open = #expect(throws: CertificateProblem.self) { try ConsoleCertificate.load(file) }
        #expect(open?.description.contains("chmod 600") == true, "\(String(describing: open))")
        let authorityOnly = folder.path + "/authority-only.pem"
        try SecretFile.create(authorityOnly, try made.certificate.serializeAsPEM().pemString)
        let wrong = #expect(throws: CertificateProblem.self) { try ConsoleCertificate.load(authorityOnly) }
        #expect(wrong?.description.contains("is not a console's certificate file") == true, "\(String(describing: wrong))")
        // A symlink is not followed, even to a good file.
        symlink(file, folder.path + "/link.pem")
        chmod(file, 0o600)
        #expect(throws: CertificateProblem.self) { try ConsoleCertificate.load(folder.path + "/link.pem") }
    }

    @Test("Floor addresses: sockets, tls://HOST:PORT (IPv6 in brackets), lists; bad ones say what was expected")
    func addresses() throws {
        #expect(try FloorAddress.list("/run/floor.sock,tls://floor-b.example:7400,tls://[::1]:7401")
                == [.socket("/run/floor.sock"), .tls(host: "floor-b.example", port: 7400), .tls(host: "::1", port: 7401)])
        #expect(FloorAddress.tls(host: "::1", port: 7401).description == "tls://[::1]:7401")
        for (bad, says) in [("tls://floor-b", "has no port"), ("tls://floor-b:0", "is not 1 to 65535"), ("tls://:7400", "has no host"),
                            ("http://floor:80", "is not a floor address"), ("", "an empty floor address"), ("a,,b", "an empty floor address")] {
            let problem = #expect(throws: FloorAddressProblem.self) { try FloorAddress.list(bad) }
            #expect(problem?.description.contains(says) == true, "\(bad): \(String(describing: problem))")
        }
    }
}
