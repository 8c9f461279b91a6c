/**
 * Implementation details of dynastream-core; not API, may change in any release. The steps between
 * the record and the outcome run here: {@code BatchRunner} (a batch, sequential or per key) and
 * {@code RecordRunner} (one record through the idempotency gate, the dispatcher with retries, the
 * dead-letter policy), {@code HandlerScanner} and {@code Dispatcher} (dispatch), {@code Argument}
 * (argument resolution through the item mapper).
 */
package io.github.dynastream.internal;
