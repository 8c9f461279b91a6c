package io.github.dynastream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method called for MODIFY records.
 *
 * <pre>{@code
 * @OnModify(changed = {"status", "total"})
 * void statusOrTotalChanged(Change<Order> change) { ... }
 * }</pre>
 *
 * <p>An item parameter is mapped from the NewImage; {@code Change<T>} carries both images. With
 * {@link #changed()}, the method is called only when at least one of the named top-level attributes
 * differs between the OldImage and the NewImage (added, removed or given another value); such a
 * filter needs a stream with NEW_AND_OLD_IMAGES, and a record without both images fails with {@link
 * MissingImageException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnModify {
    /** Top-level attribute names; empty (the default) calls the method for every MODIFY. */
    String[] changed() default {};
}
