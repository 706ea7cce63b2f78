import Dispatch
import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Pricing
import Simulation
import SyntheticData
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

/// The numpy reference's model (scripts/reference_numpy.py, `simulate`'s defaults) with exactly
/// its parameters: turns max(1, floor(X)) with X ~ Lognormal(ln 30, 0.6); u ~ Lognormal(ln 3000,
/// 0.5); o ~ Lognormal(ln 300, 0.5); h ~ Beta(18, 2); s = 20,000; p = 0.6; q = 0.03; at most
/// three attempts; Opus prices as the script gives them, explicit caching, no tier, no window.
///
/// `dependent` adds a Gaussian copula between the draws (rank correlations turns/cache hit
/// +0.6, turns/fresh input -0.5, fresh/output +0.3, the shape real threads show): the same
/// marginals, drawn through normals, one GEMM by the Cholesky factor and the marginal maps.
func referenceModel(dependent: Bool = false) throws -> PricedModel {
    var behaviour = ThreadBehaviour(
        turns: try FlooredLognormal(mu: log(30), sigma: 0.6),
        freshInputPerTurn: try Lognormal(mu: log(3_000), sigma: 0.5),
        outputPerTurn: try Lognormal(mu: log(300), sigma: 0.5),
        cacheHitRate: try Beta(alpha: 18, beta: 2),
        baseContext: try Constant(value: 20_000),
        oneShotRate: 0.6, offTheRailsRate: 0.03, maxAttempts: 3, contextWindow: nil)
    if dependent {
        behaviour.setDependence(
            try DrawDependence(pairs: [
                (.turns, .cacheHitRate, DrawDependence.normalCorrelation(spearman: 0.6)),
                (.turns, .freshInputPerTurn, DrawDependence.normalCorrelation(spearman: -0.5)),
                (.freshInputPerTurn, .outputPerTurn, DrawDependence.normalCorrelation(spearman: 0.3)),
            ]))
    }
    let price = ModelPrice(
        model: "opus (reference_numpy.py)", provider: "anthropic", input: 5e-6, output: 25e-6, cacheRead: 0.5e-6,
        cacheWrite5m: 6.25e-6, cacheWrite1h: 6.25e-6, caching: .explicit)
    return PricedModel(name: "opus", price: price, behaviour: behaviour)
}

/// Workspaces handed to the parts of a run and taken back, so that each worker reuses one as a
/// forecast does (``DeveloperForecaster`` keeps one per chunk of trials): allocating and zeroing
/// a fresh one per part cost 156 instructions per thread at 2,048 threads per part.
final class WorkspacePool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [KernelWorkspace] = []

    func take() -> KernelWorkspace {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? KernelWorkspace()
    }

    func give(_ workspace: KernelWorkspace) {
        lock.lock()
        defer { lock.unlock() }
        free.append(workspace)
    }
}

/// Simulates `threads` threads split over `workers` workers, each on its own substream.
/// `threads` should be a multiple of 64 (the parts); with `costs` (room for `threads` values)
/// every thread's cost is written to it, in part order.
func kernelRun(
    _ model: PricedModel, threads: Int, workers: Int, mode: PricingMode,
    costs: UnsafeMutableBufferPointer<Double>? = nil, seed: UInt64 = 2026
) -> ThreadTotals {
    BLAS.setThreadCount(1)
    let parts = 64
    let slots = UnsafeMutableBufferPointer<ThreadTotals>.allocate(capacity: parts)
    slots.initialize(repeating: ThreadTotals())
    defer { slots.deallocate() }
    nonisolated(unsafe) let out = slots
    let root = RandomStream(seed: seed)
    let perPart = threads / parts
    nonisolated(unsafe) let sink = costs
    let pool = WorkspacePool()
    let run: @Sendable (Int) -> Void = { part in
        var rng = root.substream(UInt64(part))
        var totals = ThreadTotals()
        let workspace = pool.take()
        defer { pool.give(workspace) }
        if let sink {
            var at = part * perPart
            ThreadKernel.simulate(
                model, trial: .nominal(model.behaviour), count: perPart, rng: &rng, workspace: workspace, totals: &totals,
                mode: mode
            ) { batch in
                for c in batch.cost {
                    sink[at] = c
                    at += 1
                }
            }
        } else {
            ThreadKernel.simulate(
                model, trial: .nominal(model.behaviour), count: perPart, rng: &rng, workspace: workspace, totals: &totals,
                mode: mode)
        }
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

// `tokencast-bench profile N [baseline|shifted|reference|dependent [SEED]]`: only the kernel, N
// threads on one core, for valgrind/perf; the baseline model (`shifted`: in a trial that scales
// turns and tokens and shifts the cache hit rate), or the numpy reference's (`dependent`: with
// its copula). Prints the mean cost, attempts and turns per
// attempt, the waste, the token sums to the last digit and a fingerprint of every thread's cost,
// waste, attempts and outcome in order (a check that an optimisation changed no draw and no
// rounding; other seeds, a check of the means).
if (3...5).contains(CommandLine.arguments.count), CommandLine.arguments[1] == "profile", let n = Int(CommandLine.arguments[2]) {
    do {
        let which = CommandLine.arguments.count >= 4 ? CommandLine.arguments[3] : "baseline"
        let seed = CommandLine.arguments.count == 5 ? UInt64(CommandLine.arguments[4]) ?? 2026 : 2026
        let model =
            try which == "reference"
            ? referenceModel() : which == "dependent" ? referenceModel(dependent: true) : baselineModel()
        var trial = TrialBehaviour.nominal(model.behaviour)
        if which == "shifted" {
            trial.turnsScale = 1.3
            trial.tokensScale = 0.9
            trial.cacheHitLogitShift = 0.4
        }
        let t = kernelRun(model, threads: n, workers: 1, mode: .fused, seed: seed)
        // FNV-1a over the bit patterns of every thread's results, one worker, in order.
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        var rng = RandomStream(seed: seed)
        var totals = ThreadTotals()
        ThreadKernel.simulate(
            model, trial: trial, count: n, rng: &rng, workspace: KernelWorkspace(), totals: &totals
        ) { batch in
            for i in batch.cost.indices {
                for v in [batch.cost[i], batch.waste[i], batch.attempts[i], batch.completed[i]] {
                    fingerprint = (fingerprint ^ v.bitPattern) &* 0x100_0000_01b3
                }
            }
        }
        print(
            t.costPerThread, Double(t.attempts) / Double(t.threads), t.turns / Double(t.attempts), t.waste.value, t.tokens,
            totals.cost.value.bitPattern, totals.tokens, String(fingerprint, radix: 16))
    } catch {
        print(error)
    }
    exit(0)
}

/// The case `callgrind-reference` runs: callgrind counts instructions only inside this function
/// (`--toggle-collect`), so start-up and the process's other work are left out.
@inline(never)
func callgrindReferenceCase(_ model: PricedModel, threads: Int) -> ThreadTotals {
    kernelRun(model, threads: threads, workers: 1, mode: .fused)
}

// `tokencast-bench callgrind-reference N`: the numpy reference's model, N threads on one worker,
// for `valgrind --tool=callgrind` (see `instructionsPerThread`); prints the threads simulated.
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "callgrind-reference", let n = Int(CommandLine.arguments[2]) {
    do {
        let dependent = CommandLine.arguments.count >= 4 && CommandLine.arguments[3] == "dependent"
        let t = callgrindReferenceCase(try referenceModel(dependent: dependent), threads: n)
        print(t.threads)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("callgrind-reference: \(error)\n".utf8))
        exit(1)
    }
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

// `tokencast-bench statusline`: only the statusline's latency (see StatuslineLatency.swift).
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "statusline" {
    do {
        let figures = try statuslineLatencyFigures() ?? ["error": "tokencast not built next to tokencast-bench"]
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("statusline: \(error)\n".utf8))
        exit(1)
    }
}

// `tokencast-bench litellm-import`: the PostgreSQL import figure alone (LiteLLMImportBench.swift).
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "litellm-import" {
    let data = try JSONSerialization.data(withJSONObject: litellmImportFigures(), options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    exit(0)
}

// `tokencast-bench org-scale [DEVELOPERS]`: the organisation panel's fit and forecast alone
// (OrgScaleBench.swift).
if (2...3).contains(CommandLine.arguments.count), CommandLine.arguments[1] == "org-scale" {
    let developers = CommandLine.arguments.count == 3 ? Int(CommandLine.arguments[2]) ?? 10_000 : 10_000
    let data = try JSONSerialization.data(
        withJSONObject: orgScaleFigures(developers: developers), options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    exit(0)
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
        ("beta", model.behaviour.cacheHitRate), ("gamma", try Gamma(shape: 2, scale: 1)),
        ("poisson_mean_8", try Poisson(mean: 8)),
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
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tokencast")
        .path
    guard FileManager.default.isExecutableFile(atPath: binary),
        FileManager.default.fileExists(atPath: "scenarios/enterprise-10k.yaml")
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
        "forecast", "scenarios/enterprise-10k.yaml", "--trials", "10000", "--format", "json", "--quiet", "--out", "/dev/null",
    ]
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
do {
    if let statusline = try statuslineLatencyFigures() { figures["statusline_latency"] = statusline }
} catch {
    FileHandle.standardError.write(Data("bench: statusline: \(error)\n".utf8))
}

// Import speed: Claude Code JSONL generated once (deterministic), imported into a fresh store.
do {
    // 1 GB: issue 13's size for the unchanged re-import (its goal: under 1 s).
    let megabytes = Int64(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_IMPORT_MB"] ?? "") ?? 1024
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
    var store: ThreadStore?
    let t = try seconds {
        store = try ThreadStore(path: db)
        report = try store.map { try ClaudeCodeImporter(store: $0).importLogs(at: [dir]) }
    }
    // The same tree again, unchanged: every file's size and position are remembered, so the
    // second run reads no line (what `--refresh` and a watching statusline pay each time).
    var again: ImportReport?
    let t2 = try seconds {
        again = try store.map { try ClaudeCodeImporter(store: $0).importLogs(at: [dir]) }
    }
    figures["reimport_unchanged_seconds"] = (t2 * 1000).rounded() / 1000
    figures["reimport_unchanged_files"] = again?.files ?? 0
    figures["reimport_unchanged_new_requests"] = again?.newRequests ?? 0
    figures["goal_reimport_unchanged_seconds"] = 1
    let bytes = Double(report?.bytes ?? 0)
    figures["import_claude_code_megabytes"] = (bytes / 1_048_576).rounded()
    figures["import_claude_code_megabytes_per_second"] = (bytes / 1_048_576 / t * 10).rounded() / 10
    figures["import_claude_code_requests"] = report?.newRequests ?? 0
} catch {
    FileHandle.standardError.write(Data("bench: import: \(error)\n".utf8))
    exit(1)
}
// Read before the numpy reference's section, whose per-thread costs (16 MB) would otherwise set it.
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
figures["peak_resident_megabytes"] = Double(usage.ru_maxrss) / 1024

// MARK: - The numpy reference, side by side

// After the team forecast: its peak memory is read with getrusage(RUSAGE_CHILDREN), the
// largest of all children so far, and numpy's run of 10 million threads takes about 1.2 GB.

/// Runs `command` with `arguments`, returning its exit status and standard output.
func runProcess(_ command: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The `key=value` pairs of the reference script's output lines, as numbers.
func keyValues(_ text: String) -> [String: Double] {
    var values: [String: Double] = [:]
    for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let parts = field.split(separator: "=", maxSplits: 1)
        if parts.count == 2, let v = Double(parts[1]) { values[String(parts[0])] = v }
    }
    return values
}

/// The figures the reference script prints, in its order.
let summaryKeys = ["mean", "p5", "p50", "p90", "p95", "p99", "waste_share", "success", "attempts"]

/// `x` rounded to `digits` decimals, as the reference script prints its figures.
func rounded(_ x: Double, _ digits: Int) -> Double {
    let scale = pow(10, Double(digits))
    return (x * scale).rounded() / scale
}

/// numpy's default (linear) percentile of sorted values.
func percentile(_ sorted: UnsafeMutableBufferPointer<Double>, _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p / 100
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

/// The exact mean cost of a thread of `model` when no attempt reaches a tier or a window: MODEL.md's
/// closed forms are polynomials in T, u, o, s and linear in h, all independent, and the outcome
/// does not depend on the cost, so E[cost] = E[attempt cost] x E[attempts].
func exactMeanThreadCost(_ model: PricedModel) -> Double {
    let b = model.behaviour, p = model.priceVector
    let t = b.turns.mean, t2 = b.turns.variance + t * t
    let u = b.freshInputPerTurn.mean, o = b.outputPerTurn.mean, h = b.cacheHitRate.mean, base = b.baseContext.mean
    let sent = t * base + u * (t2 + t) / 2 + o * (t2 - t) / 2
    let new = base + u * t + o * (t - 1)
    let miss = model.explicitCache ? p[TokenClass.cacheWrite.rawValue] : p[TokenClass.input.rawValue]
    let attempt =
        new * miss + (sent - new) * (h * p[TokenClass.cacheRead.rawValue] + (1 - h) * miss)
        + o * t * p[TokenClass.output.rawValue]
    return attempt * b.expectedAttempts
}

/// scripts/reference_numpy.py with `threads` threads, best of `repetitions` runs (the figures
/// are the same each time: the seed is fixed). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
/// unset for this command only (they slow numpy on some processors). Nil figures and a reason
/// when python3 or numpy is missing or the script fails.
func numpyReference(threads: Int, repetitions: Int) -> [String: Any] {
    let script = "scripts/reference_numpy.py"
    guard FileManager.default.fileExists(atPath: script) else {
        return ["unavailable": "\(script) not found (run from the repository root)"]
    }
    var best: [String: Double]?
    for _ in 0..<repetitions {
        guard
            let (status, output) = runProcess(
                "/usr/bin/env", ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "python3", script, "\(threads)", "1"])
        else {
            return ["unavailable": "could not start /usr/bin/env python3"]
        }
        let values = keyValues(output)
        guard status == 0, let rate = values["threads_per_s"], values["threads"] == Double(threads),
            summaryKeys.allSatisfy({ values[$0] != nil })
        else {
            return ["unavailable": "python3 \(script) exited with status \(status) (is numpy installed?)"]
        }
        if rate > best?["threads_per_s"] ?? 0 { best = values }
    }
    guard let best else { return ["unavailable": "no runs"] }
    var figures: [String: Any] = [
        "threads_per_second": best["threads_per_s"]!, "seconds": best["seconds"] ?? Double.nan, "cores": 1,
    ]
    for key in summaryKeys { figures[key] = best[key]! }
    return figures
}

/// Instructions per thread of the reference case on one worker: `tokencast-bench
/// callgrind-reference` under `valgrind --tool=callgrind`, counting only inside
/// `callgrindReferenceCase`; the `totals:` (or `summary:`) line's Ir over the threads simulated.
/// Nil when valgrind is not installed or fails.
func instructionsPerThread(threads: Int, dependent: Bool = false) -> [String: Any]? {
    let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let valgrind else { return nil }
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-callgrind-\(getpid()).out").path
    defer { try? FileManager.default.removeItem(atPath: outFile) }
    var binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    // Valgrind 3.19 gives up on the debug info of Swift 6.3's release binaries ("Possibly
    // corrupted debuginfo file"): it runs a copy without it (the symbol table, which
    // --toggle-collect needs, stays).
    let stripped = outFile + ".bin"
    defer { try? FileManager.default.removeItem(atPath: stripped) }
    if let objcopy = ["/usr/bin/objcopy", "/usr/local/bin/objcopy"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
    }),
        let (copied, _) = runProcess(objcopy, ["--strip-debug", binary, stripped]), copied == 0
    {
        binary = stripped
    }
    guard
        let (status, output) = runProcess(
            valgrind,
            [
                "--tool=callgrind", "--callgrind-out-file=\(outFile)", "--collect-atstart=no",
                "--toggle-collect=*callgrindReferenceCase*", binary, "callgrind-reference", "\(threads)",
            ] + (dependent ? ["dependent"] : [])), status == 0,
        let simulated = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)), simulated > 0,
        let text = try? String(contentsOfFile: outFile, encoding: .utf8)
    else { return nil }
    var ir: Double?
    for line in text.split(separator: "\n") where line.hasPrefix("totals:") || line.hasPrefix("summary:") {
        if let v = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) { ir = v }
    }
    guard let ir, ir > 0 else { return nil }
    return [
        "instructions_per_thread": (ir / Double(simulated)).rounded(), "callgrind_threads": simulated,
        "callgrind_instructions": ir,
    ]
}

do {
    let model = try referenceModel()
    // Ten million threads, a multiple of 64 (kernelRun's parts), for both sides: the size of the
    // kernel's own bench and of a forecast-sized batch. At 2 million numpy's arrays (16 MB each)
    // sit partly in the caches and it runs about twice as fast per thread as at 10 million
    // (measured 5.0 against 2.2 M threads/s on a quiet machine), which no real batch sees;
    // tokencast's rate does not depend on the size (batches of 2,048). numpy takes about 5 s a
    // run and 1.2 GB here (1,194,440 KB peak under /usr/bin/time).
    let n = Int(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_REFERENCE_THREADS"] ?? "") ?? 10_000_000
    var reference: [String: Any] = [
        "model":
            "scripts/reference_numpy.py: turns max(1, floor(Lognormal(ln 30, 0.6))), u Lognormal(ln 3000, 0.5), o Lognormal(ln 300, 0.5), h Beta(18, 2), s 20000, p 0.6, q 0.03, 3 attempts, Opus prices, explicit cache",
        "threads": n,
    ]
    let two = best(of: 5) { _ = kernelRun(model, threads: n, workers: 2, mode: .fused) }
    let one = best(of: 3) { _ = kernelRun(model, threads: n, workers: 1, mode: .fused) }
    // The summary from a run of its own (the same threads: the seed is fixed), not timed.
    var costs = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    defer { costs.deallocate() }
    costs.initialize(repeating: 0)
    let totals = kernelRun(model, threads: n, workers: 2, mode: .fused, costs: costs)
    costs.sort()
    var meanSquare = CompensatedSum()
    let mean = totals.costPerThread
    for c in costs { meanSquare.add((c - mean) * (c - mean)) }
    let sd = (meanSquare.value / Double(n - 1)).squareRoot()
    var tokencast: [String: Any] = [
        "threads_per_second": (Double(n) / two).rounded(), "threads_per_second_one_core": (Double(n) / one).rounded(), "cores": 2,
        "mean": rounded(mean, 4), "p5": rounded(percentile(costs, 5), 4), "p50": rounded(percentile(costs, 50), 4),
        "p90": rounded(percentile(costs, 90), 4), "p95": rounded(percentile(costs, 95), 4),
        "p99": rounded(percentile(costs, 99), 4),
        "waste_share": rounded(totals.wasteShare, 4), "success": rounded(Double(totals.completed) / Double(n), 4),
        "attempts": rounded(Double(totals.attempts) / Double(n), 3), "sd": rounded(sd, 4),
    ]
    // Both means against the exact one, in standard errors of a mean of n threads.
    let exact = exactMeanThreadCost(model)
    let standardError = sd / Double(n).squareRoot()
    reference["exact_mean"] = rounded(exact, 4)
    tokencast["mean_standard_errors_from_exact"] = rounded((mean - exact) / standardError, 2)
    let repetitions = Int(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_NUMPY_RUNS"] ?? "") ?? 3
    var numpy = numpyReference(threads: n, repetitions: repetitions)
    if let numpyMean = numpy["mean"] as? Double {
        numpy["mean_standard_errors_from_exact"] = rounded((numpyMean - exact) / standardError, 2)
    }
    reference["numpy"] = numpy
    if let rate = numpy["threads_per_second"] as? Double, let numpyMean = numpy["mean"] as? Double {
        reference["speedup_vs_numpy"] = rounded(Double(n) / two / rate, 2)
        reference["speedup_vs_numpy_one_core"] = rounded(Double(n) / one / rate, 2)
        // Both means are of n independent threads of the same model: the difference's standard
        // error is sd * sqrt(2/n). Within about 2 is Monte Carlo noise.
        reference["mean_difference_standard_errors"] = rounded((mean - numpyMean) / (sd * (2 / Double(n)).squareRoot()), 2)
    }
    let callgrindThreads = Int(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_CALLGRIND_THREADS"] ?? "") ?? 131_072
    if let counted = instructionsPerThread(threads: callgrindThreads) {
        for (key, value) in counted { tokencast[key] = value }
    } else {
        tokencast["instructions_per_thread"] = "unavailable (valgrind missing or failed)"
    }
    reference["tokencast"] = tokencast
    // The same model with dependence on: what the copula costs, side by side.
    let dependentModel = try referenceModel(dependent: true)
    let twoDependent = best(of: 5) { _ = kernelRun(dependentModel, threads: n, workers: 2, mode: .fused) }
    let oneDependent = best(of: 3) { _ = kernelRun(dependentModel, threads: n, workers: 1, mode: .fused) }
    let dependentTotals = kernelRun(dependentModel, threads: n, workers: 2, mode: .fused)
    var dependent: [String: Any] = [
        "threads_per_second": (Double(n) / twoDependent).rounded(),
        "threads_per_second_one_core": (Double(n) / oneDependent).rounded(),
        "mean": rounded(dependentTotals.costPerThread, 4),
        "correlations": "spearman turns/cache_hit_rate +0.6, turns/fresh -0.5, fresh/output +0.3",
    ]
    if let counted = instructionsPerThread(threads: callgrindThreads, dependent: true) {
        for (key, value) in counted { dependent[key] = value }
    } else {
        dependent["instructions_per_thread"] = "unavailable (valgrind missing or failed)"
    }
    if let rate = numpy["threads_per_second"] as? Double {
        reference["speedup_vs_numpy_dependent"] = rounded(Double(n) / twoDependent / rate, 2)
    }
    reference["tokencast_dependent"] = dependent
    figures["reference_numpy_baseline"] = reference
} catch {
    FileHandle.standardError.write(Data("bench: reference: \(error)\n".utf8))
    exit(1)
}

figures["litellm_import"] = litellmImportFigures()
figures["org_scale_10k"] = orgScaleFigures()

let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: data, as: UTF8.self))
