import Distributions
import Foundation
import Simulation

/// Writes CSV logs drawn from known behaviour parameters, so that a fit can be checked against
/// the truth: a request-level file (one row per turn, MODEL.md's token flow with explicit
/// caching) and a thread-level file carrying each thread's outcome.
///
/// Each thread is one attempt. Per thread: `T = 1 + NegativeBinomial(r, mean - 1)`, `u` and `o`
/// from their laws, `h` from a beta law, `s` constant; per turn the fresh input and output are
/// the thread's `u` and `o` times a mean-one lognormal noise of CV `turnNoise`. Turn `k` sends
/// `c_k = s + Σ_{j<=k} fresh_j + Σ_{j<k} out_j`; the re-sent part `c_{k-1}` is read from the cache
/// with rate `h`, the rest is written to it. Developers start threads on weekdays only, each
/// with their own mean (gamma across developers, CV `developerCV`) and negative-binomial days.
/// Same seed, same bytes.
public struct SyntheticLogs: Sendable {
    public var model = "claude-sonnet-4-5"
    public var turnsMean = 12.0
    public var turnsDispersion = 2.0
    /// Lognormal u: median and log-sd.
    public var freshMedian = 900.0
    public var freshSigma = 0.8
    /// Gamma o: shape and scale.
    public var outputShape = 2.0
    public var outputScale = 150.0
    public var baseContext = 12_000.0
    public var hitAlpha = 18.0
    public var hitBeta = 2.0
    public var oneShotRate = 0.6
    public var offTheRailsRate = 0.05
    public var developers = 6
    public var weekdays = 30
    public var threadsPerDay = 3.0
    public var dayDispersion = 3.0
    public var developerCV = 0.3
    public var turnNoise = 0.3
    /// Compaction as Claude Code does it, off when nil: when a turn's context would pass this
    /// many tokens, the conversation so far is replaced by a summary of `compactionSummary`
    /// tokens after the base context, and that turn reads only the base context from the cache.
    /// MODEL.md's form has no such step; logs with it check that a fit still reproduces their
    /// totals.
    public var compactionWindow: Double?
    public var compactionSummary = 4_000.0
    /// The first day (a Monday): 2025-09-01.
    public var start = Date(timeIntervalSince1970: 1_756_684_800)
    public var seed: UInt64 = 7

    public init() {}

    /// The two files' contents: requests, then thread outcomes.
    public func render() throws -> (requests: String, outcomes: String) {
        var rng = RandomStream(seed: seed)
        let turnsLaw = try NegativeBinomial(mean: turnsMean - 1, dispersion: turnsDispersion)
        let fresh = try Lognormal(mu: log(freshMedian), sigma: freshSigma)
        let output = try Gamma(shape: outputShape, scale: outputScale)
        let hit = try Beta(alpha: hitAlpha, beta: hitBeta)
        let noiseSigma = turnNoise > 0 ? log1p(turnNoise * turnNoise).squareRoot() : 0
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var requests =
            "thread_id,turn_index,timestamp,model,developer,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens\n"
        var outcomes =
            "thread_id,started_at,developer,model,turns,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,outcome\n"
        var thread = 0
        for d in 0..<developers {
            let name = "dev\(d + 1)"
            let own =
                developerCV > 0
                ? threadsPerDay
                    * (try Gamma(shape: 1 / (developerCV * developerCV), scale: developerCV * developerCV)).sample(using: &rng)
                : threadsPerDay
            let day = try NegativeBinomial(mean: max(own, 1e-9), dispersion: dayDispersion)
            var weekday = 0, offset = 0
            while weekday < weekdays {
                let date = start.addingTimeInterval(Double(offset) * 86_400)
                offset += 1
                // 2025-09-01 is a Monday: offsets 5 and 6 of every week are the weekend.
                if offset % 7 == 6 || offset % 7 == 0 { continue }
                weekday += 1
                let count = Int(day.sample(using: &rng))
                for i in 0..<count {
                    thread += 1
                    let id = "s\(thread)"
                    let started = date.addingTimeInterval(9 * 3600 + Double(i) * 1_200 + Double(d) * 60)
                    let T = 1 + Int(turnsLaw.sample(using: &rng))
                    let u = fresh.sample(using: &rng), o = output.sample(using: &rng), h = hit.sample(using: &rng)
                    var context = baseContext, previous = 0.0, previousOut = 0.0
                    var sums = (read: Int64(0), write: Int64(0), out: Int64(0))
                    for k in 1...T {
                        func noisy(_ x: Double) -> Double {
                            noiseSigma > 0 ? x * exp(noiseSigma * rng.standardNormal() - noiseSigma * noiseSigma / 2) : x
                        }
                        let f = noisy(u).rounded(), out = max(1, noisy(o).rounded())
                        context += f + (k > 1 ? previousOut : 0)
                        var resent = k > 1 ? previous : 0
                        if let window = compactionWindow, k > 1, context > window {
                            context = baseContext + compactionSummary + f
                            resent = baseContext
                        }
                        let read = (h * resent).rounded()
                        let write = context - read
                        let stamp = formatter.string(from: started.addingTimeInterval(Double(k) * 30))
                        requests += "\(id),\(k),\(stamp),\(model),\(name),0,\(Int64(read)),\(Int64(write)),\(Int64(out))\n"
                        sums.read += Int64(read); sums.write += Int64(write); sums.out += Int64(out)
                        previous = context
                        previousOut = out
                    }
                    let r = rng.uniform()
                    let outcome =
                        r < offTheRailsRate
                        ? "abandoned"
                        : (r < AttemptOutcome.successCut(offTheRails: offTheRailsRate, oneShot: oneShotRate)
                            ? "success" : "failure")
                    outcomes +=
                        "\(id),\(formatter.string(from: started)),\(name),\(model),\(T),0,\(sums.read),\(sums.write),\(sums.out),\(outcome)\n"
                }
            }
        }
        return (requests, outcomes)
    }

    /// Writes `requests.csv` and `outcomes.csv` into `directory`.
    public func write(to directory: String) throws {
        let (r, o) = try render()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try r.write(toFile: (directory as NSString).appendingPathComponent("requests.csv"), atomically: true, encoding: .utf8)
        try o.write(toFile: (directory as NSString).appendingPathComponent("outcomes.csv"), atomically: true, encoding: .utf8)
    }
}
