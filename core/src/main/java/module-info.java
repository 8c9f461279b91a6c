/**
 * dynastream-core: typed processing of DynamoDB stream events. The entry point is {@link
 * io.github.dynastream.StreamProcessor#builder()}.
 *
 * <p>{@code aws-lambda-java-events} and {@code aws-lambda-java-core} name no module, so they are
 * required by the names Java derives from their file names; see the README, "Java modules".
 * {@code aws-lambda-java-core} is optional at run time (Lambda provides it): a module that uses
 * {@code process(..., Context)} or {@code DynamoDbStreamHandler} requires it itself.
 */
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.github.dynastream.core {
    requires transitive aws.lambda.java.events;
    requires static aws.lambda.java.core;
    requires transitive com.fasterxml.jackson.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.retry;
    requires org.slf4j;
    // Optional: primeBeforeCheckpoint() loads its CRaC resource only when org.crac is present.
    requires static org.crac;

    exports io.github.dynastream;
    exports io.github.dynastream.mapping;
    exports io.github.dynastream.source;
    exports io.github.dynastream.window;
    // Not API: the SDK v2 bridge shares the number rules (DynamoNumbers).
    exports io.github.dynastream.internal to
            io.github.dynastream.enhanced;
}
