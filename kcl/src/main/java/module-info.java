/**
 * dynastream-kcl: the same {@link io.github.dynastream.StreamProcessor} on Kinesis Client Library 3
 * workers, through the DynamoDB Streams Kinesis Adapter. The entry point is {@link
 * io.github.dynastream.kcl.KclWorker#builder()}.
 *
 * <p>{@code amazon-kinesis-client} and {@code dynamodb-streams-kinesis-adapter} name no module, so
 * they are required by the names Java derives from their file names; see the README, "Java modules".
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.dynastream.kcl {
    requires transitive io.github.dynastream.core;
    requires transitive io.github.dynastream.enhanced;
    requires transitive amazon.kinesis.client;
    requires transitive dynamodb.streams.kinesis.adapter;
    requires org.slf4j;
    requires software.amazon.awssdk.arns;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.cloudwatch;

    exports io.github.dynastream.kcl;
}
