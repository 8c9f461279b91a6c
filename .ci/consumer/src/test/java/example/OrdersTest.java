package example;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrdersTest {
    @Test
    void handlesAnInsertWrittenWithTheTestkit() {
        TestTable table = StreamEvents.table("Orders").partitionKey("id").build();
        Orders orders = new Orders();

        assertThat(orders.processor().process(table.stream().insert(new Orders.Order("o-1", "NEW")).toInputStream()))
                .hasNoFailures();
        assertEquals(List.of("o-1"), orders.placed);
    }
}
