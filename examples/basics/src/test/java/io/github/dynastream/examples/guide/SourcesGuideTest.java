package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The code of docs/sources.md, run (the Streams API loop runs on moto in the testkit's ITs). */
class SourcesGuideTest {
    private final List<String> sent = new ArrayList<>();
    private final StreamProcessor processor =
            StreamProcessor.builder().handler(new OrderEvents(sent::add)).build();
    private final TestStream stream = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(new Order("o-1", "alice", "PLACED", BigDecimal.ONE));

    // snippet:request-handler
    /** The slower entry point: the runtime deserializes the event before this code runs. */
    public class EventHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            return processor.process(event, context);
        }
    }
    // end:request-handler

    @Test
    void aDeserializedEventIsProcessedLikeTheRawJson() {
        DynamodbEvent event = LambdaEventSerializers.serializerFor(
                        DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(stream.toJsonBytes()));

        assertThat(new EventHandler().handleRequest(event, null)).hasNoFailures();
        assertThat(sent).containsExactly("order o-1 placed by alice");
    }

    static StreamsApiRecords.Checkpoint pollOnce(
            DynamoDbStreamsClient streams, String streamArn, String shardId, StreamProcessor processor) {
        // snippet:streams-api
        String iterator = streams.getShardIterator(
                        r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(iterator));

        List<ChangeRecord> records = StreamsApiRecords.toChangeRecords(page.records(), streamArn);
        BatchResult result = processor.processRecords(records);
        StreamsApiRecords.Checkpoint checkpoint = StreamsApiRecords.checkpoint(result);
        // go on AT_SEQUENCE_NUMBER checkpoint.retryFrom() if a record failed,
        // else AFTER_SEQUENCE_NUMBER checkpoint.processedThrough()
        // end:streams-api
        return checkpoint;
    }
}
