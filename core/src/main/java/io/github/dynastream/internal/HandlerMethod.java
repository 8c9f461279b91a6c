package io.github.dynastream.internal;

import io.github.dynastream.ChangeRecord;
import java.lang.invoke.MethodHandle;

/** One annotated method, ready to call: a bound method handle and how to fill each parameter. */
final class HandlerMethod {
    private final String description;
    private final MethodHandle invoker;
    private final Argument[] arguments;

    /**
     * @param invoker the method bound to its handler object, taking the arguments as one {@code
     *     Object[]} and returning void
     */
    HandlerMethod(String description, MethodHandle invoker, Argument[] arguments) {
        this.description = description;
        this.invoker = invoker;
        this.arguments = arguments;
    }

    /** How each parameter is filled. */
    Argument[] arguments() {
        return arguments;
    }

    /** {@code OrderEvents.created(Order)}: how messages and logs name the method. */
    String description() {
        return description;
    }

    void invoke(ChangeRecord record, Argument.RecordItems items) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].resolve(record, items, description);
        }
        invoker.invokeExact(values);
    }

    @Override
    public String toString() {
        return description;
    }
}
