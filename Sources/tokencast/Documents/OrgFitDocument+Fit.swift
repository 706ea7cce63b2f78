import Fitting
import Reports

extension OrgFitDocument {
    init(_ fit: OrgFit, source: String, scenario: String?, notes: [String]) {
        func e(_ x: OrgEstimate) -> Estimate { Estimate(value: x.value, low: x.low, high: x.high) }
        var heads: [String: Int] = [:]
        for p in fit.profiles { for (t, n) in p.teams { heads[t, default: 0] += n } }
        self.init(
            source: source, firstDay: fit.firstDay, lastDay: fit.lastDay, developers: fit.developers,
            developersFitted: fit.developersFitted, replicates: fit.replicates,
            bic: Dictionary(uniqueKeysWithValues: fit.bic.map { ("\($0.key)", $0.value) }),
            profiles: fit.profiles.map {
                Profile(
                    name: $0.name, developers: $0.developers, headCount: $0.headCount, share: e($0.share),
                    activeDayProbability: e($0.activeDayProbability), spendPerActiveDay: e($0.spendPerActiveDay),
                    requestsPerActiveDay: e($0.requestsPerActiveDay), spendPerWorkingDay: e($0.spendPerWorkingDay),
                    developerCV: $0.developerCV)
            },
            adoption: fit.adoption.sorted { $0.key < $1.key }.map { Count(month: $0.key, developers: $0.value) },
            leavers: fit.leavers.sorted { $0.key < $1.key }.map { Count(month: $0.key, developers: $0.value) },
            monthlyAttrition: fit.monthlyAttrition, weekdayShare: fit.weekdayShare,
            teams: fit.teamMix.keys.sorted().map { Team(name: $0, headCount: heads[$0] ?? 0, modelMix: fit.teamMix[$0] ?? [:]) },
            scenario: scenario, notes: notes)
    }
}
