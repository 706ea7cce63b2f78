import Foundation
import LinearAlgebra

/// One input's one-at-a-time swing: mean spend with the input at P10 and at P90, everything
/// else at its base.
public struct InputSwing: Sendable, Hashable {
    public var input: UncertainInput
    /// Mean spend over the horizon with the input at its P10 setting.
    public var low: Double
    /// ... at its P90 setting.
    public var high: Double
    public var swing: Double { abs(high - low) }
}

/// The share of the variance of spend one shared draw explains, from standardised regression.
public struct VarianceShare: Sendable, Hashable {
    public var name: String
    /// The standardised regression coefficient: standard deviations of spend per standard
    /// deviation of the draw.
    public var coefficient: Double
    /// `coefficient²`: the share of the variance of spend this draw explains alone.
    public var share: Double
}

/// The result of `tokencast sensitivity`.
public struct SensitivityResult: Sendable {
    public var trials: Int
    public var seed: UInt64
    /// Mean spend with every input at its base (P50) setting.
    public var base: Double
    /// Inputs whose swing is at least ``materialShare`` of the base, widest first.
    public var material: [InputSwing]
    /// Inputs with a smaller swing ("no material effect").
    public var immaterial: [InputSwing]
    /// Inputs the scenario gives no uncertainty for.
    public var fixed: [UncertainInput]
    public var materialShare: Double
    /// Shares of variance from the full forecast's trials, largest first.
    public var varianceShares: [VarianceShare]
    /// R² of the regression: the share of the variance the shared draws explain together; the
    /// rest is per-thread and per-day chance and the draws' non-linear effects.
    public var rSquared: Double
    public var regressionTrials: Int
    public var elapsedSeconds: Double
}

/// One-at-a-time swings with common random numbers, and variance shares by regression.
///
/// **Swings.** Every input is set to its base (P50, see ``UncertainInput``) and the forecast is
/// run with every uncertainty switched off; then, for each uncertain input in turn, at its P10
/// and at its P90. Every run uses the same seed and trial count, so trial `t` sees the same
/// random numbers in every run (common random numbers) and the differences are due to the
/// input, not to noise. The output is the mean spend over the horizon.
///
/// **Variance shares.** The full forecast (every uncertainty on) records each trial's shared
/// normals and developer mean. Spend is regressed on them (each column and spend standardised)
/// by least squares (LAPACK `dgels`); the squared standardised coefficient of a draw is the
/// share of the variance of spend it explains. The three token laws share one draw
/// (`tokens_cv`), so they share one row here.
///
/// - Complexity: `2k + 1` forecasts of `trials` trials for `k` uncertain inputs, plus one of the
///   full forecast's trials.
public enum SensitivityAnalysis {
    public static func run(
        _ spec: DeveloperForecastSpec, swingTrials: Int, materialShare: Double = 0.01,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(LAPACK.Failure) -> SensitivityResult {
        let started = Date()
        let inputs = UncertainInput.all(in: spec)
        let bases = inputs.map(\.base)
        var fixedRun = spec
        fixedRun.trials = swingTrials
        let base = try DeveloperForecaster.run(
            UncertainInput.fixedSpec(fixedRun, inputs: inputs, settings: bases), progress: progress
        ).annual.mean
        var swings: [InputSwing] = []
        for (k, input) in inputs.enumerated() where !input.isFixed {
            var lo = bases, hi = bases
            lo[k] = input.low
            hi[k] = input.high
            let low = try DeveloperForecaster.run(
                UncertainInput.fixedSpec(fixedRun, inputs: inputs, settings: lo), progress: progress
            ).annual.mean
            let high = try DeveloperForecaster.run(
                UncertainInput.fixedSpec(fixedRun, inputs: inputs, settings: hi), progress: progress
            ).annual.mean
            swings.append(InputSwing(input: input, low: low, high: high))
        }
        swings.sort { $0.swing > $1.swing }
        let threshold = materialShare * abs(base)
        let capture = TrialDrawCapture(trials: spec.trials, modelCount: spec.models.count)
        let full = try DeveloperForecaster.run(spec, capture: capture, progress: progress)
        let (shares, r2) = try varianceShares(spec, inputs: inputs, capture: capture, spend: full.annualByTrial)
        return SensitivityResult(
            trials: swingTrials, seed: spec.seed, base: base,
            material: swings.filter { $0.swing >= threshold }, immaterial: swings.filter { $0.swing < threshold },
            fixed: inputs.filter(\.isFixed), materialShare: materialShare, varianceShares: shares, rSquared: r2,
            regressionTrials: spec.trials, elapsedSeconds: Date().timeIntervalSince(started))
    }

    /// Standardised regression of `spend` on the shared draws that carry uncertainty.
    ///
    /// - Returns: the shares, largest first, and R².
    /// - Complexity: O(trials x k) to standardise the k input columns, then one LAPACK least
    ///   squares solve (QR), O(trials x k²); no simulation.
    public static func varianceShares(
        _ spec: DeveloperForecastSpec, inputs: [UncertainInput], capture: TrialDrawCapture, spend: [Double]
    ) throws(LAPACK.Failure) -> ([VarianceShare], Double) {
        var names: [String] = []
        var columns: [[Double]] = []
        let n = min(capture.trials, spend.count)
        func column(_ name: String, _ value: (Int) -> Double) {
            names.append(name)
            columns.append((0..<n).map(value))
        }
        for (i, m) in spec.models.enumerated() {
            let u = spec.uncertainty[i], o = i * SharedDraws.perModel
            if u.turnsCV > 0 { column("\(m.name) · turns") { capture.normal(trial: $0, o) } }
            if u.tokensCV > 0 { column("\(m.name) · tokens per turn") { capture.normal(trial: $0, o + 1) } }
            if u.cacheHitLogitSD > 0 { column("\(m.name) · cache hit rate") { capture.normal(trial: $0, o + 2) } }
            if u.oneShotSD > 0 { column("\(m.name) · one-shot rate") { capture.normal(trial: $0, o + 3) } }
            if u.offTheRailsSD > 0 { column("\(m.name) · off-the-rails rate") { capture.normal(trial: $0, o + 4) } }
            if spec.pricePaths[i].annualChangeSD > 0 { column("\(m.name) · price change") { capture.normal(trial: $0, o + 5) } }
        }
        if spec.demand.developerCV > 0 { column("threads per day") { log(max(capture.developerMean(trial: $0), 1e-300)) } }
        guard !columns.isEmpty, n > columns.count + 1 else { return ([], 0) }
        let y = standardised(Array(spend.prefix(n)))
        guard y.contains(where: { $0 != 0 }) else { return (names.map { VarianceShare(name: $0, coefficient: 0, share: 0) }, 0) }
        let x = columns.map(standardised)
        var a = Matrix(rows: n, columns: x.count)
        for r in 0..<n { for c in x.indices { a[r, c] = x[c][r] } }
        let beta = try LAPACK.leastSquares(a, y)
        var ssr = 0.0, sst = 0.0
        for r in 0..<n {
            var fit = 0.0
            for c in x.indices { fit += a[r, c] * beta[c] }
            ssr += (y[r] - fit) * (y[r] - fit)
            sst += y[r] * y[r]
        }
        let shares = zip(names, beta).map { VarianceShare(name: $0, coefficient: $1, share: $1 * $1) }.sorted {
            $0.share > $1.share
        }
        return (shares, sst > 0 ? 1 - ssr / sst : 0)
    }

    /// `(v - mean) / sd`; all zeros when `v` is constant.
    static func standardised(_ v: [Double]) -> [Double] {
        guard v.count > 1 else { return v.map { _ in 0 } }
        let m = v.reduce(0, +) / Double(v.count)
        let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        guard sd > 0 else { return v.map { _ in 0 } }
        return v.map { ($0 - m) / sd }
    }
}
