package io.github.dynastream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A real AWS API on loopback for tests: DynamoDB, DynamoDB Streams and S3 from <a
 * href="https://github.com/getmoto/moto">moto</a>'s server, started on a free port and stopped
 * again, or an endpoint you run yourself; and SDK v2 clients that talk only to it.
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final LocalAws AWS = LocalAws.forTests();   // started before the class, stopped after
 *
 *     @Test
 *     void writesReachTheStream() {
 *         DynamoDbClient dynamoDb = AWS.dynamoDb();
 *         ...
 *     }
 * }
 *
 * try (LocalAws aws = LocalAws.start()) {                  // or plainly, from a test or a main
 *     DynamoDbStreamsClient streams = aws.dynamoDbStreams();
 * }
 * }</pre>
 *
 * <h2>Which endpoint</h2>
 *
 * <ol>
 *   <li>The one named by the system property {@value #ENDPOINT_PROPERTY} or the environment variable
 *       {@value #ENDPOINT_ENV}, for example moto in a container ({@code docker run -p 5000:5000
 *       motoserver/moto}): it is used as it is, never started or stopped.
 *   <li>Otherwise moto's server ({@code python -m moto.server}) is started on a free loopback port,
 *       with the interpreter named by {@value #PYTHON_PROPERTY} / {@value #PYTHON_ENV}, or else the
 *       first of {@code python3} and {@code python} on the {@code PATH}, {@code /usr/bin/python3} and
 *       {@code /usr/local/bin/python3} that can import it. Install it with {@code pip install
 *       "moto[server]"}. Its output goes to {@code target/moto/moto-PORT.log} (or a temporary folder
 *       outside a Maven module), not to the console.
 * </ol>
 *
 * <p>When neither is there, {@link #start()} throws {@link UnavailableException} with one line that
 * says how to get moto; as a JUnit extension the test class is skipped with that line instead,
 * except when the environment variable {@code CI} is set, where it fails.
 *
 * <h2>Clients</h2>
 *
 * Every client gets the endpoint, the region {@code us-east-1}, static credentials and the
 * URL-connection HTTP client: no default credential, region or instance-metadata lookup ever runs.
 * Clients made here are closed with this object. {@link #s3()} needs {@code
 * software.amazon.awssdk:s3} on the test classpath.
 *
 * <p>moto keeps its state in memory, serves one shard per table stream that never closes, and does
 * not delete items whose Time to Live has passed; see the testkit's notes on moto for what else
 * differs from DynamoDB. Thread-safe.
 */
public final class LocalAws implements AutoCloseable, BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /** System property naming an endpoint to use instead of starting moto. */
    public static final String ENDPOINT_PROPERTY = "dynastream.aws.endpoint";
    /** Environment variable naming an endpoint to use instead of starting moto. */
    public static final String ENDPOINT_ENV = "DYNASTREAM_AWS_ENDPOINT";
    /** System property naming the Python interpreter that has moto. */
    public static final String PYTHON_PROPERTY = "dynastream.moto.python";
    /** Environment variable naming the Python interpreter that has moto. */
    public static final String PYTHON_ENV = "DYNASTREAM_MOTO_PYTHON";
    /** The region every client gets. */
    public static final Region REGION = Region.US_EAST_1;

    private static final String HOW_TO_GET_MOTO = "install moto's server (pip install \"moto[server]\"), name its"
            + " interpreter with -D" + PYTHON_PROPERTY + "=PATH or " + PYTHON_ENV
            + ", or name a running endpoint with -D"
            + ENDPOINT_PROPERTY + "=http://127.0.0.1:PORT or " + ENDPOINT_ENV;
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Settings settings;
    private final boolean lifecycleIsTheTestClass;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private Running running;

    private LocalAws(Settings settings, boolean lifecycleIsTheTestClass) {
        this.settings = settings;
        this.lifecycleIsTheTestClass = lifecycleIsTheTestClass;
    }

    /**
     * Starts moto, or connects to the configured endpoint.
     *
     * @throws UnavailableException if no endpoint is configured and no Python with moto is found
     * @throws IllegalStateException if moto was found but did not start (the message names its log)
     */
    public static LocalAws start() {
        return builder().start();
    }

    /**
     * A JUnit 5 extension, to register on a static field with {@code @RegisterExtension}: it starts
     * before the class's first test and stops after its last. Test methods and constructors may also
     * take a {@code LocalAws} parameter.
     */
    public static LocalAws forTests() {
        return builder().forTests();
    }

    /** Settings beyond the system properties and environment variables. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the API listens, for example {@code http://127.0.0.1:49152}. */
    public synchronized URI endpoint() {
        return running().endpoint;
    }

    /** Whether this object started moto itself (and stops it on {@link #close()}). */
    public synchronized boolean startedMoto() {
        return running().process != null;
    }

    /** A DynamoDB client for this endpoint, closed with this object. */
    public DynamoDbClient dynamoDb() {
        return track(configure(DynamoDbClient.builder()).build());
    }

    /** A DynamoDB Streams client for this endpoint, closed with this object. */
    public DynamoDbStreamsClient dynamoDbStreams() {
        return track(configure(DynamoDbStreamsClient.builder()).build());
    }

    /**
     * An S3 client for this endpoint (path-style addressing), closed with this object.
     *
     * @throws NoClassDefFoundError if {@code software.amazon.awssdk:s3} is not on the classpath
     */
    // s3 is an optional dependency (requires static): a module that calls this requires it itself.
    @SuppressWarnings("exports")
    public S3Client s3() {
        return track(configure(S3Client.builder()).forcePathStyle(true).build());
    }

    /**
     * Points any SDK v2 client builder at this endpoint, with the region, static credentials and
     * HTTP client every client here gets; add your own settings (interceptors, retries) and build.
     * The caller closes what it builds.
     *
     * <pre>{@code
     * DynamoDbClient counted = aws.configure(DynamoDbClient.builder())
     *         .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
     *         .build();
     * }</pre>
     */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /**
     * Clears all of moto's state (tables, streams, buckets) with {@code POST /moto-api/reset}.
     *
     * @throws IllegalStateException if the endpoint does not answer it (it is not moto)
     */
    public void reset() {
        URI reset = endpoint().resolve("/moto-api/reset");
        try {
            HttpURLConnection connection = (HttpURLConnection) reset.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status != 200) {
                throw new IllegalStateException(reset + " answered " + status + ": is " + endpoint() + " moto?");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not reset " + endpoint(), e);
        }
    }

    /** A loopback port nothing listens on right now. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the clients made here and stops moto if this object started it; only that process. */
    @Override
    public synchronized void close() {
        List<SdkAutoCloseable> open = new ArrayList<>(clients);
        clients.clear();
        open.forEach(SdkAutoCloseable::close);
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    @Override
    public String toString() {
        Running current = running;
        return current == null ? "LocalAws[not started]" : "LocalAws[" + current.endpoint + "]";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (this) {
            if (running != null) {
                return;
            }
            try {
                running = Running.start(settings);
            } catch (UnavailableException e) {
                if (isCi()) {
                    throw new IllegalStateException(
                            e.getMessage() + " (CI is set, so this fails instead of skipping)", e);
                }
                Assumptions.abort(e.getMessage());
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lifecycleIsTheTestClass) {
            close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    private synchronized Running running() {
        if (running == null) {
            throw new IllegalStateException("LocalAws is not started: use LocalAws.start(), or register"
                    + " LocalAws.forTests() with @RegisterExtension on a static field");
        }
        return running;
    }

    private synchronized <C extends SdkAutoCloseable> C track(C client) {
        clients.add(client);
        return client;
    }

    private static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Neither an endpoint nor moto is available here. */
    public static final class UnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    /** Settings for a {@link LocalAws}; unset ones come from system properties and the environment. */
    public static final class Builder {
        private URI endpoint;
        private Path python;
        private Path logDirectory;

        private Builder() {}

        /** Use this endpoint instead of starting moto (overrides {@value LocalAws#ENDPOINT_PROPERTY}). */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Start moto with this interpreter (overrides {@value LocalAws#PYTHON_PROPERTY}). */
        public Builder python(Path python) {
            this.python = Objects.requireNonNull(python, "python");
            return this;
        }

        /** Where moto's output goes (default {@code target/moto}, or a temporary folder). */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
            return this;
        }

        /**
         * Starts moto, or connects to the endpoint.
         *
         * @throws UnavailableException if no endpoint is set and no Python with moto is found
         */
        public LocalAws start() {
            LocalAws aws = new LocalAws(settings(), false);
            aws.running = Running.start(aws.settings);
            return aws;
        }

        /** A JUnit 5 extension with these settings; see {@link LocalAws#forTests()}. */
        public LocalAws forTests() {
            return new LocalAws(settings(), true);
        }

        private Settings settings() {
            URI chosenEndpoint = endpoint != null
                    ? endpoint
                    : setting(ENDPOINT_PROPERTY, ENDPOINT_ENV).map(URI::create).orElse(null);
            Path chosenPython = python != null
                    ? python
                    : setting(PYTHON_PROPERTY, PYTHON_ENV).map(Path::of).orElse(null);
            Path logs = logDirectory != null
                    ? logDirectory
                    : Files.isDirectory(Path.of("target"))
                            ? Path.of("target", "moto")
                            : Path.of(System.getProperty("java.io.tmpdir"), "dynastream-moto");
            return new Settings(chosenEndpoint, chosenPython, logs);
        }
    }

    private record Settings(URI endpoint, Path python, Path logDirectory) {}

    /** An endpoint in use, and the moto process behind it if this object started one. */
    private static final class Running {
        final URI endpoint;
        final Process process;
        final Thread stopAtExit;

        private Running(URI endpoint, Process process) {
            this.endpoint = endpoint;
            this.process = process;
            if (process == null) {
                this.stopAtExit = null;
            } else {
                // A test run that never closes us must not leave moto running after the JVM ends.
                this.stopAtExit = new Thread(() -> destroy(process), "dynastream-moto-stop");
                Runtime.getRuntime().addShutdownHook(stopAtExit);
            }
        }

        static Running start(Settings settings) {
            if (settings.endpoint() != null) {
                return new Running(settings.endpoint(), null);
            }
            Path python = MotoPython.find(settings.python())
                    .orElseThrow(() -> new UnavailableException("no local AWS endpoint: moto's server was not found ("
                            + MotoPython.tried(settings.python()) + "); " + HOW_TO_GET_MOTO));
            String lastFailure = "";
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = freeLoopbackPort();
                Path log = settings.logDirectory().resolve("moto-" + port + ".log");
                Process process = launch(python, port, log);
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                String outcome = awaitReady(process, endpoint, log);
                if (outcome == null) {
                    return new Running(endpoint, process);
                }
                destroy(process);
                if (!outcome.contains("Address already in use")) {
                    throw new IllegalStateException("moto (" + python + ") did not start on port " + port + ": "
                            + outcome + "; its output is in " + log.toAbsolutePath());
                }
                lastFailure = outcome; // someone took the port between our pick and moto's bind
            }
            throw new IllegalStateException(
                    "moto found no free port in " + PORT_ATTEMPTS + " attempts: " + lastFailure);
        }

        private static Process launch(Path python, int port, Path log) {
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(
                                python.toString(), "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                builder.environment().put("PYTHONUNBUFFERED", "1");
                return builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not run " + python + " -m moto.server", e);
            }
        }

        /** Null once moto answers; otherwise why it will not. */
        private static String awaitReady(Process process, URI endpoint, Path log) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return "it exited with status " + process.exitValue() + " (" + lastLine(log) + ")";
                }
                if (answers(endpoint)) {
                    // The port could belong to another server if ours lost the race to bind it.
                    return process.isAlive() ? null : "it exited with status " + process.exitValue();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted while waiting for it";
                }
            }
            return "it did not answer within " + START_TIMEOUT.toSeconds() + " s";
        }

        private static boolean answers(URI endpoint) {
            try {
                HttpURLConnection connection = (HttpURLConnection)
                        endpoint.resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(5_000);
                int status = connection.getResponseCode();
                connection.disconnect();
                return status == 200;
            } catch (IOException notYet) {
                return false;
            }
        }

        private static String lastLine(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (!lines.get(i).isBlank()) {
                        return lines.get(i).strip();
                    }
                }
                return "no output";
            } catch (IOException e) {
                return "its log could not be read";
            }
        }

        void stop() {
            if (process != null) {
                destroy(process);
                try {
                    Runtime.getRuntime().removeShutdownHook(stopAtExit);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or has run: the process is being stopped either way.
                }
            }
        }

        private static void destroy(Process process) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly()
                            .waitFor(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Finds an interpreter that can import moto's server, once per JVM. */
    private static final class MotoPython {
        private static final List<Path> WELL_KNOWN =
                List.of(Path.of("/usr/bin/python3"), Path.of("/usr/local/bin/python3"));
        private static volatile Optional<Path> found;

        static Optional<Path> find(Path explicit) {
            if (explicit != null) {
                return hasMoto(explicit) ? Optional.of(explicit) : Optional.empty();
            }
            Optional<Path> cached = found;
            if (cached == null) {
                cached = candidates().stream().filter(MotoPython::hasMoto).findFirst();
                found = cached;
            }
            return cached;
        }

        static String tried(Path explicit) {
            if (explicit != null) {
                return explicit + " cannot import moto.server and flask";
            }
            return "tried " + candidates().stream().map(Path::toString).toList();
        }

        private static List<Path> candidates() {
            List<Path> candidates = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    for (String name : List.of("python3", "python")) {
                        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                        if (Files.isExecutable(candidate) && !candidates.contains(candidate)) {
                            candidates.add(candidate);
                        }
                    }
                }
            }
            for (Path candidate : WELL_KNOWN) {
                if (Files.isExecutable(candidate) && !candidates.contains(candidate)) {
                    candidates.add(candidate);
                }
            }
            return candidates;
        }

        private static boolean hasMoto(Path python) {
            try {
                Process probe = new ProcessBuilder(python.toString(), "-c", "import moto.server, flask")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!probe.waitFor(PROBE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    probe.destroyForcibly();
                    return false;
                }
                return probe.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
