import Foundation
import Testing

/// The real binary, as a user runs it.
@Suite("controlroom command line", .serialized)
struct EndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/controlroom").path

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    func run(_ arguments: [String], in directory: URL = EndToEndTests.root) throws -> Run {
        // `swift test` builds every product, the executable included.
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "no binary at \(Self.binary)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func temporaryFile(_ text: String) throws -> String {
        // In a folder of the test's own, not loose in the shared temporary directory.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("controlroom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("scenario.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Plain controlroom prints a Friday night, from any directory")
    func defaultRun() throws {
        let r = try run([], in: FileManager.default.temporaryDirectory)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Northfield district - Friday night"))
        #expect(r.out.contains("attended within target"))
    }

    @Test("--help lists the subcommands")
    func help() throws {
        let r = try run(["--help"])
        #expect(r.status == 0)
        for sub in ["sim", "validate", "bench"] { #expect(r.out.contains(sub)) }
    }

    @Test("validate: 0 for valid files, with the patrol's load at the busiest hour; 2 with file:line:column for invalid ones")
    func validate() throws {
        let ok = try run(["validate", "scenarios/default.yaml", "scenarios/quiet-town.yaml"])
        #expect(ok.status == 0)
        #expect(ok.out.contains("scenarios/default.yaml: ok"))
        // What the demand asks of the patrol: the built-in Friday night is more than its roster takes.
        #expect(ok.out.contains("at its tightest hour for the patrol (Sat "))
        #expect(ok.out.contains("expect incidents to stack"))
        // The quiet town's demand is well within its patrol.
        let quiet = ok.out.components(separatedBy: "scenarios/quiet-town.yaml: ok")[1]
        #expect(quiet.contains("patrol units on duty busy") && !quiet.contains("stack"))
        let bad = try temporaryFile("name: x\nstart: 2026-11-27 18:00\nduration: 1h\nsed: 4\n")
        defer { try? FileManager.default.removeItem(atPath: (bad as NSString).deletingLastPathComponent) }
        let refused = try run(["validate", "scenarios/default.yaml", bad])
        #expect(refused.status == 2)
        #expect(refused.err.contains("\(bad):4:1: unknown key 'sed'"))
        #expect(refused.err.contains("did you mean 'seed'"))
        #expect(!refused.err.contains("Fatal") && !refused.err.contains("Backtrace"))
        let missing = try run(["validate", "/no/such/file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("/no/such/file.yaml:1:1: cannot open the scenario: no such file"))
    }

    @Test("sim --json is byte-identical for the same seed, and --runs reports mean and standard error")
    func simJSON() throws {
        let a = try run(["sim", "scenarios/default.yaml", "--json", "--seed", "42", "--until", "6h"])
        let b = try run(["sim", "scenarios/default.yaml", "--json", "--seed", "42", "--until", "6h"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.out == b.out)
        #expect(a.out.contains("\"simulated_hours\": 6,"))
        let c = try run(["sim", "scenarios/default.yaml", "--json", "--seed", "43", "--until", "6h"])
        #expect(c.out != a.out)
        let runs = try run(["sim", "default", "--runs", "3", "--until", "4h"])
        #expect(runs.status == 0)
        #expect(runs.out.contains(" ± "))
    }

    @Test("sim --runs on every core says the same as on one, figure for figure")
    func replicationsOnEveryCore() throws {
        let one = try run(["sim", "default", "--runs", "5", "--until", "6h", "--json", "--cores", "1"])
        let many = try run(["sim", "default", "--runs", "5", "--until", "6h", "--json", "--cores", "4"])
        #expect(one.status == 0 && many.status == 0)
        #expect(one.out == many.out)
        #expect(one.out.contains("\"runs\": 5"), "\(one.out.prefix(300))")
        #expect(!many.err.contains("replications done"), "no progress line when standard error is not a terminal")
        let bad = try run(["sim", "default", "--runs", "2", "--cores", "0"])
        #expect(bad.status != 0 && bad.err.contains("--cores must be a whole number from 1 to 256"))
    }

    @Test("sim refuses bad arguments and bad files with a message, not a trace")
    func simErrors() throws {
        let until = try run(["sim", "default", "--until", "forever"])
        #expect(until.status != 0)
        #expect(until.err.contains("'--until <until>': 'forever' is not a duration; expected such as 90m, 14h or 30d"))
        let nothing = try run(["sim", "default", "--until", "0m"])
        #expect(nothing.status != 0 && nothing.err.contains("--until must be more than nothing"))
        let trainee = try run(["run", "--trainee", "   "])
        #expect(trainee.status != 0 && trainee.err.contains("--trainee takes the trainee's name (1 to 60 characters)"))
        let bad = try temporaryFile("name: x\nstart: 2026-11-27 18:00\nduration: -1h\n")
        defer { try? FileManager.default.removeItem(atPath: (bad as NSString).deletingLastPathComponent) }
        let file = try run(["sim", bad])
        #expect(file.status == 2)
        #expect(file.err.contains("\(bad):3:11: duration '-1h' is not a duration"))
    }
}
