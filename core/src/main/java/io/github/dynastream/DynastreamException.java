package io.github.dynastream;

import io.github.dynastream.internal.ApiExceptions;

/**
 * The base of every exception dynastream throws or reports. Subclasses carry their facts as fields;
 * messages name records, attributes and types, never attribute values.
 *
 * <p>Only the exceptions of this package extend it (its constructors are package-private), so a
 * {@code catch (DynastreamException e)} sees exactly the failures listed here. Applications raise
 * the ones meant for them through their public constructors: {@link ItemMappingException} from an
 * {@code ItemMapper}, {@link MalformedEventException} and {@link MalformedAttributeException} from a
 * {@code ChangeSource}; the others only dynastream raises.
 */
public abstract class DynastreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static {
        ApiExceptions.register(new ExceptionFactory());
    }

    DynastreamException(String message) {
        super(message);
    }

    DynastreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
