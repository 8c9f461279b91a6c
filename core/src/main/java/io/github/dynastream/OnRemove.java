package io.github.dynastream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method called for REMOVE records.
 *
 * <pre>{@code
 * @OnRemove(ttl = OnRemove.Ttl.EXCLUDE)
 * void deletedByUser(Order order) { ... }     // Order mapped from the OldImage
 *
 * @OnRemove(ttl = OnRemove.Ttl.ONLY)
 * void expired(Order order) { ... }
 * }</pre>
 *
 * <p>A Time to Live delete is a REMOVE whose {@code userIdentity} is {@code {type: Service,
 * principalId: dynamodb.amazonaws.com}} ({@link ChangeRecord#isTimeToLiveDelete()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnRemove {
    /** Which deletes the method receives; by default all of them. */
    Ttl ttl() default Ttl.INCLUDE;

    /** Selects deletes by who made them. */
    enum Ttl {
        /** Every REMOVE, whether a user or Time to Live deleted the item. */
        INCLUDE,
        /** Only deletes made by users, not by Time to Live. */
        EXCLUDE,
        /** Only deletes made by Time to Live. */
        ONLY
    }
}
