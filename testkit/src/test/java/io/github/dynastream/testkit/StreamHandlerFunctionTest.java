package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.dynastream.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployed {@link RequestStreamHandler}'s JSON output, read back as Lambda reads a response
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html, "Success
 * and failure conditions"), through the simulator with {@code ReportBatchItemFailures} on.
 */
class StreamHandlerFunctionTest {
    private final TestStream stream = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(Map.of("id", AttributeValue.s("o-1")))
            .insert(Map.of("id", AttributeValue.s("o-2")));

    /** A handler that writes {@code output} once (with {@code %s} the second record's sequence number), then {@code {}}. */
    private RequestStreamHandler writing(String output) {
        String second = stream.record(1).sequenceNumber();
        boolean[] written = {false};
        return (input, out, context) -> {
            String text = written[0] ? "{}" : output.replace("%s", second);
            written[0] = true;
            out.write(text.getBytes(StandardCharsets.UTF_8));
        };
    }

    private Invocation firstInvocation(String output) {
        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, StreamHandlerFunction.of(writing(output)));
        return simulation.invocations().get(0);
    }

    @Test
    void everyCompleteSuccessShapeOfTheJsonResponseSucceeds() {
        // "A null EventResponse" (no output, JSON null), "An empty EventResponse", "A null
        // batchItemFailure list", "An empty batchItemFailure list".
        for (String output :
                new String[] {"", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"}) {
            assertThat(firstInvocation(output).outcome())
                    .as("output [%s]", output)
                    .isEqualTo(Invocation.Outcome.SUCCEEDED);
        }
    }

    @Test
    void anEntryWithABadKeyNameOrWithoutAnItemIdentifierFailsTheWholeBatch() {
        // "An itemIdentifier with a bad key name", "A null itemIdentifier", "An empty string itemIdentifier".
        for (String output : new String[] {
            "{\"batchItemFailures\":[{\"itemIdentifer\":\"%s\"}]}",
            "{\"batchItemFailures\":[{\"ItemIdentifier\":\"%s\"}]}",
            "{\"batchItemFailures\":[{}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"%s\"},{\"itemIdentifier\":null}]}"
        }) {
            Invocation invocation = firstInvocation(output);
            assertThat(invocation.outcome()).as("output [%s]", output).isEqualTo(Invocation.Outcome.INVALID_RESPONSE);
            assertThat(invocation.checkpoint()).as("output [%s]", output).isNull();
        }
    }

    @Test
    void aWellFormedIdentifierIsAPartialFailureAtItsRecord() {
        Invocation invocation = firstInvocation("{\"batchItemFailures\":[{\"itemIdentifier\":\"%s\"}]}");

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.PARTIAL_FAILURE);
        assertThat(invocation.checkpoint()).isEqualTo(stream.record(1).sequenceNumber());
    }

    @Test
    void outputThatIsNotAResponseIsAFunctionError() {
        // Not documented — our choice: Lambda cannot read such a response at all, so it counts as
        // the function failing, with the reason in the error.
        for (String output : new String[] {"not json", "[1,2]", "{\"batchItemFailures\":\"%s\"}"}) {
            Invocation invocation = firstInvocation(output);
            assertThat(invocation.outcome()).as("output [%s]", output).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
            assertThat(invocation.error())
                    .as("output [%s]", output)
                    .isInstanceOf(StreamHandlerFunction.InvalidResponseException.class);
        }
        assertThat(firstInvocation("not json").error()).hasMessageStartingWith("the handler's output is not JSON");
        assertThat(firstInvocation("[1,2]").error()).hasMessage("the handler's output is a JSON ARRAY, not an object");
    }
}
