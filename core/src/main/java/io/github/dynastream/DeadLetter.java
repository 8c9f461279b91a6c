package io.github.dynastream;

import java.util.Objects;

/**
 * A record given up on after repeated failures, handed whole to a {@link DeadLetterSink} with its
 * cause.
 *
 * @param record the record, with its images
 * @param cause what the last delivery failed with
 * @param deliveries how many deliveries failed, this one included
 */
public record DeadLetter(ChangeRecord record, Throwable cause, int deliveries) {
    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(cause, "cause");
    }
}
