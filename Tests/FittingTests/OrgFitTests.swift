// Tests: OrgPanel.swift, SyntheticOrganisation.swift
import Fitting
import SyntheticData
import Testing

@Suite struct OrgFitTests {
    /// 2026-01-05, a Monday.
    static let monday = 20458

    static func truth() -> [SyntheticOrganisation.Profile] {
        [
            .init(share: 0.5, activeDayProbability: 0.35, spendPerActiveDay: 6),
            .init(share: 0.35, activeDayProbability: 0.7, spendPerActiveDay: 30),
            .init(share: 0.15, activeDayProbability: 0.9, spendPerActiveDay: 140),
        ]
    }

    static func panel(_ org: SyntheticOrganisation) -> OrgPanel {
        var panel = OrgPanel()
        for r in org.rows() {
            panel.add(user: r.user, team: r.team, day: r.day, model: r.model, requests: r.requests, spend: r.spend)
        }
        return panel
    }

    @Test func calendarArithmetic() {
        #expect(OrgCalendar.weekday(Self.monday) == 0)
        #expect(OrgCalendar.day(iso: "2026-01-05") == Self.monday)
        #expect(OrgCalendar.day(iso: "2026-02-30") == nil)
        #expect(OrgCalendar.month(Self.monday) == "2026-01")
        #expect(OrgCalendar.startOfNextMonth(Self.monday) == Self.monday + 27)
        #expect(OrgCalendar.workingDays(Self.monday, Self.monday + 13) == 10)
    }

    @Test func recoversKnownProfilesWithinTheirIntervals() throws {
        let truth = Self.truth()
        let org = SyntheticOrganisation(profiles: truth, developers: 300, firstDay: Self.monday, days: 120)
        let fit = try OrgFit.fit(Self.panel(org), replicates: 60, seed: 7)
        #expect(fit.profiles.count == 3, "BIC: \(fit.bic)")
        guard fit.profiles.count == 3 else { return }
        let assigned = org.assignments()
        for (p, t) in truth.enumerated() {
            let f = fit.profiles[p]
            let heads = assigned.filter { $0 == p }.count
            // Head counts are counted, not estimated: assignment must be near exact.
            #expect(abs(f.developers - heads) <= 3, "\(f.name): \(f.developers) vs \(heads)")
            // Weekend days count as active days at a tenth of the weekday rate: 5.2 a week.
            #expect(
                f.activeDayProbability.contains(t.activeDayProbability * 5.2 / 5),
                "\(f.name) active-day probability \(f.activeDayProbability) vs \(t.activeDayProbability)")
            #expect(
                f.spendPerActiveDay.contains(t.spendPerActiveDay),
                "\(f.name) spend per active day \(f.spendPerActiveDay) vs \(t.spendPerActiveDay)")
            #expect(f.share.contains(Double(heads) / Double(assigned.count)))
            #expect(f.spendPerActiveDay.low < f.spendPerActiveDay.high)
        }
        #expect(fit.teamMix["platform"]?["claude-sonnet-4-5"].map { abs($0 - 0.7) < 1e-9 } == true)
        #expect(fit.weekdayShare.count == 7 && fit.weekdayShare[0] > 5 * fit.weekdayShare[6])
    }

    @Test func oneProfileWhenTheOrganisationIsHomogeneous() throws {
        let org = SyntheticOrganisation(
            profiles: [.init(share: 1, activeDayProbability: 0.6, spendPerActiveDay: 20)], developers: 150,
            firstDay: Self.monday, days: 90)
        let fit = try OrgFit.fit(Self.panel(org), replicates: 20, seed: 3)
        #expect(fit.profiles.count == 1, "BIC: \(fit.bic)")
        #expect(fit.profiles.first?.name == "typical")
    }

    @Test func adoptionCountsNewDevelopersByMonth() throws {
        var org = SyntheticOrganisation(profiles: Self.truth(), developers: 60, firstDay: Self.monday, days: 120)
        org.hiresPerMonth = 8
        let fit = try OrgFit.fit(Self.panel(org), replicates: 10, seed: 3)
        #expect(fit.adoption.values.reduce(0, +) == fit.developers)
        #expect((fit.adoption["2026-01"] ?? 0) >= 60)
        #expect(fit.adoption.count >= 4)
    }

    @Test func tooFewDevelopersIsAnError() {
        var panel = OrgPanel()
        panel.add(user: "a", team: "t", day: Self.monday, model: "m", requests: 1, spend: 1)
        #expect(throws: FittingError.tooFewDevelopers(found: 0, minimum: 10)) { try OrgFit.fit(panel) }
        #expect(throws: FittingError.organisationPanelEmpty) { try OrgFit.fit(OrgPanel()) }
    }
}
