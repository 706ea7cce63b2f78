// Tests: DistributionError.swift
import Distributions
import TestSupport
import Testing

@Suite struct DistributionSpecTests {
    @Test func buildsEveryKindFromEveryParameterSet() throws {
        let values: [String: Double] = [
            "mu": 1, "sigma": 0.5, "mean": 0.4, "sd": 0.2, "median": 3, "p90": 9, "shape": 2, "scale": 3,
            "rate": 0.5, "r": 2, "p": 0.3, "dispersion": 4, "alpha": 2, "beta": 3, "min": 1, "max": 5,
            "mode": 2, "value": 7,
        ]
        for (kind, sets) in DistributionSpec.accepted where kind != "empirical" {
            for names in sets {
                var parameters = Dictionary(uniqueKeysWithValues: names.map { ($0, values[$0]!) })
                if kind == "negative_binomial", names == ["mean", "sd"] { parameters["sd"] = 2 }
                let law = try DistributionSpec(kind: kind, parameters: parameters).make()
                #expect(law.mean.isFinite, "\(kind) \(names)")
            }
        }
    }

    @Test func mapsParametersToTheRightInitialiser() throws {
        let law = try DistributionSpec(kind: "lognormal", parameters: ["median": 12, "p90": 40]).make()
        #expect(law as? Lognormal == (try Lognormal(median: 12, p90: 40)))
        let pert = try DistributionSpec(kind: "pert", parameters: ["min": 1, "mode": 2, "max": 9]).make()
        #expect(pert as? PERT == (try PERT(min: 1, mode: 2, max: 9)))
        let nb = try DistributionSpec(kind: "negative_binomial", parameters: ["mean": 5, "dispersion": 2]).make()
        #expect(nb as? NegativeBinomial == (try NegativeBinomial(mean: 5, dispersion: 2)))
        let floored = try DistributionSpec(kind: "floored_lognormal", parameters: ["mu": 3, "sigma": 0.6]).make()
        #expect(floored as? FlooredLognormal == (try FlooredLognormal(mu: 3, sigma: 0.6)))
        let empirical = try DistributionSpec(kind: "empirical", parameters: [:], values: [2, 1]).make()
        #expect(empirical as? Empirical == (try Empirical(values: [1, 2])))
    }

    @Test(arguments: ["discrete_lognormal", "discretized_lognormal", "discretised_lognormal"])
    func acceptsDiscretisedLognormalSpellings(kind: String) throws {
        let law = try DistributionSpec(kind: kind, parameters: ["mu": 1, "sigma": 1]).make()
        #expect(law is DiscretisedLognormal)
    }

    @Test func suggestsKnownKinds() {
        expectError(
            .unknownKind("lognormel", suggestions: ["lognormal"]),
            "unknown distribution kind 'lognormel': did you mean 'lognormal'?"
        ) { _ = try DistributionSpec(kind: "lognormel", parameters: [:]).make() }
        expectError(
            .unknownKind("weibull", suggestions: []),
            "unknown distribution kind 'weibull': use one of bernoulli, beta, constant, discretised_lognormal, empirical, floored_lognormal, gamma, lognormal, negative_binomial, pert, poisson, uniform"
        ) { _ = try DistributionSpec(kind: "weibull", parameters: [:]).make() }
    }

    @Test func suggestsKnownParameters() {
        expectError(
            .unknownParameter(kind: "lognormal", name: "sigam", suggestion: "sigma"),
            "lognormal has no parameter 'sigam': did you mean 'sigma'?"
        ) { _ = try DistributionSpec(kind: "lognormal", parameters: ["mu": 1, "sigam": 2]).make() }
        expectError(
            .unknownParameter(kind: "poisson", name: "lambda", suggestion: nil),
            "poisson has no parameter 'lambda': use mean"
        ) { _ = try DistributionSpec(kind: "poisson", parameters: ["lambda": 2]).make() }
        expectError(
            .unknownParameter(kind: "gamma", name: "values", suggestion: nil),
            "gamma has no parameter 'values': use mean, rate, scale, sd or shape"
        ) { _ = try DistributionSpec(kind: "gamma", parameters: ["shape": 1, "scale": 1], values: [1]).make() }
    }

    @Test func namesTheAcceptedParameterSets() {
        expectError(
            .missingParameters(
                kind: "lognormal", given: ["median"], accepted: [["mu", "sigma"], ["mean", "sd"], ["median", "p90"]]),
            "lognormal needs the parameters {mu, sigma}, {mean, sd} or {median, p90}, but was given {median}: give exactly one of these sets"
        ) { _ = try DistributionSpec(kind: "lognormal", parameters: ["median": 3]).make() }
        expectError(
            .missingParameters(kind: "gamma", given: ["mean", "scale", "sd"], accepted: DistributionSpec.accepted["gamma"]!),
            "gamma needs the parameters {shape, scale}, {shape, rate} or {mean, sd}, but was given {mean, scale, sd}: give exactly one of these sets"
        ) { _ = try DistributionSpec(kind: "gamma", parameters: ["mean": 3, "sd": 1, "scale": 2]).make() }
    }

    @Test func passesOnTheLawsOwnErrors() {
        expectError(
            .quantilesOutOfOrder(lower: "median", lowerValue: 12, upper: "p90", upperValue: 5),
            "p90 (5) must be above the median (12): raise p90 or lower the median"
        ) { _ = try DistributionSpec(kind: "lognormal", parameters: ["median": 12, "p90": 5]).make() }
        expectError(.emptyData, "empirical needs at least one value: list the observed values under values") {
            _ = try DistributionSpec(kind: "empirical", parameters: [:]).make()
        }
    }
}
