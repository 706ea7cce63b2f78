import Dispatch
import Foundation
import SyntheticData
import ThreadStore

/// Issue 14's scale figures: an organisation panel of 10,000 developers x 365 days x 5 models
/// (`SyntheticOrganisation`, three known profiles) written to a scratch store, then
/// `tokencast fit org --write` on it and `tokencast forecast` of the scenario it wrote, each run
/// as a user runs it (a child process), with its wall time and its own peak resident memory
/// (wait4's rusage of that child alone: getrusage(RUSAGE_CHILDREN) would report the largest
/// child so far, which may be numpy's run). Goals: the fit under 30 s and 1 GB, the forecast
/// under 5 s.
///
/// Writing the panel is set-up, not timed as the fit, but its rate is printed.
func orgScaleFigures(developers: Int = 10_000, days: Int = 365) -> [String: Any] {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tokencast")
        .path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        return ["skipped": "tokencast not built next to tokencast-bench"]
    }
    // TOKENCAST_BENCH_ORG_DIR keeps the panel between runs (writing it takes over a minute), for
    // profiling the fit and the forecast alone; by default a temporary directory, removed after.
    let kept = ProcessInfo.processInfo.environment["TOKENCAST_BENCH_ORG_DIR"]
    let temp =
        kept.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-org-\(getpid())")
    defer { if kept == nil { try? FileManager.default.removeItem(at: temp) } }
    do {
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        let db = temp.appendingPathComponent("org.db").path
        var organisation = SyntheticOrganisation(
            profiles: [
                .init(share: 0.6, activeDayProbability: 0.55, spendPerActiveDay: 12),
                .init(share: 0.3, activeDayProbability: 0.8, spendPerActiveDay: 45),
                .init(share: 0.1, activeDayProbability: 0.9, spendPerActiveDay: 160),
            ], developers: developers, firstDay: 20_454, days: days)  // 2026-01-01, a Thursday
        organisation.teams = ["platform", "product", "data", "mobile", "infra"]
        organisation.models = [
            ("claude-sonnet-4-5", 0.45), ("claude-opus-4-5", 0.2), ("claude-haiku-4-5", 0.1), ("gpt-5", 0.15),
            ("gpt-5-mini", 0.1),
        ]
        organisation.seed = 2026

        // Written in batches of 100,000 rows, each with the mark, as an importer writes them.
        let reuse = kept != nil && FileManager.default.fileExists(atPath: db)
        let store = try ThreadStore(path: db)
        var batch: [OrgUsageRow] = []
        batch.reserveCapacity(100_000)
        var rows = 0
        let mark = OrgImportMark(
            source: "bench", origin: "synthetic", resumeDay: "2026-12-31", latestEvent: nil, importedAt: Date())
        let writeSeconds = try seconds {
            if reuse {
                rows = try store.orgUsageTotals(source: "bench").rows
                return
            }
            try organisation.forEachRow { row in
                batch.append(
                    OrgUsageRow(
                        user: row.user, day: OrgUsageRow.day(daysSinceEpoch: Int64(row.day)), model: row.model, team: row.team,
                        requests: Int64(row.requests),
                        inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, spendUSD: row.spend))
                if batch.count == 100_000 {
                    try store.writeOrgUsage(batch, source: "bench", mark: mark)
                    rows += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try store.writeOrgUsage(batch, source: "bench", mark: mark)
            rows += batch.count
        }
        let scenario = temp.appendingPathComponent("org.yaml").path
        let fit = try measureChild(
            binary,
            [
                "fit", "org", "--store", db, "--write", scenario, "--format", "json", "--out",
                temp.appendingPathComponent("fit.json").path,
            ])
        var figures: [String: Any] = [
            "developers": developers, "days": days, "models": organisation.models.count, "panel_rows": rows,
            // A kept panel was not written this run: no write rate.
            "panel_write_rows_per_second": reuse ? "kept from an earlier run" : (Double(rows) / writeSeconds).rounded(),
            "fit_command": "tokencast fit org --store PANEL --write org.yaml",
            "fit_seconds": (fit.seconds * 1000).rounded() / 1000,
            "fit_peak_rss_megabytes": (fit.peakMegabytes * 10).rounded() / 10,
            "fit_exit_status": Int(fit.status), "goal_fit_seconds": 30, "goal_fit_megabytes": 1024,
        ]
        if fit.status == 0 {
            let forecast = try measureChild(
                binary,
                ["forecast", scenario, "--format", "json", "--quiet", "--out", temp.appendingPathComponent("forecast.json").path])
            figures["forecast_command"] = "tokencast forecast org.yaml (the fitted scenario's own trials)"
            figures["forecast_seconds"] = (forecast.seconds * 1000).rounded() / 1000
            figures["forecast_peak_rss_megabytes"] = (forecast.peakMegabytes * 10).rounded() / 10
            figures["forecast_exit_status"] = Int(forecast.status)
            figures["goal_forecast_seconds"] = 5
        }
        return figures
    } catch {
        return ["error": "\(error)"]
    }
}

/// A child's exit status, wall time and peak resident memory (its own, from wait4).
struct ChildMeasurement {
    var status: Int32
    var seconds: Double
    var peakMegabytes: Double
}

enum ChildError: Error, CustomStringConvertible {
    case spawn(String, Int32)
    var description: String {
        switch self {
        case .spawn(let path, let code): "could not start \(path): errno \(code)"
        }
    }
}

/// Runs `path` with `arguments` (standard output and error discarded) and waits for it.
func measureChild(_ path: String, _ arguments: [String]) throws -> ChildMeasurement {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    let code = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard code == 0 else { throw ChildError.spawn(path, code) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    // WEXITSTATUS, written out: the macro is not imported into Swift.
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildMeasurement(status: exitStatus, seconds: elapsed, peakMegabytes: Double(usage.ru_maxrss) / 1024)
}
