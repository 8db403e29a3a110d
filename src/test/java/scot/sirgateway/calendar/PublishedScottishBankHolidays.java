package scot.sirgateway.calendar;

import static java.time.LocalDate.of;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The bank holidays in Scotland as the UK government publishes them (gov.uk/bank-holidays,
 * Scotland), one list per year from 2012 to 2030, written out date by date and never produced by
 * the code under test. One-off changes are included: 2012 spring holiday on 4 June and the Diamond
 * Jubilee on 5 June; 2020 early May holiday on Friday 8 May; 2022 spring holiday on 2 June,
 * Platinum Jubilee on 3 June, State Funeral on 19 September; 2023 coronation on 8 May; 2026 one-off
 * holiday on 15 June. gov.uk publishes up to 2028: 2029 and 2030 are the {@code DOMAIN.md}
 * rules worked out on the calendar, so any one-off holiday proclaimed later is missing from them.
 */
final class PublishedScottishBankHolidays {

    static final Map<Integer, Set<LocalDate>> BY_YEAR = Map.ofEntries(
            Map.entry(2012, Set.of( // 1 Jan Sunday
                    of(2012, 1, 2), of(2012, 1, 3), of(2012, 4, 6), of(2012, 5, 7), of(2012, 6, 4),
                    of(2012, 6, 5), of(2012, 8, 6), of(2012, 11, 30), of(2012, 12, 25), of(2012, 12, 26))),
            Map.entry(2013, Set.of( // St Andrew's Day Saturday
                    of(2013, 1, 1), of(2013, 1, 2), of(2013, 3, 29), of(2013, 5, 6), of(2013, 5, 27),
                    of(2013, 8, 5), of(2013, 12, 2), of(2013, 12, 25), of(2013, 12, 26))),
            Map.entry(2014, Set.of( // St Andrew's Day Sunday
                    of(2014, 1, 1), of(2014, 1, 2), of(2014, 4, 18), of(2014, 5, 5), of(2014, 5, 26),
                    of(2014, 8, 4), of(2014, 12, 1), of(2014, 12, 25), of(2014, 12, 26))),
            Map.entry(2015, Set.of( // Boxing Day Saturday
                    of(2015, 1, 1), of(2015, 1, 2), of(2015, 4, 3), of(2015, 5, 4), of(2015, 5, 25),
                    of(2015, 8, 3), of(2015, 11, 30), of(2015, 12, 25), of(2015, 12, 28))),
            Map.entry(2016, Set.of( // 2 Jan Saturday; Christmas Sunday
                    of(2016, 1, 1), of(2016, 1, 4), of(2016, 3, 25), of(2016, 5, 2), of(2016, 5, 30),
                    of(2016, 8, 1), of(2016, 11, 30), of(2016, 12, 26), of(2016, 12, 27))),
            Map.entry(2017, Set.of( // 1 Jan Sunday
                    of(2017, 1, 2), of(2017, 1, 3), of(2017, 4, 14), of(2017, 5, 1), of(2017, 5, 29),
                    of(2017, 8, 7), of(2017, 11, 30), of(2017, 12, 25), of(2017, 12, 26))),
            Map.entry(2018, Set.of(
                    of(2018, 1, 1), of(2018, 1, 2), of(2018, 3, 30), of(2018, 5, 7), of(2018, 5, 28),
                    of(2018, 8, 6), of(2018, 11, 30), of(2018, 12, 25), of(2018, 12, 26))),
            Map.entry(2019, Set.of( // St Andrew's Day Saturday
                    of(2019, 1, 1), of(2019, 1, 2), of(2019, 4, 19), of(2019, 5, 6), of(2019, 5, 27),
                    of(2019, 8, 5), of(2019, 12, 2), of(2019, 12, 25), of(2019, 12, 26))),
            Map.entry(2020, Set.of( // early May moved to Friday 8 May; Boxing Day Saturday
                    of(2020, 1, 1), of(2020, 1, 2), of(2020, 4, 10), of(2020, 5, 8), of(2020, 5, 25),
                    of(2020, 8, 3), of(2020, 11, 30), of(2020, 12, 25), of(2020, 12, 28))),
            Map.entry(2021, Set.of( // 2 Jan Saturday; Christmas Saturday, Boxing Day Sunday
                    of(2021, 1, 1), of(2021, 1, 4), of(2021, 4, 2), of(2021, 5, 3), of(2021, 5, 31),
                    of(2021, 8, 2), of(2021, 11, 30), of(2021, 12, 27), of(2021, 12, 28))),
            Map.entry(2022, Set.of( // 1 Jan Saturday; spring moved, jubilee, state funeral; Christmas Sunday
                    of(2022, 1, 3), of(2022, 1, 4), of(2022, 4, 15), of(2022, 5, 2), of(2022, 6, 2),
                    of(2022, 6, 3), of(2022, 8, 1), of(2022, 9, 19), of(2022, 11, 30), of(2022, 12, 26),
                    of(2022, 12, 27))),
            Map.entry(2023, Set.of( // 1 Jan Sunday; coronation
                    of(2023, 1, 2), of(2023, 1, 3), of(2023, 4, 7), of(2023, 5, 1), of(2023, 5, 8),
                    of(2023, 5, 29), of(2023, 8, 7), of(2023, 11, 30), of(2023, 12, 25), of(2023, 12, 26))),
            Map.entry(2024, Set.of( // St Andrew's Day Saturday
                    of(2024, 1, 1), of(2024, 1, 2), of(2024, 3, 29), of(2024, 5, 6), of(2024, 5, 27),
                    of(2024, 8, 5), of(2024, 12, 2), of(2024, 12, 25), of(2024, 12, 26))),
            Map.entry(2025, Set.of( // St Andrew's Day Sunday
                    of(2025, 1, 1), of(2025, 1, 2), of(2025, 4, 18), of(2025, 5, 5), of(2025, 5, 26),
                    of(2025, 8, 4), of(2025, 12, 1), of(2025, 12, 25), of(2025, 12, 26))),
            Map.entry(2026, Set.of( // the one-off 15 June; Boxing Day Saturday
                    of(2026, 1, 1), of(2026, 1, 2), of(2026, 4, 3), of(2026, 5, 4), of(2026, 5, 25),
                    of(2026, 6, 15), of(2026, 8, 3), of(2026, 11, 30), of(2026, 12, 25), of(2026, 12, 28))),
            Map.entry(2027, Set.of( // 2 Jan Saturday; Christmas Saturday, Boxing Day Sunday
                    of(2027, 1, 1), of(2027, 1, 4), of(2027, 3, 26), of(2027, 5, 3), of(2027, 5, 31),
                    of(2027, 8, 2), of(2027, 11, 30), of(2027, 12, 27), of(2027, 12, 28))),
            Map.entry(2028, Set.of( // 1 Jan Saturday
                    of(2028, 1, 3), of(2028, 1, 4), of(2028, 4, 14), of(2028, 5, 1), of(2028, 5, 29),
                    of(2028, 8, 7), of(2028, 11, 30), of(2028, 12, 25), of(2028, 12, 26))),
            Map.entry(2029, Set.of( // not yet published
                    of(2029, 1, 1), of(2029, 1, 2), of(2029, 3, 30), of(2029, 5, 7), of(2029, 5, 28),
                    of(2029, 8, 6), of(2029, 11, 30), of(2029, 12, 25), of(2029, 12, 26))),
            Map.entry(2030, Set.of( // not yet published; St Andrew's Day Saturday
                    of(2030, 1, 1), of(2030, 1, 2), of(2030, 4, 19), of(2030, 5, 6), of(2030, 5, 27),
                    of(2030, 8, 5), of(2030, 12, 2), of(2030, 12, 25), of(2030, 12, 26))));

    /** The years whose published list carries a one-off change (an added or a moved holiday). */
    static final Set<Integer> YEARS_WITH_ONE_OFF_CHANGES = Set.of(2012, 2020, 2022, 2023, 2026);

    private PublishedScottishBankHolidays() {
    }
}
