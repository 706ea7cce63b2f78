import Foundation

/// The JSON object Claude Code writes to a statusline command's standard input, the parts
/// tokencast keeps: the session, its model and project, Claude Code's own cost figure and
/// token totals, and (Claude Code 2.1.80 and later, subscribers only) the plan's windows.
///
/// ```json
/// {"session_id": "...", "model": {"id": "claude-opus-4-6", "display_name": "Opus 4.6"},
///  "workspace": {"current_dir": "/home/dev/app"}, "cost": {"total_cost_usd": 0.42},
///  "rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 1738425600},
///                  "seven_day": {"used_percentage": 41.2, "resets_at": 1738857600}}}
/// ```
/// `rate_limits` is null or missing for API users; per-model weekly gauges
/// (`seven_day_opus`, `seven_day_sonnet`) are kept under their own names.
public struct StatuslineInput: Sendable, Hashable {
    public var sessionID: String
    public var modelID: String?
    public var modelName: String?
    public var project: String?
    public var sessionCostUSD: Double?
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var windows: [Window]

    /// One gauge of `rate_limits`.
    public struct Window: Sendable, Hashable {
        /// `five_hour`, `seven_day`, `seven_day_opus`...
        public var name: String
        public var minutes: Int
        public var usedPercent: Double
        public var resetsAt: Date?
    }

    /// Why an input was refused: said in the statusline log, never on the editor's line.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads the input.
    /// - Throws: ``Malformed`` for anything but a JSON object with a non-empty `session_id`
    ///   (a field of the wrong type is a malformed input too: nothing is recorded from it).
    public init(json data: Data) throws(Malformed) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let preview = String(decoding: data.prefix(60), as: UTF8.self)
            throw Malformed(reason: "not JSON (\(data.count) bytes, starting '\(preview)')")
        }
        guard let root = object as? [String: Any] else { throw Malformed(reason: "not a JSON object") }
        guard let session = root["session_id"] as? String, !session.isEmpty else {
            throw Malformed(reason: "no session_id string")
        }
        sessionID = session
        let model = root["model"] as? [String: Any]
        modelID = model?["id"] as? String
        modelName = model?["display_name"] as? String
        project = (root["workspace"] as? [String: Any])?["current_dir"] as? String ?? root["cwd"] as? String
        let cost = root["cost"] as? [String: Any]
        sessionCostUSD = try Self.number(cost?["total_cost_usd"], "cost.total_cost_usd", nonNegative: true)
        let context = root["context_window"] as? [String: Any]
        inputTokens = try Self.count(context?["total_input_tokens"], "context_window.total_input_tokens")
        outputTokens = try Self.count(context?["total_output_tokens"], "context_window.total_output_tokens")
        windows = []
        switch root["rate_limits"] {
        case nil, is NSNull: break
        case let limits as [String: Any]:
            for name in limits.keys.sorted() {
                guard let gauge = limits[name] as? [String: Any] else { continue }
                let minutes: Int
                if name == "five_hour" {
                    minutes = 300
                } else if name.hasPrefix("seven_day") {
                    minutes = 10_080
                } else {
                    continue  // a gauge this version does not know: not guessed at
                }
                guard let used = try Self.number(gauge["used_percentage"], "rate_limits.\(name).used_percentage") else {
                    continue
                }
                guard (0...1_000).contains(used) else {
                    throw Malformed(reason: "rate_limits.\(name).used_percentage is \(used), not a percentage")
                }
                windows.append(
                    Window(name: name, minutes: minutes, usedPercent: used, resetsAt: try Self.date(gauge["resets_at"], name)))
            }
        default: throw Malformed(reason: "rate_limits is not an object")
        }
    }

    static func number(_ value: Any?, _ name: String, nonNegative: Bool = false) throws(Malformed) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        // JSON true/false comes back as an NSNumber of type char or bool: not a count.
        guard let n = value as? NSNumber, !["c", "B"].contains(String(cString: n.objCType)) else {
            throw Malformed(reason: "\(name) is not a number")
        }
        let x = n.doubleValue
        guard x.isFinite, !nonNegative || x >= 0 else { throw Malformed(reason: "\(name) is \(x)") }
        return x
    }

    /// A token count: a whole number from 0 to ``TokenCounts/maxLogged``, as the importers take.
    static func count(_ value: Any?, _ name: String) throws(Malformed) -> Int64? {
        guard let x = try number(value, name, nonNegative: true) else { return nil }
        guard x <= Double(TokenCounts.maxLogged) else { throw Malformed(reason: "\(name) is \(x), above any real count") }
        return Int64(x)
    }

    /// `resets_at`: Unix seconds (what Claude Code sends), or an ISO 8601 time.
    static func date(_ value: Any?, _ name: String) throws(Malformed) -> Date? {
        if let text = value as? String {
            guard let d = Timestamp.parse(text) else { throw Malformed(reason: "rate_limits.\(name).resets_at '\(text)'") }
            return d
        }
        guard let seconds = try number(value, "rate_limits.\(name).resets_at", nonNegative: true) else { return nil }
        // Milliseconds would put the reset tens of thousands of years ahead.
        let unix = seconds > 1e11 ? seconds / 1000 : seconds
        // 2001 to 2100: anything else is not a reset time, and would overflow date arithmetic.
        guard (978_307_200...4_102_444_800).contains(unix) else {
            throw Malformed(reason: "rate_limits.\(name).resets_at \(seconds) is not a time between 2001 and 2100")
        }
        return Date(timeIntervalSince1970: unix)
    }
}
