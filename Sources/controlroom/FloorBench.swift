import DispatchEngine
import FloorLink
import Foundation
import Histogram
import Journal
import PostgresLink

/// `bench --floor N`: a floor process and N headless consoles (supervisors' seats, so no call
/// rings for them), each adding a line to an open incident's record every 2 s. Measured: from
/// an action sent to its acknowledgement, and to it being in every other console's world; the
/// floor's CPU and memory; actions acknowledged but missing from the journal. With
/// `--floor-kill S`, the floor is killed (-9) after S seconds and resumed: consoles reconnect.
/// With `--floor-journal postgres://...` the journal is in PostgreSQL; with `--floor-takeovers N`
/// too, a standby follows and the acting floor is killed every 10 s, N times, a new standby
/// started each time: each takeover timed, to the standby's socket and to its first acknowledgement.
/// With `--floor-tls` the consoles join over TCP with TLS on loopback, the floor on 127.0.0.1 and
/// its standby on 127.0.0.2, each console showing a certificate from the bench's own authority.
enum FloorBench {
    final class Figures: @unchecked Sendable {
        let lock = NSLock()
        var ack = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var visible = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var sent: [String: UInt64] = [:]
        var acknowledged: Set<String> = []
        var notAcknowledged = 0
        var seenBy: [String: Int] = [:]
        var reconnected = 0
        /// The last kill of the acting floor, and the first acknowledgement after it.
        var killedAt: UInt64 = 0
        var firstAckAfterKill: UInt64?
    }

    static func run(consoles: Int, seconds: Double, killAfter: Double?, database: String?, takeovers: Int, tls: Bool, binary: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("floor-bench-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sockets = [folder + "/floor.sock", folder + "/floor-b.sock"]
        let socket = sockets[0]
        let journal = database.map { $0 + "?schema=bench_\(getpid())" } ?? folder + "/floor.journal"
        defer { if database != nil { dropSchema(journal) } }
        // Over TLS: an authority of the bench's own, one console certificate for every console (no
        // roster: each joins under its own name), and a port on each of two loopback addresses.
        var certificate: ConsoleCertificate?
        var listen: [String: String] = [:]
        if tls {
            do {
                let authority = try FloorAuthority.create(folder: folder + "/authority", name: "bench authority")
                let file = folder + "/console.pem"
                try SecretFile.create(file, authority.issue("bench", for: .console, notBefore: Date() - 60, notAfter: Date() + 86_400).bundle(authority: authority.certificate))
                certificate = try ConsoleCertificate.load(file)
            } catch {
                print("floor bench: the bench's certificates could not be made: \(error)"); return
            }
            listen[sockets[0]] = "tls://127.0.0.1:\(FloorAddress.freePort(on: "127.0.0.1"))"
            listen[sockets[1]] = "tls://127.0.0.2:\(FloorAddress.freePort(on: "127.0.0.2"))"
        }
        let floors = tls ? sockets.map { listen[$0]! } : sockets
        let joinAt = (takeovers > 0 ? floors : [floors[0]]).joined(separator: ",")
        func startFloor(_ arguments: [String], on socket: String = socket, log: String? = nil, waiting: Bool = true) -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["floor"] + arguments + ["--socket", socket] + (listen[socket].map { ["--listen", $0, "--authority", folder + "/authority"] } ?? [])
            p.environment = ["XDG_STATE_HOME": folder + "/state", "HOME": folder, "PATH": "/usr/bin:/bin"]
            // A log of the bench's own, in its own folder (never a path given from outside).
            var output = FileHandle.nullDevice
            if let log, log.hasPrefix(folder + "/"), FileManager.default.createFile(atPath: log, contents: nil),
               let handle = FileHandle(forWritingAtPath: log) { output = handle }
            p.standardOutput = output
            p.standardError = output
            try! p.run()
            let deadline = Date(timeIntervalSinceNow: 30)
            while waiting && !FloorClient.answers(socket) && Date() < deadline { usleep(20_000) }
            return p
        }
        /// A standby on `socket`, once it follows the session.
        func startStandby(on socket: String) -> Process {
            let log = socket + ".log"
            let p = startFloor(["standby", "--journal", journal, "--name", "standby on \((socket as NSString).lastPathComponent)"],
                               on: socket, log: log, waiting: false)
            let deadline = Date(timeIntervalSinceNow: 60)
            while Date() < deadline, !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("following the floor") { usleep(20_000) }
            return p
        }
        var floor = startFloor(["start", "default", "--journal", journal])
        var standby = takeovers > 0 ? startStandby(on: sockets[1]) : nil
        var acting = 0
        var takeoverTimes: [Double] = [], firstAcks: [Double] = []
        let figures = Figures()
        var sessions: [FloorSession] = []
        for i in 0..<consoles {
            let name = "console-\(i + 1)"
            guard let s = try? FloorSession.join(path: joinAt, name: name, seat: "supervisor", certificate: certificate) else {
                print("floor bench: console \(i + 1) could not join"); floor.terminate(); return
            }
            s.onAction = { action in
                guard action.person != name, case .command(.addNote(_, let text)) = action.action else { return }
                let now = DispatchTime.now().uptimeNanoseconds
                figures.lock.lock()
                if let at = figures.sent[text] {
                    figures.visible.record((now - at) / 1000)
                    figures.seenBy[text, default: 0] += 1
                }
                figures.lock.unlock()
            }
            sessions.append(s)
        }
        let startCPU = cpu(floor.processIdentifier)
        let started = Date()
        let group = DispatchGroup()
        for (i, s) in sessions.enumerated() {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var sequence = 0
                // Spread over the 2 s, so the floor sees a steady 30 actions a second, not bursts.
                var next = Date(timeInterval: 2.0 * Double(i) / Double(consoles), since: started)
                var wasLost = false
                while Date().timeIntervalSince(started) < seconds {
                    _ = s.pump(waiting: max(0.001, min(0.05, next.timeIntervalSinceNow)))
                    if s.lost != nil { wasLost = true; usleep(50_000); continue }
                    if wasLost { wasLost = false; figures.lock.lock(); figures.reconnected += 1; figures.lock.unlock() }
                    guard Date() >= next else { continue }
                    next = next.addingTimeInterval(2)
                    guard let incident = s.floor.world.openIncident(sequence) else { continue }
                    sequence += 1
                    let text = "bench \(i + 1)-\(sequence)"
                    let at = DispatchTime.now().uptimeNanoseconds
                    figures.lock.lock(); figures.sent[text] = at; figures.lock.unlock()
                    let answer = s.act(.command(.addNote(incident, text)))
                    let took = (DispatchTime.now().uptimeNanoseconds - at) / 1000
                    figures.lock.lock()
                    switch answer {
                    case .done, .refused:
                        figures.ack.record(took)
                        figures.acknowledged.insert(text)
                        let now = DispatchTime.now().uptimeNanoseconds
                        if figures.killedAt > 0, figures.firstAckAfterKill == nil, at > figures.killedAt { figures.firstAckAfterKill = now }
                    case .notTaken, .asks:
                        figures.notAcknowledged += 1
                    }
                    figures.lock.unlock()
                }
            }
        }
        var peakRSS = 0
        var killed = false
        var resumedCPU = 0.0
        var killedCPU = 0.0
        var lastKill = started
        while group.wait(timeout: .now() + 0.5) == .timedOut {
            peakRSS = max(peakRSS, rss(floor.processIdentifier))
            if takeovers > 0, takeoverTimes.count < takeovers, Date().timeIntervalSince(lastKill) >= 10, let follower = standby {
                // The acting floor killed; timed to the standby's socket answering, and to the
                // first action it acknowledges.
                lastKill = Date()
                let killedAt = DispatchTime.now().uptimeNanoseconds
                figures.lock.lock(); figures.killedAt = killedAt; figures.firstAckAfterKill = nil; figures.lock.unlock()
                kill(floor.processIdentifier, SIGKILL)
                floor.waitUntilExit()
                let other = sockets[1 - acting]
                let deadline = Date(timeIntervalSinceNow: 60)
                while !FloorClient.answers(other) && Date() < deadline { usleep(2_000) }
                takeoverTimes.append(Double(DispatchTime.now().uptimeNanoseconds - killedAt) / 1e9)
                while Date() < deadline {
                    figures.lock.lock(); let first = figures.firstAckAfterKill; figures.lock.unlock()
                    if let first { firstAcks.append(Double(first - killedAt) / 1e9); break }
                    usleep(5_000)
                }
                floor = follower
                standby = takeoverTimes.count < takeovers ? startStandby(on: sockets[acting]) : nil
                acting = 1 - acting
            }
            if let killAfter, !killed, Date().timeIntervalSince(started) >= killAfter {
                killed = true
                killedCPU = cpu(floor.processIdentifier) - startCPU
                kill(floor.processIdentifier, SIGKILL)
                floor.waitUntilExit()
                floor = startFloor(["resume", journal])
                resumedCPU = cpu(floor.processIdentifier)
            }
        }
        let wall = Date().timeIntervalSince(started)
        let usedCPU = killed ? killedCPU + cpu(floor.processIdentifier) - resumedCPU : cpu(floor.processIdentifier) - startCPU
        for s in sessions { s.leave() }
        floor.terminate()
        floor.waitUntilExit()
        if let standby { standby.terminate(); standby.waitUntilExit() }
        // Every acknowledged action must be in the journal, by its person.
        var inJournal: Set<String> = []
        if let j = try? Journal.open(at: journal, readOnly: true), let actions = try? j.actions() {
            for a in actions { if case .command(.addNote(_, let text)) = a.action { inJournal.insert(text) } }
        }
        let lost = figures.acknowledged.subtracting(inJournal).count
        let everywhere = figures.seenBy.values.filter { $0 >= consoles - 1 }.count
        func ms(_ h: Histogram<UInt64>, _ q: Double) -> String { String(format: "%.1f ms", Double(h.valueAtPercentile(q)) / 1000) }
        print("floor: \(consoles) consoles, each acting every 2 s, for \(Int(wall)) s" + (killed ? ", the floor killed (-9) at \(Int(killAfter!)) s and resumed" : "")
              + (database != nil ? "; the journal in PostgreSQL" : "; the journal in SQLite")
              + (tls ? "; consoles over TLS on loopback" : "; consoles on the Unix socket"))
        print("  actions acknowledged          \(figures.acknowledged.count) (not acknowledged: \(figures.notAcknowledged))")
        print("  action to acknowledgement     median \(ms(figures.ack, 50)), p99 \(ms(figures.ack, 99)), max \(ms(figures.ack, 100))")
        print("  action to every other console median \(ms(figures.visible, 50)), p99 \(ms(figures.visible, 99)), max \(ms(figures.visible, 100))"
              + " (\(everywhere) of \(figures.sent.count) seen by all \(consoles - 1))")
if takeovers == 0 { print("  floor CPU                     \(String(format: "%.1f", usedCPU / wall * 100)) % of one core; peak memory \(peakRSS / 1024) MB") }
        print("  acknowledged, not in journal  \(lost)")
        if killed { print("  consoles back in their seats  \(figures.reconnected) of \(consoles)") }
        if !takeoverTimes.isEmpty {
            func said(_ times: [Double]) -> String {
                let sorted = times.sorted()
                return String(format: "median %.2f s, worst %.2f s", sorted[sorted.count / 2], sorted.last!)
            }
            print("  takeovers by the standby      \(takeoverTimes.count) (the acting floor killed -9 every 10 s)")
            print("  kill to the standby's socket  " + said(takeoverTimes))
            print("  kill to its first acknowledgement " + (firstAcks.isEmpty ? "none" : said(firstAcks) + " (\(firstAcks.count) of \(takeoverTimes.count))"))
        }
    }

    /// The bench's own schema, dropped once it is done.
    static func dropSchema(_ location: String) {
        guard let address = try? PostgresAddress(parsing: location), let link = try? PostgresLink.connect(address) else { return }
        try? link.execute(unsafeSQL: "DROP SCHEMA IF EXISTS \(address.schema) CASCADE")
    }

    /// Seconds of CPU a process has used (user and system), from /proc.
    static func cpu(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident memory in kB, from /proc.
    static func rss(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
}

extension World {
    /// The `k`th open incident, round the list (for the bench's notes).
    func openIncident(_ k: Int) -> IncidentID? {
        let open = (0..<incidents.slots).filter { incidents.record(slot: $0) != nil }
        guard !open.isEmpty else { return nil }
        let slot = open[k % open.count]
        return IncidentID(slot: Int32(slot), generation: incidents.generations[slot])
    }
}
