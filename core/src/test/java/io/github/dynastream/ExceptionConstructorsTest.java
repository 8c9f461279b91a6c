package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.internal.ApiExceptions;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications construct the exceptions meant for their own code (an ItemMapper's, a ChangeSource's)
 * and no others; the rest come from dynastream through {@link ApiExceptions}.
 */
class ExceptionConstructorsTest {
    private static List<Constructor<?>> visibleConstructors(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()))
                .toList();
    }

    @Test
    void onlyTheExceptionsUserCodeRaisesHavePublicConstructors() {
        for (Class<?> onlyDynastream : List.of(
                DynastreamException.class,
                RecordException.class,
                HandlerDefinitionException.class,
                MissingImageException.class,
                RecordInProgressException.class)) {
            assertThat(visibleConstructors(onlyDynastream))
                    .as("public or protected constructors of %s", onlyDynastream.getSimpleName())
                    .isEmpty();
        }
        for (Class<?> raisedByUsers :
                List.of(ItemMappingException.class, MalformedEventException.class, MalformedAttributeException.class)) {
            assertThat(visibleConstructors(raisedByUsers))
                    .as("public constructors of %s", raisedByUsers.getSimpleName())
                    .isNotEmpty()
                    .allMatch(c -> Modifier.isPublic(c.getModifiers()));
        }
    }

    @Test
    void internalCodeCreatesTheOthersWithTheirFacts() {
        ApiExceptions exceptions = ApiExceptions.get();

        HandlerDefinitionException definition =
                exceptions.handlerDefinition("com.example.OrderEvents", "created(Order)", "is private");
        MissingImageException missing = exceptions.missingImage(
                "e-1", "100", "OldImage", StreamViewType.NEW_IMAGE, "OrderEvents.changed(Change)");
        Instant expiry = Instant.parse("2026-12-01T10:15:30Z");
        RecordInProgressException inProgress = exceptions.recordInProgress("e-2", "200", expiry);

        assertThat(definition.handlerClass()).isEqualTo("com.example.OrderEvents");
        assertThat(definition.method()).isEqualTo("created(Order)");
        assertThat(definition).hasMessage("Invalid handler method com.example.OrderEvents.created(Order): is private");
        assertThat(missing.eventId()).isEqualTo("e-1");
        assertThat(missing.image()).isEqualTo("OldImage");
        assertThat(missing.streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(inProgress.sequenceNumber()).isEqualTo("200");
        assertThat(inProgress.leaseExpiresAt()).isEqualTo(expiry);
    }

    @Test
    void theImplementationIsHandedOverOnlyOnce() {
        ApiExceptions.get();

        assertThatThrownBy(() -> ApiExceptions.register(new ExceptionFactory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already registered");
    }
}
