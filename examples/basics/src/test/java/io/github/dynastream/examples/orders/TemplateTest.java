package io.github.dynastream.examples.orders;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.testkit.SamTemplate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final SamTemplate template = SamTemplate.read(Path.of("template.yaml"));

    @Test
    void theOrdersStreamIsWiredForPartialBatchResponses() {
        assertThat(template.streamEventSource("OrderEventsFunction"))
                .isFullyWired()
                .readsStreamOf("OrdersTable")
                .sendsFailuresTo("OrderEventsFailures");
    }

    @Test
    void theHandlerIsTheFastEntryPointAndTheTableHasBothImages() throws ClassNotFoundException {
        assertThat(Class.forName(template.handlerClass("OrderEventsFunction")))
                .isEqualTo(OrderStreamHandler.class)
                .isAssignableTo(DynamoDbStreamHandler.class);
        assertThat(template.resource("OrdersTable")
                        .properties()
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText())
                .isEqualTo("NEW_AND_OLD_IMAGES");
    }
}
