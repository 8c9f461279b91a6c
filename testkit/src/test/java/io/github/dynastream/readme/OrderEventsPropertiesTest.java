package io.github.dynastream.readme;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.FailurePlan;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.TestTable;
import io.github.dynastream.testkit.Theories;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class OrderEventsPropertiesTest {
    record Order(String customer, String id, String status, int total) {}

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("customer").sortKey("id").build();

    private static Gen<Order> orders() {
        return Generate.pick(List.of("PLACED", "PAID", "SHIPPED"))
                .zip(Generate.range(0, 10_000), (status, total) -> new Order("", "", status, total));
    }

    @Test
    void everyOrderIsHandledInStreamOrderAndNothingIsLost() {
        Theories.qt(200)
                .forAll(
                        Generate.range(1, 10), // batch sizes
                        StreamGenerators.failurePlans(72), // up to 4 customers x 3 orders x 6 changes
                        StreamGenerators.histories(
                                orders,
                                orders(),
                                (order, customer, id) -> new Order(customer, id, order.status(), order.total())))
                .checkAssert((batchSize, plan, history) -> {
                    List<ChangeRecord> shard = history.toStream().records();
                    FailurePlan.Injector faults = plan.injector(shard);
                    List<ChangeRecord> handled = new ArrayList<>();
                    StreamProcessor processor = StreamProcessor.builder()
                            .handler(new Object() {
                                @OnInsert
                                @OnModify
                                @OnRemove
                                void on(ChangeRecord record) {
                                    faults.onDelivery(record); // throws where the plan says
                                    handled.add(record);
                                }
                            })
                            .build();

                    Simulation simulation = EventSourceMappingSimulator.builder()
                            .reportBatchItemFailures(true)
                            .batchSize(batchSize)
                            .maximumRetryAttempts(2)
                            .build()
                            .run(shard, processor::process);

                    assertThat(simulation).handledEachKeyInOrder(handled).lostNothing(handled);
                });
    }
}
