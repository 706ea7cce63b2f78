import Foundation

extension SnapshotStream {
    /// The stream as one Codex rollout (JSONL): a `token_count` line per request with the
    /// cumulative totals, and one per snapshot with `info: null` and the gauge as `primary` (or
    /// `secondary` for a weekly stream), the way Codex logs them. Codex has no cache writes, so
    /// those classes must be 0 in the stream; the model is the stream's only model.
    public func codexRollout(sessionID: String = "0199c0de-0000-7000-8000-00000000ca11") -> String {
        let (requests, snapshots) = generate()
        let model = weights.keys.sorted().first ?? "gpt-5-codex"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func time(_ d: Date) -> String { formatter.string(from: d) }
        var lines: [String] = []
        lines.append(
            #"{"timestamp":"\#(time(start))","type":"session_meta","payload":{"id":"\#(sessionID)","timestamp":"\#(time(start))","cwd":"/home/dev/calibration","originator":"codex_cli_rs","cli_version":"0.60.1"}}"#
        )
        lines.append(
            #"{"timestamp":"\#(time(start))","type":"turn_context","payload":{"cwd":"/home/dev/calibration","model":"\#(model)"}}"#
        )
        var input: Int64 = 0, cached: Int64 = 0, output: Int64 = 0
        let slot = windowMinutes == 10080 ? "secondary" : "primary"
        var r = 0, s = 0
        while r < requests.count || s < snapshots.count {
            // A snapshot at the same instant as a request is logged after it.
            if s >= snapshots.count || (r < requests.count && requests[r].timestamp <= snapshots[s].timestamp) {
                let q = requests[r]
                input += q.tokens[0] + q.tokens[1]
                cached += q.tokens[1]
                output += q.tokens[4]
                lines.append(
                    #"{"timestamp":"\#(time(q.timestamp))","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(input),"cached_input_tokens":\#(cached),"output_tokens":\#(output),"reasoning_output_tokens":0,"total_tokens":\#(input + output)}}}}"#
                )
                r += 1
            } else {
                let p = snapshots[s]
                lines.append(
                    #"{"timestamp":"\#(time(p.timestamp))","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"\#(slot)":{"used_percent":\#(p.usedPercent),"window_minutes":\#(p.windowMinutes),"resets_in_seconds":\#(Int(p.resetsAt.timeIntervalSince(p.timestamp)))}}}}"#
                )
                s += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
