import Foundation
import Reports
import Testing

@Suite struct CountdownTests {
    @Test func minutesHoursAndDays() {
        #expect(Countdown.text(-5) == "0m")
        #expect(Countdown.text(59) == "0m")
        #expect(Countdown.text(45 * 60) == "45m")
        #expect(Countdown.text(2 * 3600 + 5 * 60) == "2h05m")
        #expect(Countdown.text(3 * 86_400 + 4 * 3600 + 59 * 60) == "3d4h")
        // An absurd reset time prints instead of trapping on the conversion to Int.
        #expect(Countdown.text(.infinity) == "694d10h")
    }
}
