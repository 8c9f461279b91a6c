package io.github.dynastream.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.LocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The Streams API loop of docs/sources.md on a real stream (moto). */
class SourcesGuideIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    @Test
    void aPageOfTheStreamIsProcessedAndTheCheckpointSaysWhereToGoOn() {
        AWS.dynamoDb()
                .createTable(r -> r.tableName("GuideOrders")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        for (String id : List.of("o-1", "o-2", "o-3")) {
            AWS.dynamoDb()
                    .putItem(r -> r.tableName("GuideOrders")
                            .item(Map.of(
                                    "id", AttributeValue.fromS(id),
                                    "customer", AttributeValue.fromS(id.equals("o-2") ? "bob" : "alice"),
                                    "status", AttributeValue.fromS("PLACED"),
                                    "total", AttributeValue.fromN("1"))));
        }
        String streamArn = AWS.dynamoDb()
                .describeTable(r -> r.tableName("GuideOrders"))
                .table()
                .latestStreamArn();
        String shardId = AWS.dynamoDbStreams()
                .describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        List<String> sent = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(message -> {
                    if (message.contains("bob")) {
                        throw new IllegalStateException("mail server busy");
                    }
                    sent.add(message);
                }))
                .build();

        StreamsApiRecords.Checkpoint checkpoint =
                SourcesGuideTest.pollOnce(AWS.dynamoDbStreams(), streamArn, shardId, processor);

        assertThat(sent).containsExactly("order o-1 placed by alice");
        assertThat(checkpoint.processedThrough()).isPresent();
        assertThat(checkpoint.retryFrom()).isPresent();
        assertThat(new java.math.BigInteger(checkpoint.retryFrom().orElseThrow()))
                .isGreaterThan(
                        new java.math.BigInteger(checkpoint.processedThrough().orElseThrow()));
    }
}
