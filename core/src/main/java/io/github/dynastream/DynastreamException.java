package io.github.dynastream;

/**
 * The base of every exception dynastream throws or reports. Subclasses carry their facts as fields;
 * messages name records, attributes and types, never attribute values.
 */
public abstract class DynastreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DynastreamException(String message) {
        super(message);
    }

    protected DynastreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
