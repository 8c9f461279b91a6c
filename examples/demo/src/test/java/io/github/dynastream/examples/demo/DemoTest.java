package io.github.dynastream.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.testkit.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's embedded story, as the README's command runs it. */
class DemoTest {
    @TempDir
    Path output;

    static String tell(String aws) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(aws, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What the demo's own JVM wrote and how it ended, as {@code mvn -Pdemo} runs it. */
    record Run(int exitStatus, String out, String err) {}

    static Run runMain(String aws, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Ddemo.aws=" + aws);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Demo.class.getName());
        Path out = output.resolve("out.txt");
        Path err = output.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the demo did not finish: " + Files.readString(out));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The records Lambda hands the order functions: the TTL delete is marked as DynamoDB marks it. */
    static final String ORDERS_BATCH = "Lambda call 1 got 8 record(s): INSERT o-1, INSERT o-2, INSERT o-3,"
            + " MODIFY o-1, MODIFY o-2, REMOVE o-2, REMOVE o-3 (TTL), INSERT o-4\n";

    /** What every stage tells alike. */
    static void assertTheSharedStory(String account) {
        assertThat(account)
                // order-audit
                .contains("== order-audit: one audit entry per change, idempotent by the stream record\n"
                        + "   function: ")
                .contains("audit of o-1: INSERT, MODIFY PLACED->PAID")
                .contains("audit of o-2: INSERT, MODIFY PLACED->CANCELLED, REMOVE\n")
                .contains("audit of o-3: INSERT, REMOVE (TTL)\n")
                // read-model: the poison record, each call's records and answer, one line per failure
                .containsPattern("   Lambda call 1 got 8 record\\(s\\): [^\n]+\n"
                        + "     -> answered \\{\"batchItemFailures\":\\[\\{\"itemIdentifier\":\"\\d+\"}]}: INSERT o-4"
                        + " failed \\(ItemMappingException: Cannot map attribute NewImage.status of record"
                        + " eventID=\\w+, sequenceNumber=\\d+ to [^\n]+\\); Lambda retries from it\n"
                        + "   Lambda call 2 \\(retry 1\\) got 1 record\\(s\\): INSERT o-4\n"
                        + "     -> answered \\{\"batchItemFailures\":\\[\\{\"itemIdentifier\":\"\\d+\"}]}: INSERT o-4"
                        + " failed again, same cause; Lambda retries from it\n"
                        + "   Lambda call 3 \\(retry 2\\) got 1 record\\(s\\): INSERT o-4\n")
                .contains("failure destination: RetryAttemptsExhausted after 3 attempt(s): INSERT o-4\n")
                .contains("alice: 1 open order(s), 25.00 open total")
                .contains("bob: 0 open order(s)")
                // replication
                .contains("o-1 at version 2")
                .contains("o-2 deleted (tombstone at version 2)")
                .contains("o-3 deleted (tombstone at version 1)")
                .contains("== replication: every change copied to a replica, never moving an item backwards\n"
                        + "   function: the deployed class ReplicationHandler\n" + "   " + ORDERS_BATCH)
                // ttl-archive: the expiry reaches the archive
                .contains("== ttl-archive: items that expire by TTL archived, user deletes ignored\n"
                        + "   function: the deployed class TtlArchiveHandler\n" + "   " + ORDERS_BATCH
                        + "     -> answered {\"batchItemFailures\":[]}: the whole batch succeeded\n")
                .containsPattern("archive: archive/Orders(-[0-9a-f]{8})?/\\d{4}/\\d{2}/\\d{2}/o-3.json\n")
                // payments
                .contains("Lambda call 1 got 3 record(s): INSERT alice/p-1, INSERT dave/p-2, INSERT alice/p-3\n")
                .contains("INSERT dave/p-2 failed (IllegalArgumentException: the gateway declines this currency)")
                .contains("Lambda call 5 (retry 4) got 2 record(s): INSERT dave/p-2, INSERT alice/p-3\n"
                        + "     -> answered {\"batchItemFailures\":[]}: the whole batch succeeded\n"
                        + "   failure destination: nothing\n"
                        + "   dead-lettered by the function: INSERT dave/p-2 (IllegalArgumentException: the gateway"
                        + " declines this currency)\n")
                .contains("charged: p-1, p-3")
                // s3-ingest: the deployed class, called with an ObjectCreated event
                .contains("function: the deployed class S3IngestHandler, on the bucket's ObjectCreated notification\n")
                .containsPattern("Lambda call 1 got ObjectCreated:Put s3://uploads(-[0-9a-f]{8})?"
                        + "/incoming/daily-totals.csv\n")
                .contains("-> answered {\"objects\":[{\"key\":\"incoming/daily-totals.csv\","
                        + "\"status\":\"INGESTED_WITH_INVALID_ROWS\",\"writtenRows\":3,\"invalidRows\":1}]}\n")
                .contains("report: line 4, date: is not an ISO-8601 date")
                // row notifications: the rows' keys (file, line) as the stream carries them
                .contains("function: the deployed class RowNotificationHandler\n")
                .containsPattern(
                        "Lambda call 1 got 3 record\\(s\\): INSERT (uploads[-0-9a-f]*)/incoming/daily-totals.csv/2,"
                                + " INSERT \\1/incoming/daily-totals.csv/3, INSERT \\1/incoming/daily-totals.csv/5\n")
                .containsPattern("notified: uploads(-[0-9a-f]{8})?/incoming/daily-totals.csv line 5")
                .endsWith("done.\n");
        assertNoStackTrace(account);
    }

    static void assertNoStackTrace(String text) {
        assertThat(text.lines())
                .noneMatch(line -> line.startsWith("\tat ")
                        || line.contains("Exception in thread")
                        || line.startsWith("Caused by:"));
    }

    @Test
    void theEmbeddedStoryTellsWhichRecordsEachCallGotWhatItAnsweredAndWhatReachedTheFailureDestination() {
        String account = tell("");

        assertThat(account).startsWith("dynastream demo on embedded");
        assertTheSharedStory(account);
        assertThat(account)
                .contains("o-3 expires: DynamoDB's TTL deletes it\n")
                .contains("function: the processor OrderAuditHandler builds, with the in-memory audit log")
                .contains("function: the processor CustomerOrdersHandler builds, with the in-memory projections")
                .contains("archive: archive/Orders/2026/01/01/o-3.json\n")
                .doesNotContain("Cleaning up");
    }

    @Test
    void theDemosJvmTellsTheEmbeddedStoryAndWritesNothingToStandardError() throws Exception {
        Run run = runMain("", output);

        assertThat(run.exitStatus()).isZero();
        assertThat(run.err()).isEmpty();
        assertTheSharedStory(run.out());
    }

    @Test
    void anEndpointThatCannotBeReachedEndsTheDemoWithOneLineAndExitStatus1() throws Exception {
        String endpoint = "http://127.0.0.1:" + LocalAws.freeLoopbackPort(); // nothing listens there

        Run run = runMain(endpoint, output);

        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err())
                .startsWith(
                        "demo: failed during [starting the stage (demo.aws=" + endpoint + ")]: SdkClientException: ")
                .contains("Unable to execute HTTP request");
        assertNoStackTrace(run.err());
        assertNoStackTrace(run.out());
    }

    @Test
    void anUnknownStageIsNamedInTheError() {
        assertThatThrownBy(() -> tell("kinesis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo.aws must be empty (embedded), moto, or an endpoint URL, but was [kinesis]");
    }
}
