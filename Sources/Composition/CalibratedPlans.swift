import Fitting
import Foundation
import Pricing
import Scenario
import ThreadStore

/// A scenario's plans with the allowances the user's own rate-limit snapshots measured.
///
/// `tokencast calibrate --plan NAME` stores, per window type, the API-equivalent dollars of the
/// observed token mix that fill the window. A plan of the scenario (in `plans:` or a team
/// profile's seat) whose name matches a calibration's plan label, and whose vendor is the one
/// whose tool logged the snapshots, gets that window's allowance in dollars and the label
/// "calibrated from N snapshots"; windows without a calibration keep their figure, labelled
/// "estimate" when the catalog estimated it. Calibrations without a plan label are not applied:
/// allowances differ by tier, so a measurement of one tier says nothing of another.
public enum CalibratedPlans {
    /// Applies the newest matching calibrations of `store`; returns how many plans changed.
    @discardableResult
    public static func apply(to scenario: inout Scenario, store: ThreadStore) throws -> Int {
        let calibrations = try store.calibrations().compactMap { try? PlanCalibration.decode($0.payload) }
        guard !calibrations.isEmpty else { return 0 }
        var changed = 0
        for i in scenario.plans.indices {
            if let p = calibrated(scenario.plans[i], calibrations) {
                scenario.plans[i] = p
                changed += 1
            }
        }
        if var team = scenario.team {
            for i in team.profiles.indices {
                if let seat = team.profiles[i].seatPlan, let p = calibrated(seat, calibrations) {
                    team.profiles[i].seatPlan = p
                    changed += 1
                }
            }
            scenario.team = team
        }
        return changed
    }

    /// The plan with its calibrated windows, or nil when no calibration is of it.
    /// `calibrations` are newest first (as the store lists them).
    static func calibrated(_ plan: Plan, _ calibrations: [PlanCalibration]) -> Plan? {
        let mine = calibrations.filter { c in
            guard let label = c.plan, slug(label) == slug(plan.name) else { return false }
            let openAI = c.source.contains("codex")
            return plan.vendor.lowercased().contains("openai") == openAI
        }
        var out = plan
        var parts: [String] = []
        var allMeasured = true
        for (minutes, name) in [(300, "5-hour"), (10080, "weekly")] {
            let has = minutes == 300 ? plan.allowance5h != nil : plan.allowanceWeekly != nil
            guard has else { continue }
            if let c = mine.first(where: { $0.windowMinutes == minutes }), let dollars = c.dollarAllowance, dollars > 0,
                dollars.isFinite
            {
                if minutes == 300 { out.allowance5h = .usd(dollars) } else { out.allowanceWeekly = .usd(dollars) }
                parts.append("\(name) \(c.label)")
            } else {
                parts.append("\(name) \(plan.limitsAreEstimates ? "estimate" : "published")")
                if plan.limitsAreEstimates { allMeasured = false }
            }
        }
        guard parts.contains(where: { $0.contains("calibrated") }) else { return nil }
        out.allowanceBasis = parts.joined(separator: "; ")
        out.limitsAreEstimates = !allMeasured
        return out
    }

    /// Lower-case letters and digits only: "ChatGPT Plus", "chatgpt-plus" and "chatgpt_plus" agree.
    static func slug(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
