package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad handlers fail in build(), naming class, method and reason. */
class HandlerDefinitionTest {
    record Order(String id) {}

    private static HandlerDefinitionException rejected(Object handler) {
        try {
            StreamProcessor.builder().handler(handler).build();
        } catch (HandlerDefinitionException e) {
            return e;
        }
        throw new AssertionError("build() accepted " + handler.getClass().getName());
    }

    static class TwoItems {
        @OnInsert
        void on(Order a, Order b) {}
    }

    static class ItemAndChange {
        @OnModify
        void on(Order a, Change<Order> change) {}
    }

    static class Unresolvable {
        @OnInsert
        void on(String text) {}
    }

    static class PrimitiveParameter {
        @OnRemove
        void on(ChangeRecord record, int count) {}
    }

    static class ReturnsValue {
        @OnInsert
        boolean on(Order order) {
            return true;
        }
    }

    static class PrivateMethod {
        @OnInsert
        private void on(Order order) {}
    }

    static class StaticMethod {
        @OnInsert
        static void on(Order order) {}
    }

    static class EmptyChanged {
        @OnModify(changed = {"status", ""})
        void on(Order order) {}
    }

    static class DuplicateChanged {
        @OnModify(changed = {"status", "status"})
        void on(Order order) {}
    }

    static class RawChange {
        @SuppressWarnings("rawtypes")
        @OnModify
        void on(Change change) {}
    }

    static class WildcardChange {
        @OnModify
        void on(Change<?> change) {}
    }

    static class TwoRecords {
        @OnInsert
        void on(ChangeRecord a, ChangeRecord b) {}
    }

    static class NoAnnotatedMethods {
        void on(Order order) {}
    }

    static class Generic<T> {
        @OnInsert
        void on(T item) {}
    }

    @Test
    void rejectsBadSignaturesNamingClassMethodAndReason() {
        assertThat(rejected(new TwoItems()))
                .hasMessageContaining(
                        TwoItems.class.getName() + ".on(HandlerDefinitionTest.Order, HandlerDefinitionTest.Order)")
                .hasMessageContaining("two item parameters");
        assertThat(rejected(new ItemAndChange())).hasMessageContaining("two item parameters");
        assertThat(rejected(new Unresolvable()))
                .hasMessageContaining("parameter 1 (java.lang.String) cannot be resolved");
        assertThat(rejected(new PrimitiveParameter())).hasMessageContaining("parameter 2 (int) cannot be resolved");
        assertThat(rejected(new ReturnsValue()))
                .hasMessageContaining("returns boolean; handler methods must return void");
        assertThat(rejected(new PrivateMethod())).hasMessageContaining("is private");
        assertThat(rejected(new StaticMethod())).hasMessageContaining("is static");
        assertThat(rejected(new EmptyChanged())).hasMessageContaining("empty attribute name");
        assertThat(rejected(new DuplicateChanged())).hasMessageContaining("names \"status\" twice");
        assertThat(rejected(new RawChange())).hasMessageContaining("needs a type argument");
        assertThat(rejected(new WildcardChange())).hasMessageContaining("type variable or wildcard");
        assertThat(rejected(new TwoRecords())).hasMessageContaining("takes ChangeRecord twice");
        assertThat(rejected(new Generic<Order>())).hasMessageContaining("type variable or wildcard");
        assertThat(rejected(new NoAnnotatedMethods()))
                .hasMessageContaining("Invalid handler " + NoAnnotatedMethods.class.getName())
                .hasMessageContaining("has no @OnInsert, @OnModify or @OnRemove methods");
    }

    @Test
    void exceptionCarriesItsFacts() {
        HandlerDefinitionException e = rejected(new ReturnsValue());

        assertThat(e.handlerClass()).isEqualTo(ReturnsValue.class.getName());
        assertThat(e.method()).isEqualTo("on(HandlerDefinitionTest.Order)");
        assertThat(e.reason()).startsWith("returns boolean");
    }

    @Test
    void buildNeedsAHandler() {
        assertThatThrownBy(() -> StreamProcessor.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one handler");
        assertThatThrownBy(() -> StreamProcessor.builder().handler(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("handler");
    }

    public static class PublicHandler {
        @OnInsert
        public void on(Order order) {}
    }

    static class Base {
        @OnRemove
        void removed(ChangeRecord record) {}
    }

    static class Derived extends Base {
        @OnInsert
        void inserted(Map<String, AttributeValue> image) {}
    }

    @Test
    void acceptsAnyKindOfClassAndInheritedMethods() {
        class Local {
            @OnInsert
            void on(Order order, ChangeRecord record) {}
        }
        Object anonymous = new Object() {
            @OnModify(changed = "id")
            void on(ChangeRecord record, Change<List<String>> change) {}
        };

        StreamProcessor processor = StreamProcessor.builder()
                .handler(new PublicHandler())
                .handler(new Local())
                .handler(anonymous)
                .handler(new Derived())
                .build();

        assertThat(processor.handlerMethods(EventName.INSERT))
                .containsExactly(
                        "HandlerDefinitionTest.PublicHandler.on(HandlerDefinitionTest.Order)",
                        "Local.on(HandlerDefinitionTest.Order, ChangeRecord)",
                        "HandlerDefinitionTest.Derived.inserted(Map<String, AttributeValue>)");
        assertThat(processor.handlerMethods(EventName.MODIFY))
                .containsExactly("HandlerDefinitionTest$1.on(ChangeRecord, Change<List<String>>)");
        assertThat(processor.handlerMethods(EventName.REMOVE))
                .containsExactly("HandlerDefinitionTest.Base.removed(ChangeRecord)");
    }
}
