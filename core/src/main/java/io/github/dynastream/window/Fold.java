package io.github.dynastream.window;

/**
 * Folds one change into a window's state: takes the state so far and the change, returns the new
 * state (the same object, changed, or a new one). Throwing fails the record: the state stays what
 * it was before the record, and Lambda retries from it.
 *
 * <pre>{@code
 * Fold<Totals, Order> placed = (totals, order) -> totals.plus(order.total());
 * }</pre>
 *
 * @param <S> the state type
 * @param <T> what is folded: an item, or a {@code Change} of items
 */
@FunctionalInterface
public interface Fold<S, T> {
    S apply(S state, T change) throws Exception;
}
