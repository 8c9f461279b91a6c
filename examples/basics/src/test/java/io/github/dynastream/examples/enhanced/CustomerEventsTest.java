package io.github.dynastream.examples.enhanced;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerEventsTest {
    private final TableSchemaMapper mapper = TableSchemaMapper.create();
    // The test events are written through the same TableSchema the handler reads them with.
    private final TestTable customers = StreamEvents.table("Customers")
            .partitionKey("id")
            .itemMapper(mapper)
            .build();

    private static Customer customer(String tier) {
        Customer c = new Customer();
        c.setId("c-1");
        c.setEmail("ada@example.com");
        c.setTier(tier);
        c.setInterests(Set.of("books"));
        c.setSince(Instant.parse("2026-01-01T00:00:00Z"));
        return c;
    }

    @Test
    void welcomesNewCustomersAndReportsTierChanges() {
        List<String> messages = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(new CustomerEvents(messages::add))
                .build();
        TestStream stream = customers.stream()
                .insert(customer("silver"))
                .modify(customer("silver"), customer("gold"))
                .modify(customer("gold"), customer("gold"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(messages).containsExactly("welcome ada@example.com", "ada@example.com: silver -> gold");
        assertThat(stream.record(0).newImage().orElseThrow()).containsKey("interests");
    }
}
