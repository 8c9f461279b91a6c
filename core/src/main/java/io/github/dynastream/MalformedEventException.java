package io.github.dynastream;

/**
 * The input is not a DynamoDB stream event dynastream can process: invalid JSON, no records, a record
 * without a sequence number, an unsupported shape. Thrown from {@code process(...)} instead of
 * returning a success, so Lambda retries the batch and the problem is visible.
 */
public final class MalformedEventException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong and where (record index, eventID, field) */
    public MalformedEventException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and where
     * @param cause the parser's error
     */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
