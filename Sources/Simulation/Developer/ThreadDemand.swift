import Distributions

/// How many threads a developer starts per working day.
///
/// MODEL.md: a negative binomial per day (Poisson with a gamma-distributed intensity), the
/// developer's own mean itself varying across developers of a profile. For one developer's
/// forecast that spread is our uncertainty about which developer of the profile this is.
public struct ThreadDemand: Sendable, Hashable {
    /// Mean threads per working day over developers of the profile.
    public var meanPerDay: Double
    /// Negative-binomial size of the day-to-day count; nil for Poisson days.
    public var dayDispersion: Double?
    /// Coefficient of variation of a developer's own mean across developers; 0 for none.
    public var developerCV: Double

    public init(meanPerDay: Double, dayDispersion: Double? = nil, developerCV: Double = 0) {
        self.meanPerDay = meanPerDay
        self.dayDispersion = dayDispersion
        self.developerCV = developerCV
    }

    /// Draws a developer's own mean threads per day.
    public func drawDeveloperMean(using rng: inout RandomStream) -> Double {
        guard developerCV > 0 else { return meanPerDay }
        let shape = 1 / (developerCV * developerCV)
        return meanPerDay * GammaUnit.draw(shape: shape, using: &rng)
    }

    /// Draws one working day's thread count for a developer whose mean is `mean`.
    public func drawDay(mean: Double, using rng: inout RandomStream) -> Int {
        guard mean > 0 else { return 0 }
        var intensity = mean
        if let r = dayDispersion { intensity *= GammaUnit.draw(shape: r, using: &rng) }
        return PoissonCount.draw(mean: intensity, using: &rng)
    }
}
