package io.github.dynastream.examples.ttlarchive;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.enhanced.SdkAttributeValues;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import io.github.dynastream.testkit.TestStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The deployed handler class on moto, with a real Sessions table and stream and a real S3 bucket.
 *
 * <p>moto accepts {@code UpdateTimeToLive} but never deletes expired items, and no record it writes
 * has a {@code userIdentity} (docs/moto.md). So the TTL deletes are made the way our moto tests make
 * them: with the testkit's DSL ({@code ttlExpire}) from the item as moto holds it, and, second, as the
 * REMOVE record moto's real stream delivered with the identity DynamoDB adds to a TTL delete. Both go
 * through the handler into moto's S3. The user delete is drained from the real stream as it is.
 */
class TtlArchiveIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final String BUCKET = "sessions-archive";

    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static LocalStreamRunner runner;
    private static TtlArchiveHandler handler;

    @BeforeAll
    static void createTableAndBucket() {
        dynamoDb = AWS.dynamoDb();
        s3 = AWS.s3();
        dynamoDb.createTable(r -> r.tableName("Sessions")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE)));
        dynamoDb.updateTimeToLive(r -> r.tableName("Sessions")
                .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
        s3.createBucket(r -> r.bucket(BUCKET));
        runner = LocalStreamRunner.builder()
                .streams(AWS.dynamoDbStreams())
                .table(dynamoDb, "Sessions")
                .reportBatchItemFailures(true) // as template.yaml deploys it
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(10)
                .build();
        handler = new TtlArchiveHandler(new S3ArchiveStore(s3, BUCKET), ArchiveLayout.of("id"));
    }

    @AfterAll
    static void closeRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void archivesTimeToLiveDeletesToS3AndNotTheUsersDeletes() {
        // Sessions whose expiresAt (epoch seconds) is long past, and a user who logs out.
        dynamoDb.putItem(r -> r.tableName("Sessions").item(session("s-1")));
        dynamoDb.putItem(r -> r.tableName("Sessions").item(session("s-2")));
        dynamoDb.deleteItem(r -> r.tableName("Sessions").key(Map.of("id", AttributeValue.fromS("s-1"))));

        Simulation drained = runner.drain(StreamHandlerFunction.of(handler));

        assertThat(drained).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
        assertThat(drained.records())
                .extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.INSERT, EventName.REMOVE);
        assertThat(objects()).isEmpty(); // the user's delete is not archived

        // DynamoDB would now delete s-2 by TTL; moto does not, so the testkit writes the TTL delete of the
        // item moto holds, and the deployed handler gets it as Lambda would deliver it.
        Map<String, AttributeValue> s2 = dynamoDb.getItem(r -> r.tableName("Sessions")
                        .key(Map.of("id", AttributeValue.fromS("s-2")))
                        .consistentRead(true))
                .item();
        TestStream expiry = TtlArchiveTest.SESSIONS.stream().ttlExpire(SdkAttributeValues.fromSdk(s2));
        Simulation archived = deliver(expiry.records());

        assertThat(archived).hasInvocationCount(1).hasNothingAtFailureDestination();
        String s2Key = "archive/Sessions/2026/01/01/s-2.json";
        assertThat(objects()).containsExactly(s2Key);
        JsonNode document = TtlArchiveTest.json(object(s2Key));
        assertThat(document.path("eventId").asText()).isEqualTo(expiry.record(0).eventId());
        assertThat(document.path("item"))
                .isEqualTo(TtlArchiveTest.json("{\"id\":{\"S\":\"s-2\"},\"user\":{\"S\":\"alice\"},"
                        + "\"expiresAt\":{\"N\":\"1767225600\"},\"roles\":{\"SS\":[\"admin\"]}}"));

        // Lambda delivers the expiry again: the same object, with the same bytes.
        String before = object(s2Key);
        assertThat(deliver(expiry.records())).hasNothingAtFailureDestination();
        assertThat(objects()).containsExactly(s2Key);
        assertThat(object(s2Key)).isEqualTo(before);

        // The REMOVE moto's stream delivered, as DynamoDB writes it for a TTL delete (with its identity).
        ChangeRecord userDelete = drained.records().get(2);
        ChangeRecord ttlDelete =
                userDelete.toBuilder().userIdentity(UserIdentity.TIME_TO_LIVE).build();
        assertThat(deliver(List.of(ttlDelete))).hasNothingAtFailureDestination();
        String s1Key = ArchiveLayout.of("id").keyOf(ttlDelete);
        assertThat(s1Key).startsWith("archive/Sessions/").endsWith("/s-1.json");
        assertThat(objects()).containsExactlyInAnyOrder(s1Key, s2Key);
        assertThat(TtlArchiveTest.json(object(s1Key)).path("sequenceNumber").asText())
                .isEqualTo(userDelete.sequenceNumber());
    }

    private static Simulation deliver(List<ChangeRecord> records) {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(records, StreamHandlerFunction.of(handler));
    }

    private static Map<String, AttributeValue> session(String id) {
        return Map.of(
                "id", AttributeValue.fromS(id),
                "user", AttributeValue.fromS("alice"),
                "expiresAt", AttributeValue.fromN("1767225600"),
                "roles", AttributeValue.fromSs(List.of("admin")));
    }

    private static List<String> objects() {
        return s3.listObjectsV2(r -> r.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static String object(String key) {
        return new String(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray(), StandardCharsets.UTF_8);
    }
}
