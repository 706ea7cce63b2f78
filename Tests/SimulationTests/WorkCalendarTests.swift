import Testing

@testable import Simulation

@Suite struct WorkCalendarTests {
    @Test func calendarSpreadsWorkingDaysByWeekdays() {
        let c = WorkCalendar.spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 1)
        #expect(c.totalWorkingDays == 230)
        #expect(c.months.first == "2027-01" && c.months.last == "2027-12")
        // 2027 has 261 weekdays; February (20 weekdays) gets 230 * 20 / 261 = 17.6 -> 18.
        #expect(WorkCalendar.weekdayCount(year: 2027, month: 2) == 20)
        #expect(c.workingDays[1] == 18)
    }

    @Test func partialHorizonGetsItsShare() {
        let c = WorkCalendar.spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 11, count: 3)
        #expect(c.months == ["2027-11", "2027-12", "2028-01"])
        // Three months of a 230-day year, rounded: 57.5 -> 58.
        #expect(c.totalWorkingDays == 58)
    }
}
