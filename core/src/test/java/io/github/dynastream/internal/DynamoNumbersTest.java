package io.github.dynastream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DynamoDB's number rules, checked on the text alone. */
class DynamoNumbersTest {
    private static final String MAX = "9.9999999999999999999999999999999999999E+125";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-0",
                "0.00",
                "213.00",
                "98.50",
                "-7",
                "+5",
                ".5",
                "5.",
                "1E-130",
                "-1E-130",
                MAX,
                "-" + MAX,
                "0.00000000000000000000000000000000000000000000000000000000001",
                "12345678901234567890123456789012345678",
                "1234567890123456789012345678901234567800000",
                "0.1234567890123456789012345678901234567800",
                "1e0",
                "1E+00",
                "0e999",
                "000000000000000000000000000000000000000000000000000123"
            })
    void acceptsWhatDynamoDbStoresAndKeepsItExactly(String text) {
        assertThat(DynamoNumbers.problem(text)).isNull();
        assertThat(DynamoNumbers.exact(text)).isEqualTo(new BigDecimal(text)).hasScaleOf(new BigDecimal(text).scale());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                "+",
                ".",
                "e5",
                "1e",
                "1e+",
                "1e-",
                "1x",
                "1.2.3",
                "0x10",
                "NaN",
                "Infinity",
                "1 ",
                " 1",
                "1e5.0",
                "--1"
            })
    void rejectsTextThatIsNotADecimalNumber(String text) {
        assertThat(DynamoNumbers.problem(text)).isEqualTo("is not a decimal number");
        assertThat(DynamoNumbers.exact(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1E+126",
                "1E-131",
                "-1e-999999999",
                "1e99999999",
                "1e9999999",
                "1e999999999",
                "1e99999999999999999999",
                "10E+125",
                "0.01E-129"
            })
    void rejectsMagnitudesOutsideDynamoDbsRange(String text) {
        assertThat(DynamoNumbers.problem(text)).contains("outside DynamoDB's number range");
    }

    @Test
    void rejectsMoreThan38SignificantDigitsButNotLeadingOrTrailingZeros() {
        assertThat(DynamoNumbers.problem("1".repeat(39)))
                .isEqualTo("has 39 significant digits; DynamoDB keeps at most 38");
        assertThat(DynamoNumbers.problem("9".repeat(1000))).contains("1000 significant digits");
        assertThat(DynamoNumbers.problem("0.0" + "1".repeat(38) + "000")).isNull();
    }

    @Test
    @Timeout(10)
    void boundsTheCostByTheLengthOfTheText() {
        assertThat(DynamoNumbers.problem("1".repeat(1001))).contains("1001 characters long");
        assertThat(DynamoNumbers.problem("0".repeat(5_000_000) + "1")).contains("characters long");
        assertThat(DynamoNumbers.problem("0e99999999")).contains("zero written with an exponent");
        assertThat(DynamoNumbers.problem("1e" + "9".repeat(990))).contains("outside");
    }

    @Test
    void readsAParsersBufferInPlace() {
        char[] buffer = "xx213.00yy".toCharArray();

        assertThat(DynamoNumbers.exact(buffer, 2, 6))
                .isEqualTo(new BigDecimal("213.00"))
                .hasScaleOf(2);
        assertThat(DynamoNumbers.problem(buffer, 0, 6)).isEqualTo("is not a decimal number");
    }
}
