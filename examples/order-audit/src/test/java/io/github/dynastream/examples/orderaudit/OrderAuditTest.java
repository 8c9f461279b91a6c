package io.github.dynastream.examples.orderaudit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dynastream.EventName;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAuditTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final StreamProcessor processor = OrderAudit.processor(log);

    @Test
    void eachChangeBecomesOneEntrySayingWhatChanged() {
        Order placed = Order.placed("o-1");
        Order paid = placed.withStatus("PAID", "payments").withTotal("54.90");
        Order noted = paid.withNote("leave at the door");
        TestStream stream = orders.stream()
                .insert(placed)
                .modify(placed, paid)
                .modify(paid, noted)
                .remove(noted)
                .insert(Order.placed("o-2"))
                .ttlExpire(Order.placed("o-2"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(log.history("o-1"))
                .extracting(
                        AuditEntry::eventName,
                        AuditEntry::changedAttributes,
                        AuditEntry::oldStatus,
                        AuditEntry::newStatus,
                        AuditEntry::changedBy)
                .containsExactly(
                        tuple(EventName.INSERT, List.of(), null, "PLACED", "web-shop"),
                        tuple(EventName.MODIFY, List.of("status", "total", "updatedBy"), "PLACED", "PAID", "payments"),
                        tuple(EventName.MODIFY, List.of("note"), "PAID", "PAID", "payments"),
                        // a stream record does not say who deleted an item, unless Time to Live did
                        tuple(EventName.REMOVE, List.of(), "PAID", null, null));
        AuditEntry first = log.history("o-1").get(0);
        assertThat(first.eventId()).isEqualTo(stream.record(0).eventId());
        assertThat(first.sequenceNumber()).isEqualTo(stream.record(0).sequenceNumber());
        assertThat(first.changedAt())
                .isEqualTo(stream.record(0).approximateCreationDateTime().orElseThrow());
        assertThat(log.history("o-2")).last().satisfies(expired -> {
            assertThat(expired.timeToLive()).isTrue();
            assertThat(expired.changedBy()).isEqualTo("dynamodb.amazonaws.com");
            assertThat(expired.oldStatus()).isEqualTo("PLACED");
        });
        assertThat(log.history("o-1")).noneMatch(AuditEntry::timeToLive);
    }

    @Test
    void aRedeliveredBatchWritesNoSecondEntry() {
        Order placed = Order.placed("o-1");
        TestStream stream = orders.stream().insert(placed).modify(placed, placed.withStatus("PAID", "payments"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        // Lambda delivers the same batch again, e.g. after the invocation timed out once the work was done
        assertThat(processor.process(stream.toDynamodbEvent())).hasNoFailures();

        assertThat(log.entries()).hasSize(2);
        assertThat(log.duplicatesIgnored()).isEqualTo(2);
    }

    @Test
    void sortKeysFollowTheNumericOrderOfSequenceNumbersOfDifferentLengths() {
        TestStream stream = orders.stream()
                .sequenceNumbersFrom(new BigInteger("99999999999999999998"), 1) // 20 digits, then 21
                .insert(Order.placed("o-1"))
                .modify(Order.placed("o-1"), Order.placed("o-1").withStatus("PAID", "payments"))
                .modify(
                        Order.placed("o-1").withStatus("PAID", "payments"),
                        Order.placed("o-1").withStatus("SHIPPED", "warehouse"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(log.history("o-1")).extracting(AuditEntry::newStatus).containsExactly("PLACED", "PAID", "SHIPPED");
        assertThat(log.history("o-1").get(2).sortKey())
                .hasSize(40)
                .isGreaterThan(log.history("o-1").get(1).sortKey())
                .endsWith("100000000000000000000");
    }

    @Test
    void anEntryIsNeverTakenForADuplicateOfAnotherRecord() {
        TestStream stream = orders.stream().insert(Order.placed("o-1"));
        AuditEntry entry = OrderAuditEvents.entryFor(stream.record(0));
        log.append(entry);
        AuditEntry other = new AuditEntry(
                entry.orderId(),
                entry.sequenceNumber(),
                "another-event-id",
                entry.eventName(),
                entry.changedAttributes(),
                entry.oldStatus(),
                entry.newStatus(),
                entry.changedAt(),
                entry.changedBy(),
                entry.timeToLive());

        assertThatThrownBy(() -> log.append(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an audit entry for sequence number " + entry.sequenceNumber() + " exists for eventID "
                        + entry.eventId() + ", not another-event-id")
                .hasMessageNotContaining("o-1") // the order id is an attribute value
                .hasMessageNotContaining("PLACED");
        assertThat(log.entries()).containsExactly(entry);
    }

    @Test
    void aStreamWithoutOldImagesFailsTheRecordInsteadOfWritingAnIncompleteEntry() {
        TestTable newImagesOnly = StreamEvents.table("Orders")
                .partitionKey("id")
                .viewType(StreamViewType.NEW_IMAGE)
                .build();
        Order placed = Order.placed("o-1");
        TestStream stream = newImagesOnly.stream().insert(placed).modify(placed, placed.withStatus("PAID", "payments"));

        assertThat(processor.process(stream.toInputStream())).failedAt(stream.record(1));
        assertThat(log.entries()).hasSize(1);
    }
}
