package io.github.dynastream.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local, in process, in server mode on a free loopback port, with telemetry off; and SDK
 * clients that talk only to it (explicit endpoint, region and static credentials, so no default
 * provider chain looks for credentials or a region elsewhere).
 *
 * <pre>{@code
 * try (LocalDynamoDb dynamoDb = LocalDynamoDb.start()) {
 *     DynamoDbClient client = dynamoDb.client();
 *     ...
 * }
 * }</pre>
 *
 * <p>Needs, on the test classpath, {@code com.amazonaws:DynamoDBLocal} (its licence is not open source;
 * keep it test-scoped), {@code software.amazon.awssdk:dynamodb} and {@code
 * software.amazon.awssdk:url-connection-client}. Set {@code DDB_LOCAL_TELEMETRY=0} in the test
 * environment as well; on JDK 22 and later run tests with {@code --enable-native-access=ALL-UNNAMED}.
 * Start one per test class, not per test: a start takes about a second. DynamoDB Local leaves a
 * non-daemon thread behind after {@link #close()}: a {@code main} that started it must end with
 * {@code System.exit}.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts an in-memory DynamoDB Local.
     *
     * @throws IllegalStateException if it does not start
     */
    public static LocalDynamoDb start() {
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeLoopbackPort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
                return new LocalDynamoDb(server, port);
            } catch (Exception e) {
                if (!(e instanceof BindException || e.getCause() instanceof BindException)) {
                    throw new IllegalStateException("DynamoDB Local did not start", e);
                }
                last = e; // the port was taken between picking and binding: pick another
            }
        }
        throw new IllegalStateException("DynamoDB Local found no free port", last);
    }

    /** A loopback port nothing listens on right now. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new DynamoDB client for it; close it when done. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new DynamoDB Streams client for it; close it when done. */
    public DynamoDbStreamsClient streams() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
