package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowValidatorTest {
    @Test
    void acceptsExactlyTheNumbersDynamoDbStores() {
        for (String fits : List.of(
                "0",
                "-0.000",
                "1E-130",
                "-1E-130",
                "9.9999999999999999999999999999999999999E+125",
                "12345678901234567890123456789012345678",
                "1234567890123456789012345678901234567800000")) {
            assertThat(RowValidator.fitsDynamoDb(new BigDecimal(fits))).as(fits).isTrue();
        }
        for (String doesNot : List.of(
                "1E-131",
                "1E+126",
                "123456789012345678901234567890123456789",
                "1.00000000000000000000000000000000000001")) {
            assertThat(RowValidator.fitsDynamoDb(new BigDecimal(doesNot)))
                    .as(doesNot)
                    .isFalse();
        }
    }

    @Test
    void readsOnlyPlainDecimalNotation() {
        for (String good : List.of("1", "-2.5", "+3", ".5", "5.", " 7 ", "1e5", "2E-3")) {
            List<RowProblem> problems = new ArrayList<>();
            assertThat(RowValidator.value(good, problems)).as(good).isNotNull();
            assertThat(problems).isEmpty();
        }
        for (String bad : List.of("", "NaN", "Infinity", "0x10", "1,5", "1 000", "e5", "1e")) {
            List<RowProblem> problems = new ArrayList<>();
            assertThat(RowValidator.value(bad, problems)).as(bad).isNull();
            assertThat(problems).as(bad).hasSize(1);
        }
        List<RowProblem> problems = new ArrayList<>();
        assertThat(RowValidator.value("1e99999999999", problems)).isNull();
        assertThat(problems)
                .extracting(RowProblem::reason)
                .singleElement()
                .asString()
                .startsWith("is outside");
    }

    @Test
    void acceptsOnlyRealCalendarDates() {
        for (String bad : List.of("2026-02-30", "2026-13-01", "2026-1-5", "20261130", "2026-11-30T10:00:00Z")) {
            List<RowProblem> problems = new ArrayList<>();
            assertThat(RowValidator.date(bad, problems)).as(bad).isNull();
            assertThat(problems).as(bad).hasSize(1);
        }
        assertThat(RowValidator.date("2024-02-29", new ArrayList<>())).hasToString("2024-02-29");
    }
}
