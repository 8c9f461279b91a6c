package io.github.dynastream.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.dynastream.AttributeValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** Which types the standard mapper reads directly, and that the others still map through Jackson. */
class PlainTypesTest {
    record Plain(String id, long version, List<String> tags, Map<String, Plain> children, Kind kind) {}

    enum Kind {
        A,
        B
    }

    record WithInstant(String id, Instant at) {}

    record Renamed(@JsonProperty("order_id") String orderId) {}

    record Generic<T>(T value) {}

    record WithOptional(Optional<String> note) {}

    record WithSortedSet(SortedSet<String> tags) {}

    record WithShort(short small) {}

    public static class Node {
        private String name;
        private Node next;

        public void setName(String name) {
            this.name = name;
        }

        public void setNext(Node next) {
            this.next = next;
        }

        public String getName() {
            return name;
        }

        public Node getNext() {
            return next;
        }
    }

    /** Jackson fills {@code tags} through its getter (USE_GETTERS_AS_SETTERS). */
    public static class CollectionGetterOnly {
        private final List<String> tags = new java.util.ArrayList<>();

        public List<String> getTags() {
            return tags;
        }
    }

    /** Jackson fills the private field behind a public getter (INFER_PROPERTY_MUTATORS). */
    public static class FieldBehindGetter {
        private String name;

        public String getName() {
            return name;
        }
    }

    public static class OverloadedSetter {
        private String value;

        public void setValue(String value) {
            this.value = value;
        }

        public void setValue(int value) {
            this.value = Integer.toString(value);
        }
    }

    public static class FluentSetter {
        private String value;

        public FluentSetter setValue(String value) {
            this.value = value;
            return this;
        }
    }

    public static class NoDefaultConstructor {
        private final String value;

        public NoDefaultConstructor(String value) {
            this.value = value;
        }

        public String getValue() {
            return value;
        }
    }

    @Test
    void recordsEnumsCollectionsAndRecursiveBeansArePlain() {
        assertThat(PlainTypes.plan(Plain.class)).isNotNull();
        assertThat(PlainTypes.plan(Node.class)).isNotNull();
    }

    @Test
    void typesJacksonReadsInItsOwnWaysAreNot() {
        for (Class<?> type : List.of(
                WithInstant.class,
                Renamed.class,
                Generic.class,
                WithOptional.class,
                WithSortedSet.class,
                WithShort.class,
                CollectionGetterOnly.class,
                FieldBehindGetter.class,
                OverloadedSetter.class,
                FluentSetter.class,
                NoDefaultConstructor.class,
                String.class,
                Map.class)) {
            assertThat(PlainTypes.plan(type)).as(type.getSimpleName()).isNull();
        }
    }

    @Test
    void propertyNamesFollowJacksonsDefaultNaming() {
        assertThat(PlainTypes.propertyName("setName", 3)).isEqualTo("name");
        assertThat(PlainTypes.propertyName("setFooBar", 3)).isEqualTo("fooBar");
        assertThat(PlainTypes.propertyName("setURL", 3)).isEqualTo("url");
        assertThat(PlainTypes.propertyName("setURLValue", 3)).isEqualTo("urlvalue");
        assertThat(PlainTypes.propertyName("setX", 3)).isEqualTo("x");
        assertThat(PlainTypes.propertyName("set_x", 3)).isEqualTo("_x");
        assertThat(PlainTypes.propertyName("isActive", 2)).isEqualTo("active");
    }

    @Test
    void typesThatAreNotPlainStillMapThroughJackson() {
        JacksonItemMapper mapper = JacksonItemMapper.standard();

        WithInstant withInstant = mapper.<WithInstant>readerFor(WithInstant.class)
                .read(Map.of("id", AttributeValue.s("a"), "at", AttributeValue.s("2026-11-22T10:00:00Z")));
        Renamed renamed = mapper.<Renamed>readerFor(Renamed.class).read(Map.of("order_id", AttributeValue.s("o-1")));

        assertThat(withInstant).isEqualTo(new WithInstant("a", Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(renamed).isEqualTo(new Renamed("o-1"));
        assertThat(mapper.objectMapperCreated()).isTrue();
    }

    @Test
    void aPlainTypeMapsWithoutCreatingAnObjectMapperUntilAValueNeedsJackson() {
        JacksonItemMapper mapper = JacksonItemMapper.standard();
        ItemReader<Plain> reader = mapper.readerFor(Plain.class);

        Plain plain = reader.read(Map.of(
                "id", AttributeValue.s("p"),
                "version", AttributeValue.n("3"),
                "tags", new AttributeValue.SS(List.of("x")),
                "kind", AttributeValue.s("B")));
        assertThat(plain).isEqualTo(new Plain("p", 3, List.of("x"), null, Kind.B));
        assertThat(mapper.objectMapperCreated()).isFalse();

        // A string where a number belongs: Jackson coerces it, as it always has.
        Plain coerced = reader.read(Map.of("id", AttributeValue.s("p"), "version", AttributeValue.s("4")));
        assertThat(coerced.version()).isEqualTo(4);
        assertThat(mapper.objectMapperCreated()).isTrue();
    }
}
