package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.HandlerDefinitionException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code of docs/handlers.md, run. */
class HandlersGuideTest {
    static final List<String> SEEN = new ArrayList<>();

    // snippet:parameters
    class Parameters {
        @OnInsert
        void placed(Order order) { // the item, mapped from the NewImage
            SEEN.add("placed " + order.id());
        }

        @OnModify(changed = {"status", "total"}) // only when one of these attributes changed
        void changed(Change<Order> change, ChangeRecord record) { // both images, and the record itself
            SEEN.add(change.oldItem().status() + " -> " + change.newItem().status() + " at " + record.sequenceNumber());
        }

        @OnRemove(ttl = OnRemove.Ttl.ONLY) // only deletes by Time to Live
        void expired(Map<String, AttributeValue> oldImage) { // the raw image, as DynamoDB wrote it
            SEEN.add("expired " + oldImage.get("id"));
        }
    }
    // end:parameters

    @Test
    void eachMethodGetsWhatItAsksFor() {
        // snippet:build
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Parameters()) // any number of handler objects, called in this order
                .build(); // checks every method now, not on the first record
        // end:build
        TestTable orders = StreamEvents.table("Orders").partitionKey("id").build();
        Order placed = new Order("o-1", "alice", "PLACED", BigDecimal.TEN);
        Order paid = new Order("o-1", "alice", "PAID", BigDecimal.TEN);
        TestStream stream =
                orders.stream().insert(placed).modify(placed, paid).remove(paid).ttlExpire(paid);

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(SEEN)
                .containsExactly(
                        "placed o-1", "PLACED -> PAID at " + stream.record(1).sequenceNumber(), "expired S[value=o-1]");
    }

    // snippet:bad-handler
    class Unfinished {
        @OnInsert
        void placed(Order order, String note) {} // a parameter dynastream cannot supply
    }
    // end:bad-handler

    @Test
    void aMethodThatCannotBeCalledIsRejectedWhenTheProcessorIsBuilt() {
        assertThatThrownBy(() ->
                        StreamProcessor.builder().handler(new Unfinished()).build())
                .isInstanceOf(HandlerDefinitionException.class)
                .hasMessageContaining("placed");
    }
}
