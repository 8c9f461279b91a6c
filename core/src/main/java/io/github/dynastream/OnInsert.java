package io.github.dynastream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method called for every INSERT record.
 *
 * <pre>{@code
 * @OnInsert
 * void created(Order order) { ... }          // Order mapped from the NewImage
 * }</pre>
 *
 * <p>The method must be public or package-private, non-static and return {@code void}. Its
 * parameters, in any order, may be: the item type (from the NewImage), {@code Change<T>} (with a
 * null {@code oldItem}), {@link ChangeRecord}, or {@code Map<String, AttributeValue>} (the raw
 * NewImage). See {@link StreamProcessor} for the invocation order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnInsert {}
