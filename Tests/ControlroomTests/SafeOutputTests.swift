import Foundation
import Testing
import TmuxHarness

/// What the headless commands write, through the real binary: no control byte from a scenario
/// or journal in any output, and files written without replacing what is not a regular file.
@Suite("Safe output and safe files, through the real binary", .serialized)
struct SafeOutputTests {
    static let binary = ConsoleEndToEndTests.binary
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs `script` with sh (for redirections), in `folder`, with a time limit.
    static func sh(_ script: String, in folder: String) -> (status: Int32, output: String) {
        Spawn.run(["sh", "-c", "cd '\(folder)' && timeout 60 " + script])
    }

    /// The code points that must never reach a terminal raw: C0 (but line ends and tabs), DEL,
    /// C1, and the bidirectional controls.
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && ![0x09, 0x0A, 0x0D].contains(v)) || (0x7F...0x9F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }.map { String($0.value, radix: 16) }
    }

    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A training scenario named to set the terminal's title, clear the screen, write the
    /// clipboard (OSC 52), and with an 8-bit CSI and a right-to-left override.
    static func injection(in folder: String) throws -> String {
        let text = try String(contentsOfFile: root + "/scenarios/training/06-street-fight.yaml", encoding: .utf8)
        let evil = #"name: "Evil \e]0;pwned\a title \e[2J clear \e]52;c;ZXZpbA==\a clip \x9b31m csi \u202e rlo""#
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("name: ") ? evil : String($0) }
        let path = folder + "/evil.yaml"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A scenario carrying terminal escapes: no control byte in any headless command's output, in any format")
    func injectionThroughEveryCommand() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = try Self.injection(in: folder)
        let journal = folder + "/p.journal"
        let commands: [[String]] = [
            ["validate", scenario], ["sim", scenario], ["sim", scenario, "--json"], ["sim", scenario, "--runs", "2"],
            ["practice", scenario, "--journal", journal],
            ["report", journal], ["report", journal, "--json"],
            ["debrief", journal], ["debrief", journal, "--format", "markdown"], ["debrief", journal, "--format", "json"],
            ["export", journal, "--incidents", "-"], ["export", journal, "--radio", "-"], ["export", journal, "--events", "-"],
            ["verify", journal],
        ]
        for command in commands {
            let result = Spawn.run([Self.binary] + command)
            #expect(result.status == 0, "\(command): \(result.output)")
            #expect(Self.controls(result.output).isEmpty, "\(command): control characters \(Self.controls(result.output))")
            // Shown, not dropped: the operator can see that the scenario carries them.
            if command[0] != "export" && command[0] != "verify" {
                #expect(result.output.contains("Evil") && (result.output.contains("\\u{1B}") || result.output.contains("\\u001b")), "\(command)")
            }
        }
        // A CSV written to a file holds no control character either.
        #expect(Spawn.run([Self.binary, "export", journal, "--incidents", folder + "/i.csv"]).status == 0)
        #expect(Self.controls(try String(contentsOfFile: folder + "/i.csv", encoding: .utf8)).isEmpty)
    }

    @Test("An export through a symlink writes its target and leaves the link; to a FIFO it streams; to a full device it fails with exit 1")
    func exportsNeverReplace() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/p.journal"
        #expect(Spawn.run([Self.binary, "practice", Self.root + "/scenarios/training/06-street-fight.yaml", "--journal", journal]).status == 0)

        // A symlink: still a symlink after, its target holding the CSV.
        FileManager.default.createFile(atPath: folder + "/real.csv", contents: Data("old\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "real.csv")
        let viaLink = Spawn.run([Self.binary, "export", journal, "--incidents", folder + "/link.csv"])
        #expect(viaLink.status == 0, "\(viaLink.output)")
        let kind = try FileManager.default.attributesOfItem(atPath: folder + "/link.csv")[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink, "the link was replaced")
        #expect(try String(contentsOfFile: folder + "/real.csv", encoding: .utf8).hasPrefix("reference,"))

        // A FIFO: written as a stream to whoever reads it, and still a FIFO.
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        let viaPipe = Self.sh("sh -c 'cat pipe > from-pipe.csv & \(Self.binary) export p.journal --radio pipe; wait'", in: folder)
        #expect(viaPipe.status == 0, "\(viaPipe.output)")
        #expect(try String(contentsOfFile: folder + "/from-pipe.csv", encoding: .utf8).hasPrefix("time,"))
        let pipeKind = try FileManager.default.attributesOfItem(atPath: folder + "/pipe")[.type] as? FileAttributeType
        #expect(pipeKind == .typeCharacterSpecial || pipeKind != .typeRegular, "the FIFO was replaced")

        // The full device, made here (char 1,7 is /dev/full): writing fails, said, exit 1; the
        // node is still a device. Standard output sent there fails the same way.
        guard Spawn.run(["mknod", folder + "/full", "c", "1", "7"]).status == 0 else {
            Issue.record("mknod needs root: the device-node checks did not run")
            return
        }
        let toFull = Spawn.run([Self.binary, "export", journal, "--incidents", folder + "/full"])
        #expect(toFull.status == 1, "\(toFull.output)")
        #expect(toFull.output.contains("No space left on device"), "\(toFull.output)")
        let fullKind = try FileManager.default.attributesOfItem(atPath: folder + "/full")[.type] as? FileAttributeType
        #expect(fullKind == .typeCharacterSpecial, "the device node was replaced")
        for command in ["report p.journal", "report p.journal --json", "export p.journal --events -", "debrief p.journal",
                        "verify p.journal", "sim '\(Self.root)/scenarios/training/06-street-fight.yaml'"] {
            let result = Self.sh("\(Self.binary) \(command) > full", in: folder)
            #expect(result.status == 1, "\(command) > full: \(result.output)")
            #expect(result.output.contains("standard output could not be written"), "\(command): \(result.output)")
        }
    }

    @Test("A journal path that is not a regular file is refused at once, never waited on")
    func journalNotARegularFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo.journal", 0o600) == 0)
        for command in ["report", "verify", "debrief", "export", "watch", "replay"] {
            let arguments = command == "export" ? [command, folder + "/fifo.journal", "--events", "-"] : [command, folder + "/fifo.journal"]
            let result = Spawn.run(["timeout", "20", Self.binary] + arguments)
            #expect(result.status == 2, "\(command): \(result.output)")
            #expect(result.output.contains("FIFO"), "\(command): \(result.output)")
        }
    }
}

/// Arguments the parser must read as the person meant them, with the exit statuses the README lists.
@Suite("Bad arguments, through the real binary")
struct BadArgumentTests {
    static let binary = ConsoleEndToEndTests.binary

    @Test("Negative numbers are read as numbers and refused for their range; usage errors exit 64")
    func negativeNumbers() {
        for (arguments, says) in [(["sim", "default", "--seed", "-1"], "'-1' is not a seed"),
                                  (["sim", "default", "--runs", "-3"], "--runs must be a whole number from 1 to 10000"),
                                  (["sim", "default", "--until", "-1h"], "'-1h' is not a duration"),
                                  (["bench", "--calls", "-5"], "--calls must be a whole number")] {
            let result = Spawn.run([Self.binary] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.output.contains(says), "\(arguments): \(result.output)")
            #expect(!result.output.contains("Missing value"), "\(arguments): \(result.output)")
        }
        #expect(Spawn.run([Self.binary, "sim", "default", "--seed", "18446744073709551615", "--until", "1h"]).status == 0)
    }

    @Test("--from at or past the scenario's end is refused before anything runs")
    func fromPastTheEnd() {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "20h"])
        #expect(t.wait(for: "--from 20h is not before the scenario's end (it lasts 14h)"), "\(t.screen())")
        #expect(t.wait(for: "[exit 64]"))
        #expect(t.journals.isEmpty, "no journal is left behind")
    }

    @Test("The exit statuses are in the help")
    func exitStatusesInHelp() {
        let help = Spawn.run([Self.binary, "--help"]).output
        for words in ["Exit status: 0 done", "1 a check failed", "2 bad input", "64 a usage error"] {
            #expect(help.replacingOccurrences(of: "\n", with: " ").contains(words), "\(words)")
        }
    }
}
