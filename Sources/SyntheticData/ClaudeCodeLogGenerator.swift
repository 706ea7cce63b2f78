import Foundation

/// Writes synthetic but realistic Claude Code logs, for benchmarks and tests.
///
/// Each session is a user prompt followed by turns of: an assistant response written as two
/// lines (a text block and a tool-use block, the first a streaming partial with lower output),
/// then a user line carrying a tool result of 0.5-12 kB. Token counts follow the baseline model
/// (context grows each turn, mostly served from cache). Same seed, same bytes.
public struct ClaudeCodeLogGenerator: Sendable {
    public var seed: UInt64
    public var model = "claude-sonnet-4-5-20250929"

    public init(seed: UInt64 = 1) { self.seed = seed }

    /// Writes session files of about 8 MB each under `directory/<project>/` until `bytes` are
    /// written.
    /// - Returns: the bytes written and the number of distinct requests (responses) in them.
    @discardableResult
    public func write(bytes target: Int64, to directory: String) throws -> (bytes: Int64, requests: Int) {
        var rng = SplitMix(state: seed)
        let projectDir = (directory as NSString).appendingPathComponent("-home-dev-bench")
        try FileManager.default.createDirectory(atPath: projectDir, withIntermediateDirectories: true)
        var written: Int64 = 0
        var requests = 0
        var session = 0
        let filler = Array(
            "lorem ipsum dolor sit amet, consectetur adipiscing elit; func main() { print(\"x\") } "
                .utf8)
        func text(_ count: Int) -> String {
            var bytes = [UInt8]()
            bytes.reserveCapacity(count)
            var i = Int(rng.next() % UInt64(filler.count))
            while bytes.count < count { bytes.append(filler[i % filler.count]); i += 1 }
            return String(decoding: bytes, as: UTF8.self)
        }
        var clock = Date(timeIntervalSince1970: 1_759_400_000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        while written < target {
            session += 1
            let sessionID = String(format: "%08x-0000-4000-8000-%012x", session, rng.next() % 0xFFFF_FFFF_FFFF)
            var out = Data()
            func emit(_ object: [String: Any]) throws {
                out.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
                out.append(0x0A)
            }
            func base(_ type: String) -> [String: Any] {
                clock += Double(rng.next() % 20_000) / 1000
                return [
                    "parentUuid": String(rng.next(), radix: 16), "isSidechain": false, "userType": "external",
                    "cwd": "/home/dev/bench", "sessionId": sessionID, "version": "2.0.14", "gitBranch": "main",
                    "type": type, "uuid": String(rng.next(), radix: 16), "timestamp": formatter.string(from: clock),
                ]
            }
            var user = base("user")
            user["message"] = ["role": "user", "content": text(400)]
            try emit(user)
            var context = 14_000 + Int(rng.next() % 4000)
            while out.count < 8 << 20, Int64(out.count) + written < target {
                requests += 1
                let output = 50 + Int(rng.next() % 600)
                let fresh = 200 + Int(rng.next() % 3000)
                let messageID = "msg_01\(String(rng.next(), radix: 36))"
                let requestID = "req_011\(String(rng.next(), radix: 36))"
                for (partial, block) in [(true, "text"), (false, "tool_use")] {
                    var line = base("assistant")
                    line["requestId"] = requestID
                    let content: [String: Any] =
                        block == "text"
                        ? ["type": "text", "text": text(300 + Int(rng.next() % 900))]
                        : [
                            "type": "tool_use", "id": "toolu_\(requests)", "name": "Read",
                            "input": ["file_path": "/home/dev/bench/Sources/file\(requests % 50).swift"],
                        ]
                    line["message"] =
                        [
                            "id": messageID, "type": "message", "role": "assistant", "model": model,
                            "content": [content], "stop_reason": NSNull(), "stop_sequence": NSNull(),
                            "usage": [
                                "input_tokens": 4, "cache_creation_input_tokens": fresh, "cache_read_input_tokens": context,
                                "cache_creation": ["ephemeral_5m_input_tokens": fresh, "ephemeral_1h_input_tokens": 0],
                                "output_tokens": partial ? output / 3 : output, "service_tier": "standard",
                            ] as [String: Any],
                        ] as [String: Any]
                    try emit(line)
                }
                var result = base("user")
                result["message"] =
                    [
                        "role": "user",
                        "content": [
                            [
                                "type": "tool_result", "tool_use_id": "toolu_\(requests)",
                                "content": text(500 + Int(rng.next() % 12_000)),
                            ]
                        ],
                    ] as [String: Any]
                result["toolUseResult"] = ["type": "text", "file": ["numLines": 120]] as [String: Any]
                try emit(result)
                context += fresh + output
                if context > 180_000 { context = 20_000 }
            }
            let path = (projectDir as NSString).appendingPathComponent("\(sessionID).jsonl")
            try out.write(to: URL(fileURLWithPath: path))
            written += Int64(out.count)
        }
        return (written, requests)
    }
}

/// SplitMix64: a small seedable generator, enough for synthetic logs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
