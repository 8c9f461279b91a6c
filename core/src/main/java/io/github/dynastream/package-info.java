/**
 * dynastream: typed processing of DynamoDB stream events in AWS Lambda. The entry point is {@link
 * io.github.dynastream.StreamProcessor#builder()}; handler methods are marked with {@link
 * io.github.dynastream.OnInsert}, {@link io.github.dynastream.OnModify} and {@link
 * io.github.dynastream.OnRemove}.
 */
package io.github.dynastream;
