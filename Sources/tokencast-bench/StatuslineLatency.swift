import Dispatch
import Foundation
import ThreadStore

/// The latency of `tokencast statusline` as Claude Code sees it: a spawned release process,
/// its JSON on standard input, its one line read back, against a store of realistic size (60
/// days of a heavy user, about 500 requests a day in sessions of working hours, imported as
/// CSV request rows).
///
/// Runs `runs` times after a few warm-up runs and gives the median and P99 in milliseconds of
/// wall time and of the child's CPU time, beside `tokencast --version` spawned the same way (the
/// floor: process start, dynamic linking, the Swift runtime) and the load average, because on a
/// shared machine the wall time is mostly waiting for a core. The goal (issue 13) is under 30 ms
/// at P99.
func statuslineLatencyFigures(runs: Int = 200) throws -> [String: Any]? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tokencast")
        .path
    guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
    let temp = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-statusline-\(getpid())")
    try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: temp) }

    // The history: 60 days before `now`, 8 sessions a day of 60 requests each, 9:00 to 19:00.
    // Relative to the real clock: the statusline runs without --now, as Claude Code runs it.
    let now = Date()
    let formatter = ISO8601DateFormatter()
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var csv = "thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens\n"
    var requests = 0
    for day in 1...60 {
        let dayStart = now.addingTimeInterval(-Double(day) * 86_400 - 3600)
        for session in 0..<8 {
            var t = dayStart.addingTimeInterval(Double(session) * 4_500 + next() * 1_800)
            for turn in 1...60 {
                t = t.addingTimeInterval(5 + next() * 40)
                let model = next() < 0.8 ? "claude-sonnet-4-5-20250929" : "claude-haiku-4-5-20251001"
                csv += "d\(day)s\(session),\(turn),\(formatter.string(from: t)),\(model),"
                csv += "\(Int(20 + next() * 200)),\(Int(next() * 60_000)),\(Int(next() * 4_000)),\(Int(50 + next() * 900))\n"
                requests += 1
            }
        }
    }
    let csvPath = temp.appendingPathComponent("history.csv").path
    try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
    let db = temp.appendingPathComponent("threads.db").path
    _ = try CSVImporter(store: try ThreadStore(path: db)).importFile(at: csvPath)

    let resets = Int(now.timeIntervalSince1970) + 9_000
    let input = Data(
        """
        {"session_id":"bench-session","transcript_path":"/home/dev/.claude/projects/app/bench-session.jsonl",
         "cwd":"/home/dev/app","model":{"id":"claude-sonnet-4-5-20250929","display_name":"Sonnet 4.5"},
         "workspace":{"current_dir":"/home/dev/app","project_dir":"/home/dev/app"},"version":"2.1.90",
         "cost":{"total_cost_usd":1.37,"total_duration_ms":2460000},
         "context_window":{"total_input_tokens":152340,"total_output_tokens":45210},
         "rate_limits":{"five_hour":{"used_percentage":35,"resets_at":\(resets)},
                        "seven_day":{"used_percentage":17,"resets_at":\(resets + 400_000)}}}
        """.utf8)
    var line = ""
    /// One spawned run: wall milliseconds, and the child's CPU milliseconds (user + system),
    /// which a loaded machine does not inflate.
    ///
    /// Spawned with posix_spawn, as Node (Claude Code) spawns it: Foundation's `Process` adds
    /// about 50 ms of its own on Linux (measured: `--version` 69 ms through it, 20 ms from a
    /// shell), which would hide the command's own time.
    func once(_ arguments: [String] = ["statusline", "--db", db]) throws -> (wall: Double, cpu: Double) {
        func childCPU() -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        }
        let cpu0 = childCPU()
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchSpawnError(reason: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        let t0 = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw BenchSpawnError(reason: "posix_spawn failed: \(spawned)")
        }
        input.withUnsafeBytes { raw in _ = write(toChild[1], raw.baseAddress, raw.count) }
        close(toChild[1])
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fromChild[0], &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        close(fromChild[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        if arguments.first == "statusline" { line = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines) }
        return (ms, childCPU() - cpu0)
    }
    for _ in 0..<5 { _ = try once() }
    var wall: [Double] = [], cpu: [Double] = [], floor: [Double] = []
    for _ in 0..<runs {
        let t = try once()
        wall.append(t.wall)
        cpu.append(t.cpu)
        // The floor on this machine: starting the same binary and printing its version.
        floor.append(try once(["--version"]).wall)
    }
    func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return (sorted[min(Int((p * Double(sorted.count - 1)).rounded()), sorted.count - 1)] * 100).rounded() / 100
    }
    var load = [Double](repeating: 0, count: 3)
    _ = getloadavg(&load, 3)
    return [
        "command": "tokencast statusline --db STORE (spawned, JSON on stdin)", "runs": runs, "store_requests": requests,
        "median_ms": quantile(wall, 0.5), "p99_ms": quantile(wall, 0.99), "max_ms": quantile(wall, 1),
        "cpu_median_ms": quantile(cpu, 0.5), "cpu_p99_ms": quantile(cpu, 0.99),
        "version_median_ms": quantile(floor, 0.5), "version_p99_ms": quantile(floor, 0.99),
        "load_average_1min": (load[0] * 100).rounded() / 100, "goal_p99_ms": 30, "line": line,
    ]
}

/// A spawn that failed in the latency bench.
struct BenchSpawnError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "statusline bench: \(reason)" }
}
