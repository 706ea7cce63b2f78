import Dispatch
import Distributions
import Foundation
import LinearAlgebra
import Pricing
import Simulation
import ThreadStore

// `make bench`: machine-readable speed figures, one JSON object on stdout.
// Each figure is the best of a few repetitions (the least disturbed by other processes).

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

func best(of repetitions: Int, _ body: () -> Void) -> Double {
    (0..<repetitions).map { _ in seconds(body) }.min() ?? .nan
}

/// MODEL.md's baseline thread: Opus prices, lognormal turns and tokens, beta cache hit, at most
/// three attempts; the base context is a constant, as in the presets (a system prompt and tool
/// definitions do not change from attempt to attempt).
func baselineModel() throws -> PricedModel {
    let behaviour = ThreadBehaviour(
        turns: try DiscretisedLognormal(median: 14, p90: 60),
        freshInputPerTurn: try Lognormal(median: 1_500, p90: 6_000),
        outputPerTurn: try Lognormal(median: 400, p90: 1_500),
        cacheHitRate: try Beta(mean: 0.88, sd: 0.06),
        baseContext: try Constant(value: 16_000),
        oneShotRate: 0.573, offTheRailsRate: 0.024, maxAttempts: 3, contextWindow: 200_000)
    return PricedModel(name: "opus", price: try PriceCatalog.builtIn.price(of: "claude-opus-4-5"), behaviour: behaviour)
}

/// Simulates `threads` threads split over `workers` workers, each on its own substream.
func kernelRun(_ model: PricedModel, threads: Int, workers: Int, mode: PricingMode) -> ThreadTotals {
    BLAS.setThreadCount(1)
    let parts = 64
    let slots = UnsafeMutableBufferPointer<ThreadTotals>.allocate(capacity: parts)
    slots.initialize(repeating: ThreadTotals())
    defer { slots.deallocate() }
    nonisolated(unsafe) let out = slots
    let root = RandomStream(seed: 2026)
    let perPart = threads / parts
    let run: @Sendable (Int) -> Void = { part in
        var rng = root.substream(UInt64(part))
        var totals = ThreadTotals()
        ThreadKernel.simulate(model, trial: .nominal(model.behaviour), count: perPart, rng: &rng, workspace: KernelWorkspace(), totals: &totals, mode: mode)
        out[part] = totals
    }
    if workers == 1 {
        for p in 0..<parts { run(p) }
    } else {
        DispatchQueue.concurrentPerform(iterations: parts, execute: run)
    }
    var sum = ThreadTotals()
    for t in slots { sum.add(t) }
    return sum
}

// `tokencast-bench profile N`: only the kernel, N threads on one core, for valgrind/perf.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "profile", let n = Int(CommandLine.arguments[2]) {
    do {
        let t = kernelRun(try baselineModel(), threads: n, workers: 1, mode: .fused)
        print(t.costPerThread)
    } catch {
        print(error)
    }
    exit(0)
}

// `tokencast-bench generate-logs BYTES DIR`: a synthetic Claude Code log tree of about BYTES
// bytes, for `make size-check` (scripts/size-check.sh).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "generate-logs", let bytes = Int64(CommandLine.arguments[2]) {
    do {
        let written = try ClaudeCodeLogGenerator(seed: 2026).write(bytes: bytes, to: CommandLine.arguments[3])
        print("{\"bytes\": \(written.bytes), \"requests\": \(written.requests)}")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("generate-logs: \(error)\n".utf8))
        exit(1)
    }
}

var figures: [String: Any] = [:]
do {
    let model = try baselineModel()
    let n = 10_000_000
    var check = ThreadTotals()
    let fused = best(of: 3) { check = kernelRun(model, threads: n, workers: 2, mode: .fused) }
    let fusedOne = best(of: 2) { _ = kernelRun(model, threads: n, workers: 1, mode: .fused) }
    let blas = best(of: 3) { _ = kernelRun(model, threads: n, workers: 2, mode: .blas) }
    figures["kernel_threads"] = n
    figures["kernel_threads_per_second"] = (Double(n) / fused).rounded()
    figures["kernel_threads_per_second_one_core"] = (Double(n) / fusedOne).rounded()
    figures["kernel_threads_per_second_blas_pricing"] = (Double(n) / blas).rounded()
    figures["kernel_mean_thread_cost_usd"] = check.costPerThread
    figures["kernel_attempts_per_thread"] = Double(check.attempts) / Double(check.threads)

    // Sampler throughput on one core, for the laws the kernel draws from.
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1 << 20)
    defer { buffer.deallocate() }
    let laws: [(String, any UnivariateDistribution)] = [
        ("lognormal", model.behaviour.freshInputPerTurn), ("discretised_lognormal", model.behaviour.turns),
        ("beta", model.behaviour.cacheHitRate), ("gamma", try Gamma(shape: 2, scale: 1)), ("poisson_mean_8", try Poisson(mean: 8)),
    ]
    var sampling: [String: Double] = [:]
    for (name, law) in laws {
        var rng = RandomStream(seed: 1)
        let t = best(of: 3) { law.fill(buffer, using: &rng) }
        sampling[name] = (Double(buffer.count) / t).rounded()
    }
    figures["samples_per_second_one_core"] = sampling
} catch {
    FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
    exit(1)
}

// MARK: - Team forecast: 10,000 developers, 12 months, 10,000 trials

/// Runs `tokencast forecast scenarios/enterprise-10k.yaml` as a child process and reads its
/// wall time and peak resident memory (getrusage of the children), so the figure covers the
/// whole command: loading, moment tables, simulation and the report.
func teamForecastFigures() -> [String: Any]? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tokencast").path
    guard FileManager.default.isExecutableFile(atPath: binary), FileManager.default.fileExists(atPath: "scenarios/enterprise-10k.yaml") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["forecast", "scenarios/enterprise-10k.yaml", "--trials", "10000", "--format", "json", "--quiet", "--out", "/dev/null"]
    let t0 = DispatchTime.now().uptimeNanoseconds
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return [
        "command": "tokencast forecast scenarios/enterprise-10k.yaml --trials 10000",
        "developers": 10_000, "months": 12, "trials": 10_000,
        "seconds": (elapsed * 1000).rounded() / 1000,
        "peak_rss_megabytes": (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10,
        "exit_status": Int(process.terminationStatus),
    ]
}

if let team = teamForecastFigures() { figures["team_forecast_10k"] = team }

// Import speed: Claude Code JSONL generated once (deterministic), imported into a fresh store.
do {
    let megabytes = Int64(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_IMPORT_MB"] ?? "") ?? 300
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-logs-\(megabytes)mb").path
    let marker = dir + "/.complete"
    if !FileManager.default.fileExists(atPath: marker) {
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try ClaudeCodeLogGenerator(seed: 7).write(bytes: megabytes << 20, to: dir)
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
    }
    let db = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-\(getpid()).db").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
    var report: ImportReport?
    let t = try seconds {
        let store = try ThreadStore(path: db)
        report = try ClaudeCodeImporter(store: store).importLogs(at: [dir])
    }
    let bytes = Double(report?.bytes ?? 0)
    figures["import_claude_code_megabytes"] = (bytes / 1_048_576).rounded()
    figures["import_claude_code_megabytes_per_second"] = (bytes / 1_048_576 / t * 10).rounded() / 10
    figures["import_claude_code_requests"] = report?.newRequests ?? 0
} catch {
    FileHandle.standardError.write(Data("bench: import: \(error)\n".utf8))
    exit(1)
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
figures["peak_resident_megabytes"] = Double(usage.ru_maxrss) / 1024

let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: data, as: UTF8.self))

