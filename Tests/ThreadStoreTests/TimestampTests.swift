import Foundation
import Testing

@testable import ThreadStore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-10-02T09:14:03.512Z", 1_759_396_443.512),
        ("2025-10-02T09:14:03Z", 1_759_396_443),
        ("2025-10-02T11:14:03+02:00", 1_759_396_443),
        ("2025-10-02T04:14:03-0500", 1_759_396_443),
        ("2025-10-02", 1_759_363_200),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func parsesISO8601(text: String, seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: ["", "yesterday", "2025-13-01", "2025-10-02T25:00:00Z", "2025-10-02T09:14:03Q", "2025/10/02"])
    func rejectsOtherText(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
