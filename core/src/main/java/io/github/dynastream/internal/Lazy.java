package io.github.dynastream.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed on first use and kept. Racing threads may both compute it; the result is the
 * same immutable value, so either may win.
 */
public final class Lazy<T> implements Supplier<T> {
    private volatile Supplier<T> supplier;
    private volatile T value;

    private Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    /** A value that {@code supplier} computes on first use. */
    public static <T> Lazy<T> of(Supplier<T> supplier) {
        return new Lazy<>(Objects.requireNonNull(supplier, "supplier"));
    }

    /** A value known already. */
    public static <T> Lazy<T> ofValue(T value) {
        Lazy<T> lazy = new Lazy<>(null);
        lazy.value = value;
        return lazy;
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            Supplier<T> source = supplier;
            if (source == null) {
                return value;
            }
            result = source.get();
            value = result;
            supplier = null;
        }
        return result;
    }

    /** Whether the value has been computed (or was given). */
    public boolean isComputed() {
        return value != null;
    }
}
