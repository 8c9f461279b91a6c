package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.examples.enhanced.Customer;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.JacksonItemMapper;
import io.github.dynastream.testkit.StreamEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/mapping.md, run. */
class MappingGuideTest {
    private final List<String> seen = new ArrayList<>();

    class CustomerEvents {
        @OnInsert
        void joined(Customer customer) {
            seen.add(customer.getId() + " " + customer.getTier());
        }
    }

    @Test
    void yourOwnObjectMapperReadsTheItems() {
        // snippet:object-mapper
        ObjectMapper mine = JacksonItemMapper.defaultObjectMapper() // java.time, exact numbers, strict checks
                .copy()
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new CustomerEvents())
                .itemMapper(ItemMapper.jackson(mine))
                .build();
        // end:object-mapper

        assertThat(processor.process(StreamEvents.table("Customers").partitionKey("id").build().stream()
                        .insert(customer("c-1", "gold"))
                        .toInputStream()))
                .hasNoFailures();
        assertThat(seen).containsExactly("c-1 gold");
    }

    @Test
    void theWritersTableSchemaReadsTheItems() {
        // snippet:table-schema
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new CustomerEvents()) // takes the writer's @DynamoDbBean Customer
                .itemMapper(TableSchemaMapper.create()) // TableSchema.fromBean for each item type
                .build();
        // end:table-schema

        assertThat(processor.process(StreamEvents.table("Customers")
                        .partitionKey("id")
                        .itemMapper(TableSchemaMapper.create()) // the test writes through the same schema
                        .build()
                        .stream()
                        .insert(customer("c-2", "silver"))
                        .toInputStream()))
                .hasNoFailures();
        assertThat(seen).containsExactly("c-2 silver");
    }

    private static Customer customer(String id, String tier) {
        Customer customer = new Customer();
        customer.setId(id);
        customer.setEmail(id + "@example.com");
        customer.setTier(tier);
        customer.setInterests(Set.of("books"));
        return customer;
    }
}
