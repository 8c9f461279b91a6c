package io.github.dynastream.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.testkit.LocalAws;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.Bucket;

/** The same story on a real DynamoDB API: moto the demo starts, and an endpoint the user names. */
class DemoIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    @TempDir
    Path output;

    @Test
    void onAnEndpointTheUserNamesTheDemoTellsTheStoryAndRemovesOnlyWhatItCreated() throws Exception {
        DynamoDbClient dynamoDb = AWS.dynamoDb();
        dynamoDb.createTable(r -> r.tableName("Orders") // the user's own table, of a name the story uses
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        Map<String, AttributeValue> marker = Map.of("id", AttributeValue.fromS("marker"));
        dynamoDb.putItem(r -> r.tableName("Orders").item(marker));
        AWS.s3().createBucket(r -> r.bucket("uploads"));
        List<String> tablesBefore = dynamoDb.listTables().tableNames();

        DemoTest.Run run = DemoTest.runMain(AWS.endpoint().toString(), output);

        assertThat(run.exitStatus()).isZero();
        assertThat(run.err()).isEmpty();
        String account = run.out();
        assertThat(account).startsWith("dynastream demo on the endpoint " + AWS.endpoint());
        DemoTest.assertTheSharedStory(account);
        Matcher suffix = Pattern.compile("the demo's tables and buckets end in (-[0-9a-f]{8})\n")
                .matcher(account);
        assertThat(suffix.find()).as("the run's suffix in: %s", account).isTrue();
        String run1 = suffix.group(1);
        assertThat(account)
                .contains(
                        "o-3 expires: a local endpoint expires nothing by TTL, so the demo deletes it and the local stream runner"
                                + " delivers the REMOVE record as DynamoDB's TTL writes it"
                                + " (userIdentity Service dynamodb.amazonaws.com)\n")
                .contains("function: the deployed class OrderAuditHandler\n")
                .contains("function: the deployed class CustomerOrdersHandler\n")
                .contains("archive: archive/Orders" + run1 + "/")
                .contains("notified: uploads" + run1 + "/incoming/daily-totals.csv line 5")
                .contains("deleted table Orders" + run1 + "\n")
                .contains("deleted table OrderAudit" + run1 + "\n")
                .contains("deleted bucket uploads" + run1 + " (")
                .contains("deleted bucket order-archive" + run1 + " (1 object(s))\n");

        // The user's table, item and bucket are as they were; nothing of the demo's is left.
        assertThat(dynamoDb.listTables().tableNames()).containsExactlyElementsOf(tablesBefore);
        assertThat(dynamoDb.getItem(r -> r.tableName("Orders").key(marker).consistentRead(true))
                        .item())
                .isEqualTo(marker);
        assertThat(AWS.s3().listBuckets().buckets()).extracting(Bucket::name).containsExactly("uploads");
    }

    @Test
    void onMotoItStartsTheDemoTellsTheSameStoryWithTheTtlExpiry() {
        String account = DemoTest.tell("moto");

        DemoTest.assertTheSharedStory(account);
        assertThat(account)
                .contains("REMOVE o-3 (TTL)")
                .contains(
                        "o-3 expires: a local endpoint expires nothing by TTL, so the demo deletes it and the local stream runner"
                                + " delivers the REMOVE record")
                .contains("function: the deployed class OrderAuditHandler\n");
    }
}
