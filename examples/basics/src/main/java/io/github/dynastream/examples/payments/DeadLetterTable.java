package io.github.dynastream.examples.payments;

import io.github.dynastream.DeadLetter;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.enhanced.SdkAttributeValues;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps records given up on in a DynamoDB table (partition key {@code eventId}): the whole new image,
 * the keys, and what went wrong, for someone to look at and replay.
 */
public final class DeadLetterTable implements DeadLetterSink {
    private final DynamoDbClient client;
    private final String tableName;

    /**
     * @param client the client
     * @param tableName the table
     */
    public DeadLetterTable(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void accept(DeadLetter letter) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", AttributeValue.fromS(letter.record().eventId()));
        item.put("sequenceNumber", AttributeValue.fromS(letter.record().sequenceNumber()));
        item.put("eventName", AttributeValue.fromS(letter.record().eventName().name()));
        item.put(
                "keys",
                AttributeValue.fromM(SdkAttributeValues.toSdk(letter.record().keys())));
        letter.record()
                .newImage()
                .ifPresent(image -> item.put("newImage", AttributeValue.fromM(SdkAttributeValues.toSdk(image))));
        letter.record()
                .oldImage()
                .ifPresent(image -> item.put("oldImage", AttributeValue.fromM(SdkAttributeValues.toSdk(image))));
        item.put("error", AttributeValue.fromS(letter.cause().getClass().getName()));
        item.put("deliveries", AttributeValue.fromN(Integer.toString(letter.deliveries())));
        client.putItem(r -> r.tableName(tableName).item(item));
    }
}
