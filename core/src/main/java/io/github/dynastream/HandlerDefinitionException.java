package io.github.dynastream;

import java.util.Objects;

/**
 * A handler object or method cannot be used; thrown by {@link StreamProcessor.Builder#build()}, so a
 * bad handler fails at start-up, never on the first record. Only dynastream raises it (the constructor
 * is package-private).
 */
public final class HandlerDefinitionException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final String handlerClass;
    private final String method;
    private final String reason;

    /**
     * @param handlerClass the handler's class name
     * @param method the method's signature, or null when the problem is the class itself
     * @param reason what is wrong and how to fix it
     */
    HandlerDefinitionException(String handlerClass, String method, String reason) {
        super(message(handlerClass, method, reason));
        this.handlerClass = Objects.requireNonNull(handlerClass, "handlerClass");
        this.method = method;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(String handlerClass, String method, String reason) {
        return method == null
                ? "Invalid handler " + handlerClass + ": " + reason
                : "Invalid handler method " + handlerClass + "." + method + ": " + reason;
    }

    /** The handler's class name. */
    public String handlerClass() {
        return handlerClass;
    }

    /** The method's signature, or null when the problem is the class itself. */
    public String method() {
        return method;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
