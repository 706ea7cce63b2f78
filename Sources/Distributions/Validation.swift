/// Parameter checks shared by the initialisers; each throws the case naming the broken rule.
enum Check {
    static func finite(_ name: String, _ value: Double) throws(DistributionError) {
        guard value.isFinite else { throw .notFinite(parameter: name, value: value) }
    }

    static func positive(_ name: String, _ value: Double) throws(DistributionError) {
        try finite(name, value)
        guard value > 0 else { throw .nonPositive(parameter: name, value: value) }
    }

    static func nonNegative(_ name: String, _ value: Double) throws(DistributionError) {
        try finite(name, value)
        guard value >= 0 else { throw .negative(parameter: name, value: value) }
    }

    static func probability(_ name: String, _ value: Double) throws(DistributionError) {
        try finite(name, value)
        guard value >= 0, value <= 1 else {
            throw .probabilityOutsideUnitInterval(parameter: name, value: value)
        }
    }
}

/// z such that Φ(z) = 0.9.
let normalQuantile90 = 1.2815515655446004
/// log(sqrt(2π)).
let logSqrtTwoPi = 0.91893853320467274178
