package io.github.dynastream.examples.payments;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The payments function wired as in production, on moto: idempotency and dead letters in tables. */
class PaymentsIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static DynamoDbClient client;

    @BeforeAll
    static void createTables() {
        client = AWS.dynamoDb();
        DynamoDbIdempotencyStore.createTable(client, "idempotency");
        client.createTable(CreateTableRequest.builder()
                .tableName("dead-letters")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("eventId")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("eventId")
                        .keyType(KeyType.HASH)
                        .build())
                .build());
    }

    @Test
    void chargesEachPaymentOnceAndKeepsTheOneThatKeepsFailing() {
        Map<String, AtomicInteger> charges = new ConcurrentHashMap<>();
        StreamProcessor processor = PaymentProcessing.processor(
                DynamoDbIdempotencyStore.builder()
                        .client(client)
                        .tableName("idempotency")
                        .keyPrefix("payments#")
                        .build(),
                new DeadLetterTable(client, "dead-letters"),
                payment -> {
                    if (payment.paymentId().equals("p-declined")) {
                        throw new IllegalArgumentException("card declined");
                    }
                    charges.computeIfAbsent(payment.paymentId(), k -> new AtomicInteger())
                            .incrementAndGet();
                });
        TestTable payments = StreamEvents.table("Payments")
                .partitionKey("accountId")
                .sortKey("paymentId")
                .build();
        TestStream stream = payments.stream()
                .insert(new Payment("acc-1", "p-1", new BigDecimal("10.00"), "EUR"))
                .insert(new Payment("acc-2", "p-declined", new BigDecimal("99.99"), "EUR"))
                .insert(new Payment("acc-2", "p-2", new BigDecimal("5.00"), "EUR"))
                .insert(new Payment("acc-3", "p-3", new BigDecimal("1.00"), "EUR"));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, processor::process);

        assertThat(lambda).hasNothingAtFailureDestination().hasInvocationCount(5);
        assertThat(charges).containsOnlyKeys("p-1", "p-2", "p-3");
        assertThat(charges.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        Map<String, AttributeValue> letter = client.getItem(r -> r.tableName("dead-letters")
                        .key(Map.of(
                                "eventId", AttributeValue.fromS(stream.record(1).eventId()))))
                .item();
        assertThat(letter.get("deliveries").n()).isEqualTo("5");
        assertThat(letter.get("error").s()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.get("newImage").m().get("amount").n()).isEqualTo("99.99");
        assertThat(letter.get("keys").m()).containsOnlyKeys("accountId", "paymentId");
        assertThat(client.scan(r -> r.tableName("dead-letters")).items()).hasSize(1);
        assertThat(letter.get("sequenceNumber").s()).isEqualTo(stream.record(1).sequenceNumber());
    }
}
