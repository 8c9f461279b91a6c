package io.github.dynastream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link StreamProcessor#prime()} ran: how many synthetic records went through parsing and
 * dispatch, which item types were mapped, and which synthetic images a mapper rejected.
 *
 * <p>A rejected image says nothing about real images by itself: the synthetic one is made from the
 * item type alone (one attribute per field, named as the field), so a naming strategy, a converter or
 * a validating constructor may refuse it. Priming never fails on it and keeps nothing of it; a real
 * record that cannot be mapped fails exactly as it would without priming. A test that wants every
 * mapping path primed can assert {@code isComplete()}:
 *
 * <pre>{@code
 * PrimingResult priming = processor.prime();
 * assertThat(priming.mappingFailures()).isEmpty(); // else priming stopped short of these readers
 * }</pre>
 *
 * @param records synthetic records read, over every input shape primed
 * @param itemTypes the item types whose readers ran, by Java type name, in handler order
 * @param mappingFailures one per item type and image that a reader rejected, naming the synthetic
 *     record, the image, the attribute and the target type (as a real record's failure would)
 * @param duration how long priming took
 */
public record PrimingResult(
        int records, List<String> itemTypes, List<RecordException> mappingFailures, Duration duration) {

    public PrimingResult {
        itemTypes = List.copyOf(itemTypes);
        mappingFailures = List.copyOf(mappingFailures);
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every item type's reader mapped every synthetic image it was given. */
    public boolean isComplete() {
        return mappingFailures.isEmpty();
    }
}
