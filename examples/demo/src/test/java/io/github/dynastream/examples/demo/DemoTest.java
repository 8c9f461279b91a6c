package io.github.dynastream.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's embedded story, as the README's command runs it. */
class DemoTest {

    static String tell(String aws) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(aws, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What both stages tell alike: moto differs only where it does not run TTL. */
    static void assertTheSharedStory(String account) {
        assertThat(account)
                .contains("audit of o-1: INSERT, MODIFY PLACED->PAID")
                .contains("audit of o-2: INSERT, MODIFY PLACED->CANCELLED, REMOVE")
                .contains("INSERT o-4 failed (ItemMappingException: Cannot map attribute NewImage.status")
                .contains("INSERT o-4 failed again, same cause; Lambda retries from it")
                .contains("failure destination: RetryAttemptsExhausted after 3 attempt(s): INSERT o-4")
                .contains("bob: 0 open order(s)")
                .contains("o-2 deleted (tombstone at version 2)")
                .contains("o-1 at version 2")
                .contains("INSERT dave/p-2 failed (IllegalArgumentException: the gateway declines this currency)")
                .contains("dead-lettered by the function: INSERT dave/p-2 (IllegalArgumentException: the gateway"
                        + " declines this currency)")
                .contains("charged: p-1, p-3")
                .contains("INGESTED_WITH_INVALID_ROWS, 3 row(s) written, 1 reported")
                .contains("report: line 4, date: is not an ISO-8601 date")
                .contains("notified: uploads/incoming/daily-totals.csv line 5")
                .endsWith("done.\n");
        assertThat(account.lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception in thread"));
    }

    @Test
    void theEmbeddedStoryTellsWhatEachFunctionDidAndWhatReachedTheFailureDestination() {
        String account = tell("");

        assertThat(account).startsWith("dynastream demo on embedded");
        assertTheSharedStory(account);
        assertThat(account)
                .contains("audit of o-3: INSERT, REMOVE (TTL)")
                .contains("alice: 1 open order(s), 25.00 open total")
                .contains("archive: archive/Orders/2026/01/01/o-3.json");
    }

    @Test
    void anUnknownStageIsNamedInTheError() {
        assertThatThrownBy(() -> tell("kinesis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo.aws must be empty (embedded), moto, or an endpoint URL, but was [kinesis]");
    }
}
