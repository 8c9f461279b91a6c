package io.github.dynastream.examples.ttlarchive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {
    private static ChangeRecord expiry(TestTable table, Map<String, AttributeValue> item) {
        return table.stream()
                .startingAt(Instant.parse("2026-03-09T23:59:59Z"))
                .ttlExpire(item)
                .record(0);
    }

    @Test
    void datesTheObjectByWhenDynamoDbDeletedTheItemInUtc() {
        TestTable sessions = StreamEvents.table("Sessions").partitionKey("id").build();

        assertThat(ArchiveLayout.of("id").keyOf(expiry(sessions, Map.of("id", AttributeValue.s("s-1")))))
                .isEqualTo("archive/Sessions/2026/03/09/s-1.json");
    }

    @Test
    void aSortKeyIsAFolderUnderThePartitionKey() {
        TestTable orders = StreamEvents.table("Orders")
                .partitionKey("customer")
                .sortKey("orderId")
                .build();
        ChangeRecord record =
                expiry(orders, Map.of("customer", AttributeValue.s("alice"), "orderId", AttributeValue.n("42")));

        assertThat(new ArchiveLayout("expired", "customer", "orderId").keyOf(record))
                .isEqualTo("expired/Orders/2026/03/09/alice/42.json");
    }

    @Test
    void keyValuesCannotAddFoldersOrClimbOutOfThem() {
        TestTable files = StreamEvents.table("Files").partitionKey("path").build();

        assertThat(ArchiveLayout.of("path").keyOf(expiry(files, Map.of("path", AttributeValue.s("a/b c?é")))))
                .isEqualTo("archive/Files/2026/03/09/a%2Fb%20c%3F%C3%A9.json");
        assertThat(ArchiveLayout.of("path").keyOf(expiry(files, Map.of("path", AttributeValue.s("..")))))
                .isEqualTo("archive/Files/2026/03/09/%2E%2E.json");
        assertThat(ArchiveLayout.of("path").keyOf(expiry(files, Map.of("path", new AttributeValue.B(new byte[] {
                    (byte) 0xfb, (byte) 0xff
                })))))
                .isEqualTo("archive/Files/2026/03/09/-_8.json");
    }

    @Test
    void aMissingKeyAttributeIsNamedWithoutValues() {
        TestTable sessions = StreamEvents.table("Sessions").partitionKey("id").build();
        ChangeRecord record = expiry(sessions, Map.of("id", AttributeValue.s("secret-session")));

        assertThatThrownBy(() -> ArchiveLayout.of("sessionId").keyOf(record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[sessionId]")
                .hasMessageContaining("[id]")
                .hasMessageNotContaining("secret-session");
    }
}
