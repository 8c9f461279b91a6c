/**
 * dynastream-testkit: writing stream events, asserting on outcomes, simulating Lambda's retries,
 * QuickTheories generators and a local AWS endpoint. Entry points: {@link
 * io.github.dynastream.testkit.StreamEvents#table(String)} and {@link
 * io.github.dynastream.testkit.StreamAssertions}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.dynastream.testkit {
    requires transitive io.github.dynastream.core;
    requires transitive io.github.dynastream.enhanced;
    requires transitive aws.lambda.java.core;
    requires transitive org.assertj.core;
    requires transitive quicktheories;
    requires transitive org.junit.jupiter.api;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires static software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires transitive software.amazon.awssdk.regions;
    requires software.amazon.awssdk.utils;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports io.github.dynastream.testkit;
}
