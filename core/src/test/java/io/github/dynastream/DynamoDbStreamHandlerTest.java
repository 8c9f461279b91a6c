package io.github.dynastream;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.order;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast-path handler base class: raw bytes in, Lambda's partial batch response out. */
class DynamoDbStreamHandlerTest {
    record Order(String id, String status, BigDecimal total) {}

    static final List<String> PLACED = new ArrayList<>();

    /** A function's handler class, as a user writes it. */
    public static class Handler extends DynamoDbStreamHandler {
        public Handler() {
            super(StreamProcessor.builder()
                    .handler(new Object() {
                        @OnInsert
                        void placed(Order order) {
                            if (order.status().equals("BAD")) {
                                throw new IllegalStateException("rejected");
                            }
                            PLACED.add(order.id());
                        }
                    })
                    .logBatchSummary(false)
                    .build());
        }
    }

    private static String invoke(Handler handler, String event) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, null);
        return response.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheFailedRecordsSequenceNumberAsLambdaExpects() {
        PLACED.clear();
        Handler handler = new Handler();

        String response = invoke(
                handler,
                json(
                        insert("o-1", 1, order("o-1", "NEW", "1")),
                        insert("o-2", 2, order("o-2", "BAD", "1")),
                        insert("o-3", 3, order("o-3", "NEW", "1"))));

        assertThat(response).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequenceNumber(2) + "\"}]}");
        assertThat(PLACED).containsExactly("o-1");
        assertThat(invoke(handler, json(insert("o-3", 3, order("o-3", "NEW", "1")))))
                .isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void anInputThatIsNotAStreamEventFailsTheInvocation() {
        assertThatThrownBy(() -> invoke(new Handler(), "{\"hello\":\"world\"}"))
                .isInstanceOf(MalformedEventException.class);
    }
}
