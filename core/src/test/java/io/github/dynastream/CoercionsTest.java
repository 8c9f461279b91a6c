package io.github.dynastream;

import static io.github.dynastream.TestEvents.event;
import static io.github.dynastream.TestEvents.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coercions the README's mapping section promises, and the ones it says fail. */
class CoercionsTest {
    record Counter(String id, int count) {}

    record Label(String id, String text) {}

    record Tags(String id, Set<String> tags, List<String> list) {}

    public static class CounterBean {
        private String id;
        private int count = -1;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }

    private final List<Object> seen = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();

    private StreamsEventResponse run(Object handler, String image) {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(handler)
                .listener(ProcessingListener.onRecords(outcomes::add))
                .logBatchSummary(false)
                .build();
        return processor.process(event(insert("c-1", 1, image)));
    }

    private final Object counters = new Object() {
        @OnInsert
        void on(Counter counter) {
            seen.add(counter);
        }
    };

    @Test
    void aStringHoldingANumberIsReadIntoAnIntField() {
        run(counters, "{\"id\":{\"S\":\"c-1\"},\"count\":{\"S\":\"42\"}}");

        assertThat(seen).containsExactly(new Counter("c-1", 42));
    }

    @Test
    void aNumberIsReadIntoAStringFieldAsItsText() {
        run(
                new Object() {
                    @OnInsert
                    void on(Label label) {
                        seen.add(label);
                    }
                },
                "{\"id\":{\"S\":\"c-1\"},\"text\":{\"N\":\"213.00\"}}");

        assertThat(seen).containsExactly(new Label("c-1", "213.00"));
    }

    @Test
    void aMissingAttributeForAPrimitiveRecordComponentFailsTheRecord() {
        StreamsEventResponse response = run(counters, "{\"id\":{\"S\":\"c-1\"}}");

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes.get(0).cause())
                .isInstanceOf(ItemMappingException.class)
                .hasMessageContaining("int");
    }

    @Test
    void aNullForAPrimitiveFailsTheRecord() {
        StreamsEventResponse response = run(counters, "{\"id\":{\"S\":\"c-1\"},\"count\":{\"NULL\":true}}");

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes.get(0).cause()).isInstanceOf(ItemMappingException.class);
    }

    @Test
    void aMissingAttributeLeavesABeansPrimitivePropertyAsItsInitialValue() {
        run(
                new Object() {
                    @OnInsert
                    void on(CounterBean counter) {
                        seen.add(counter.getCount());
                    }
                },
                "{\"id\":{\"S\":\"c-1\"}}");

        assertThat(seen).containsExactly(-1);
    }

    @Test
    void duplicateSetMembersCollapseInASetAndStayInAList() {
        run(
                new Object() {
                    @OnInsert
                    void on(Tags tags) {
                        seen.add(tags);
                    }
                },
                "{\"id\":{\"S\":\"c-1\"},\"tags\":{\"SS\":[\"a\",\"b\",\"a\"]},\"list\":{\"SS\":[\"a\",\"b\",\"a\"]}}");

        assertThat(seen).singleElement().satisfies(t -> {
            Tags tags = (Tags) t;
            assertThat(tags.tags()).containsExactlyInAnyOrder("a", "b");
            assertThat(tags.list()).containsExactly("a", "b", "a");
        });
    }
}
