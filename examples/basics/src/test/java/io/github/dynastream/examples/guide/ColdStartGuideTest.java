package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.PrimingResult;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/cold-start.md, run. */
class ColdStartGuideTest {
    private final TestStream stream = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(new Order("o-1", "alice", "PLACED", BigDecimal.ONE));

    // snippet:static-initializer
    public static class Handler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        private static final StreamProcessor PROCESSOR = StreamProcessor.builder()
                .handler(new OrderEvents(System.out::println))
                .build();

        static {
            PROCESSOR.prime(); // in the init phase, before the first invocation (and before a snapshot)
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            return PROCESSOR.process(event, context);
        }
    }
    // end:static-initializer

    // snippet:snapstart
    public static class SnapStartHandler extends DynamoDbStreamHandler {
        public SnapStartHandler() {
            super(StreamProcessor.builder()
                    .handler(new OrderEvents(System.out::println))
                    .primeBeforeCheckpoint() // prime() runs once, when Lambda snapshots the published version
                    .build());
        }
    }
    // end:snapstart

    @Test
    void aHandlerPrimedInItsStaticInitializerProcessesItsFirstBatch() {
        DynamodbEvent event = LambdaEventSerializers.serializerFor(
                        DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(stream.toJsonBytes()));

        assertThat(new Handler().handleRequest(event, null)).hasNoFailures();
    }

    @Test
    void aHandlerThatPrimesBeforeACheckpointProcessesItsFirstBatch() {
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        new SnapStartHandler().handleRequest(new ByteArrayInputStream(stream.toJsonBytes()), response, null);

        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void primingMapsEveryItemTypeAndCallsNoHandler() {
        List<String> sent = new ArrayList<>();
        StreamProcessor processor =
                StreamProcessor.builder().handler(new OrderEvents(sent::add)).build();

        // snippet:check
        PrimingResult priming = processor.prime();

        assertThat(priming.mappingFailures()).isEmpty(); // every item type's reader ran on a synthetic image
        assertThat(sent).isEmpty(); // and no handler method was called
        // end:check
        assertThat(priming.itemTypes()).containsExactly(Order.class.getTypeName());
    }
}
