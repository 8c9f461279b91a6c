package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.dynastream.examples.s3ingest.DynamoDbTableWriter.Backoff;
import io.github.dynastream.testkit.Theories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The backoff between BatchWriteItem calls: exponential ceilings with full jitter, as AWS recommends
 * for retries that many clients make at once. The random source is given, so the waits are exact.
 */
class BackoffTest {
    private static final Backoff BACKOFF = Backoff.of(8, Duration.ofMillis(50), Duration.ofMillis(300));

    @Test
    void eachWaitIsTheDrawnFractionOfACeilingThatDoublesUpToTheLongest() {
        List<Double> fractions = new ArrayList<>(List.of(0.5, 0.25, 0.75, 0.0, 0.1));
        Backoff backoff = BACKOFF.withRandom(() -> fractions.remove(0));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(backoff::ceilingBeforeRetry))
                .containsExactly(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300));
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(backoff::delayBeforeRetry))
                .containsExactly(
                        Duration.ofMillis(25),
                        Duration.ofMillis(25),
                        Duration.ofMillis(150),
                        Duration.ZERO,
                        Duration.ofMillis(30));
    }

    @Test
    void theWaitStaysBelowItsCeilingForEveryFraction() {
        Theories.qt(500)
                .forAll(integers().between(1, 40), doubles().fromZeroToOne())
                .assuming((retry, fraction) -> fraction < 1)
                .checkAssert((retry, fraction) -> {
                    Duration ceiling = BACKOFF.ceilingBeforeRetry(retry);
                    Duration wait = BACKOFF.withRandom(() -> fraction).delayBeforeRetry(retry);

                    assertThat(ceiling).isEqualTo(Duration.ofMillis(Math.min(300, 50L << Math.min(retry - 1, 10))));
                    assertThat(wait).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(ceiling);
                });
    }

    @Test
    void theDefaultRandomSourceDrawsDifferentWaitsWithinTheCeiling() {
        List<Duration> waits = IntStream.range(0, 200)
                .mapToObj(i -> BACKOFF.delayBeforeRetry(3))
                .toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(200)));
        // 200 draws from ThreadLocalRandom that are all equal would be no jitter at all
        assertThat(waits.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void aRandomSourceOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> BACKOFF.withRandom(() -> 1.0).delayBeforeRetry(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the backoff's random source must draw from [0, 1) but drew [1.0]");
        assertThatThrownBy(() -> BACKOFF.withRandom(() -> -0.1).delayBeforeRetry(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drew [-0.1]");
        assertThatThrownBy(() -> BACKOFF.withRandom(() -> Double.NaN).delayBeforeRetry(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drew [NaN]");
    }
}
