package io.github.dynastream.internal;

import io.github.dynastream.DynastreamException;
import io.github.dynastream.HandlerDefinitionException;
import io.github.dynastream.MissingImageException;
import io.github.dynastream.RecordInProgressException;
import io.github.dynastream.StreamViewType;
import java.time.Instant;
import java.util.Objects;

/**
 * How internal code creates the API exceptions that only dynastream raises. Their constructors are
 * package-private, so that applications cannot make them; the one implementation sits next to the
 * constructors, in {@code io.github.dynastream}, and hands itself over once, when {@link
 * DynastreamException} is initialized (the JDK's "shared secrets" arrangement). This package is not
 * exported, so on the module path nothing outside dynastream can reach it.
 */
public abstract class ApiExceptions {
    private static ApiExceptions registered;

    protected ApiExceptions() {}

    /**
     * Called once, by {@code io.github.dynastream}.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void register(ApiExceptions exceptions) {
        Objects.requireNonNull(exceptions, "exceptions");
        if (registered != null) {
            throw new IllegalStateException("API exceptions are already registered: " + registered.getClass());
        }
        registered = exceptions;
    }

    /** The implementation; initializes {@link DynastreamException} first if nothing has yet. */
    public static ApiExceptions get() {
        ApiExceptions exceptions = current();
        if (exceptions == null) {
            try {
                Class.forName(DynastreamException.class.getName(), true, DynastreamException.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            exceptions = current();
            if (exceptions == null) {
                throw new IllegalStateException("DynastreamException did not register the API exceptions");
            }
        }
        return exceptions;
    }

    private static synchronized ApiExceptions current() {
        return registered;
    }

    /** See {@link HandlerDefinitionException}. */
    public abstract HandlerDefinitionException handlerDefinition(String handlerClass, String method, String reason);

    /** See {@link MissingImageException}. */
    public abstract MissingImageException missingImage(
            String eventId, String sequenceNumber, String image, StreamViewType streamViewType, String neededBy);

    /** See {@link RecordInProgressException}. */
    public abstract RecordInProgressException recordInProgress(
            String eventId, String sequenceNumber, Instant leaseExpiresAt);
}
