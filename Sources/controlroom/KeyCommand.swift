import ArgumentParser
import Foundation
import Journal

/// `controlroom key`: the public key this account signs its journals with (made on first use).
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The public key this account's consoles and floors sign their journals with.",
        discussion: "The private key is kept in the state folder (journal-signing.key, the owner's only) and made on first use. `verify --key FILE` then proves a journal was signed by it, and that nothing was cut from its end before its last checkpoint.")

    @Option(help: "Write the public key to this file (for verify --key).")
    var export: String?

    func run() throws {
        let signer: JournalSigner
        do { signer = try JournalSigner.load(orCreateAt: JournalSigner.defaultPath()) } catch { Failure.fail(error.description) }
        if let export {
            do { try Output.file(signer.publicKey + "\n", to: export) } catch { Failure.fail("\(error)") }
        }
        Output.print("\(signer.publicKey)  (fingerprint \(signer.fingerprint))")
    }
}

/// The signing key for a live record, or why there is none (the session goes on unsigned).
enum Signing {
    /// This account's key for a headless run's journal (practice, sim, rehearse); nil, said on
    /// standard error, when it cannot be had: the journal is written unsigned.
    static func key() -> JournalSigner? {
        switch load() {
        case .success(let signer): return signer
        case .failure(let error):
            FileHandle.standardError.write(("controlroom: the journal is not signed: " + Output.visible(error.description) + "\n").data(using: .utf8)!)
            return nil
        }
    }

    static func attach(to recorder: SessionRecorder) -> String? {
        switch load() {
        case .success(let signer): recorder.signer = signer; return nil
        case .failure(let error): return "not signed: \(error.description)"
        }
    }

    private static func load() -> Result<JournalSigner, JournalSigner.Problem> {
        Result { () throws(JournalSigner.Problem) in try JournalSigner.load(orCreateAt: JournalSigner.defaultPath()) }
    }
}
