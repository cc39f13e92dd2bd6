import ArgumentParser
import FloorLink
import Foundation
import Scenario

/// The floor's certificate authority folder, for every command that uses it.
struct AuthorityOption: ParsableArguments {
    @Option(help: "The floor's certificate authority (default: $XDG_CONFIG_HOME/controlroom/authority).")
    var authority: String?

    var folder: String { authority ?? FloorAuthority.defaultFolder() }
}

/// `--listen tls://HOST:PORT`: a floor (or standby) also takes consoles from other hosts, over
/// TLS, each with a certificate from the floor's authority.
struct FloorListenOption: ParsableArguments {
    @Option(help: "Also take consoles from other hosts at tls://HOST:PORT (repeat for more addresses); each console needs a certificate from the floor's authority (floor certificate NAME).")
    var listen: [String] = []

    @OptionGroup var authority: AuthorityOption

    /// The addresses and the floor's TLS, checked before the floor opens (nil: no --listen).
    func tls() -> (FloorTLS, [(host: String, port: Int)])? {
        guard !listen.isEmpty else { return nil }
        var addresses: [(host: String, port: Int)] = []
        for text in listen {
            do {
                guard case let .tls(host, port) = try FloorAddress.parse(text) else {
                    Failure.fail("--listen \(text): expected tls://HOST:PORT (the floor's Unix socket is --socket)")
                }
                addresses.append((host, port))
            } catch {
                Failure.fail("--listen: \(error.description)")
            }
        }
        let authority: FloorAuthority
        do {
            guard let found = try FloorAuthority.open(folder: self.authority.folder) else {
                Failure.fail("no certificate authority in \(self.authority.folder): make it, and each operator's certificate, with controlroom floor certificate NAME"
                             + (self.authority.authority == nil ? "" : " --authority \(self.authority.folder)"))
            }
            authority = found
            return (try FloorTLS(authority: authority, name: Self.floorName()), addresses)
        } catch {
            Failure.fail(error.description)
        }
    }

    /// The floor's name in its own certificate: `floor.HOST`.
    static func floorName() -> String {
        let host = ProcessInfo.processInfo.hostName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return "floor." + (host.isEmpty ? "host" : String(host.prefix(50)))
    }
}

/// `controlroom floor certificate NAME`: a console certificate for one operator.
struct FloorCertificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Issue an operator's console certificate from the floor's own authority (made the first time), for joining over TLS.",
        discussion: "NAME is the person's account on the roster: the floor seats whoever shows the certificate as that person, only where the roster says. The file holds the certificate, its key and the authority's certificate; keep it owner-only on the operator's workstation and join with: controlroom join tls://HOST:PORT --certificate FILE.")

    @Argument(help: "The operator's account on the roster, such as lee.")
    var name: String

    @OptionGroup var authority: AuthorityOption

    @Option(help: "Days it is valid, 1 to 3650 (default 365).", transform: { try WholeNumber.parse($0, option: "--days", in: 1...3650) })
    var days: Int = 365

    @Option(help: "Where to write it (default: NAME.pem here); never over a file already there.")
    var out: String?

    func run() throws {
        guard Roster.isAccountName(name) else {
            Failure.fail("'\(Output.visible(name))' is not an account name; expected the person's account on the roster: letters, digits, . _ - @ $, up to 64")
        }
        let folder = authority.folder
        let path = out ?? name + ".pem"
        // Where it goes is checked first: a certificate that cannot be written makes no authority.
        if FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            Failure.fail("\(path) is already there; it is left as it is: name another with --out")
        }
        let outFolder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !outFolder.isEmpty && !(FileManager.default.fileExists(atPath: outFolder, isDirectory: &isFolder) && isFolder.boolValue) {
            Failure.fail("\(outFolder) is not a folder here; expected --out FILE in a folder that exists")
        }
        do {
            var made = false
            let found: FloorAuthority
            if let existing = try FloorAuthority.open(folder: folder) {
                found = existing
            } else {
                found = try FloorAuthority.create(folder: folder, name: "controlroom floor authority " + String(UInt32.random(in: 0...UInt32.max), radix: 16))
                made = true
            }
            if made { Output.print("Made the floor's certificate authority in \(folder) (keep its key, authority-key.pem, on the floor's hosts only).") }
            let now = Date()
            let issued = try found.issue(name, for: .console, notBefore: now.addingTimeInterval(-300), notAfter: now.addingTimeInterval(Double(days) * 86_400))
            try SecretFile.create(path, issued.bundle(authority: found.certificate))
            Output.print("Issued \(name)'s console certificate, valid until \(FloorAuthority.day(issued.certificate.notValidAfter)): \(path)")
            Output.print("Copy it to their workstation as ~/.config/controlroom/console.pem (owner-only, chmod 600) and they join with: controlroom join tls://HOST:PORT; the floor seats them as the roster's account \(name).")
        } catch let problem as CertificateProblem {
            Failure.fail(problem.description)
        } catch {
            Failure.fail("\(name)'s certificate could not be made: \(error)")
        }
    }
}
