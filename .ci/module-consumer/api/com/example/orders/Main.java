package com.example.orders;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.kcl.KclWorker;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Compiles against each module's entry point, then processes one insert on the module path. */
public final class Main {
    public record Order(String id, BigDecimal total) {}

    static final class OrderEvents {
        final List<String> created = new ArrayList<>();

        @OnInsert
        void created(Order order) {
            created.add(order.id());
        }
    }

    public static void main(String[] args) {
        TableSchemaMapper.Builder mapper = TableSchemaMapper.builder();
        KclWorker.Builder worker = KclWorker.builder();
        TestTable orders = StreamEvents.table("Orders").partitionKey("id").build();

        OrderEvents events = new OrderEvents();
        StreamProcessor processor = StreamProcessor.builder().handler(events).build();
        StreamsEventResponse response = processor.process(
                orders.stream().insert(new Order("o-1", new BigDecimal("59.90"))).toDynamodbEvent());

        if (!response.getBatchItemFailures().isEmpty() || !events.created.equals(List.of("o-1"))) {
            System.err.println("on the module path: expected the insert of o-1 handled, got " + events.created
                    + " and failures " + response.getBatchItemFailures());
            System.exit(1);
        }
        System.out.println("on the module path: handled " + events.created + " (" + mapper.getClass().getSimpleName()
                + ", " + worker.getClass().getSimpleName() + ")");
    }
}
