package io.github.dynastream.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.examples.orderaudit.AuditEntry;
import io.github.dynastream.examples.orderaudit.OrderAudit;
import io.github.dynastream.examples.orderaudit.OrderAuditHandler;
import io.github.dynastream.examples.payments.PaymentGateway;
import io.github.dynastream.examples.payments.PaymentHandler;
import io.github.dynastream.examples.payments.PaymentProcessing;
import io.github.dynastream.examples.readmodel.CustomerOrders;
import io.github.dynastream.examples.readmodel.CustomerOrdersHandler;
import io.github.dynastream.examples.readmodel.ReadModel;
import io.github.dynastream.examples.s3ingest.FileIngest;
import io.github.dynastream.examples.s3ingest.InMemoryNotifier;
import io.github.dynastream.examples.s3ingest.IngestReport;
import io.github.dynastream.examples.s3ingest.Notification;
import io.github.dynastream.examples.s3ingest.ParsedRow;
import io.github.dynastream.examples.s3ingest.ReportSink;
import io.github.dynastream.examples.s3ingest.RowProblem;
import io.github.dynastream.examples.s3ingest.S3IngestHandler;
import io.github.dynastream.examples.ttlarchive.ArchiveLayout;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local demo: a scripted story — orders placed, paid, cancelled, one that expires by TTL, one
 * poison record that always fails, a CSV upload with a bad row — through the example functions,
 * told as it goes: which function saw which records, what it answered Lambda ({@code
 * batchItemFailures}), what reached the failure destination and what was dead-lettered; one line
 * per failure with its cause's message, never a stack trace.
 *
 * <pre>{@code
 * mvn -q -Pdemo -DskipTests package                                     # embedded: nothing but the JDK
 * mvn -q -Pdemo -DskipTests package -Ddemo.aws=moto                     # moto, started for the demo
 * mvn -q -Pdemo -DskipTests package -Ddemo.aws=http://127.0.0.1:5000    # an endpoint you run
 * }</pre>
 *
 * <p>The functions run as their deployed handler classes where the stage can build them (on a real
 * endpoint all but the payments function, whose class connects no gateway; embedded, the classes
 * that take in-memory stores), otherwise as the processor their class builds; either way they are
 * called with the event's JSON as Lambda calls them (see {@link StreamFunction}). The S3 ingest
 * function is its deployed class, called with an S3 {@code ObjectCreated} event built here.
 *
 * <p>An endpoint you name must serve, in {@code us-east-1} with the static test credentials {@code
 * test}/{@code test}: DynamoDB (CreateTable with streams, PutItem, GetItem, DeleteItem, Query, Scan,
 * BatchWriteItem, conditional writes, DeleteTable), DynamoDB Streams (DescribeStream,
 * GetShardIterator, GetRecords) and S3 (CreateBucket, PutObject, GetObject, ListObjectsV2,
 * DeleteObject, DeleteBucket, path-style addressing); moto's server does. The demo never resets it
 * and touches nothing it did not create: its tables and buckets get a suffix unique to the run
 * ({@code Orders-1a2b3c4d}, {@code uploads-1a2b3c4d}) and are deleted at the end, which the account
 * lists. The expiry is a delete whose REMOVE record is given the TTL identity, as the account says:
 * moto does not delete expired items.
 *
 * <p>Any failure ends the demo with one line on standard error (what it was doing, and the cause's
 * message) and exit status 1.
 */
public final class Demo {
    private static final String ORDERS = "Orders";
    private static final String PAYMENTS = "Payments";
    private static final String ROWS = "IngestedRows";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {}

    public static void main(String[] args) {
        try {
            run(System.getProperty("demo.aws", ""), System.out);
        } catch (RuntimeException e) {
            System.out.flush();
            System.err.println("demo: " + (e instanceof DemoException ? e.getMessage() : Account.oneLine(e)));
            System.exit(1);
        }
    }

    /**
     * Tells the story.
     *
     * @param aws empty for the embedded stage, {@code moto}, or an endpoint URL
     * @param out where the account goes
     * @throws IllegalArgumentException if {@code aws} is none of those
     * @throws LocalAws.UnavailableException if moto is asked for and cannot be found
     * @throws DemoException if the story failed, saying what it was doing and why
     */
    static void run(String aws, PrintStream out) {
        String named = aws.strip();
        Account account = new Account(out);
        account.during("starting the stage (demo.aws=" + named + ")");
        if (!(named.isEmpty()
                || named.equals("embedded")
                || named.equals("moto")
                || named.startsWith("http://")
                || named.startsWith("https://"))) {
            throw new IllegalArgumentException(
                    "demo.aws must be empty (embedded), moto, or an endpoint URL, but was [" + named + "]");
        }
        try (Stage stage = stage(named)) {
            new Demo().tell(stage, account, out);
            account.during("stopping the stage");
        } catch (LocalAws.UnavailableException e) {
            throw e; // its message says how to get moto
        } catch (RuntimeException e) {
            throw new DemoException(account.section(), e);
        }
    }

    private static Stage stage(String aws) {
        if (aws.isEmpty() || aws.equals("embedded")) {
            return new EmbeddedStage();
        }
        return new AwsStage(
                aws.equals("moto")
                        ? LocalAws.start()
                        : LocalAws.builder().endpoint(URI.create(aws)).start());
    }

    /** The story failed: what the demo was doing, and the cause as one line. */
    static final class DemoException extends IllegalStateException {
        DemoException(String doing, RuntimeException cause) {
            super("failed during [" + doing + "]: " + Account.oneLine(cause), cause);
        }
    }

    private void tell(Stage stage, Account account, PrintStream out) {
        out.println("dynastream demo on " + stage.description());
        stage.createTable(ORDERS, "id", null, StreamViewType.NEW_AND_OLD_IMAGES);
        stage.createTable(PAYMENTS, "accountId", "paymentId", StreamViewType.NEW_AND_OLD_IMAGES);
        stage.createTable(ROWS, "file", "line", StreamViewType.NEW_IMAGE);

        orders(stage, account);
        payments(stage, account);
        upload(stage, account);

        account.during("removing the tables and buckets the demo created");
        List<String> removed = stage.cleanUp();
        if (!removed.isEmpty()) {
            account.title("Cleaning up: the demo removes what it created on the endpoint, and nothing else");
            removed.forEach(thing -> account.line("deleted " + thing));
        }
        out.println();
        out.println("done.");
    }

    private void orders(Stage stage, Account account) {
        account.title("The story, part 1: orders");
        write(stage, account, order("o-1", "alice", "PLACED", "25.00", 1), "alice places o-1");
        write(stage, account, order("o-2", "bob", "PLACED", "40.00", 1), "bob places o-2");
        write(stage, account, order("o-3", "alice", "PLACED", "12.50", 1), "alice places o-3, to expire by TTL");
        write(stage, account, order("o-1", "alice", "PAID", "25.00", 2), "alice pays o-1");
        write(stage, account, order("o-2", "bob", "CANCELLED", "40.00", 2), "bob cancels o-2");
        stage.delete(ORDERS, Map.of("id", AttributeValue.fromS("o-2")));
        account.line("bob deletes o-2");
        account.line("o-3 expires: " + stage.expire(ORDERS, Map.of("id", AttributeValue.fromS("o-3"))));
        write(
                stage,
                account,
                order("o-4", "carol", "LOST", "9.99", 1),
                "carol's o-4 is written with status LOST, which the read model does not know: a poison record");

        account.title("order-audit: one audit entry per change, idempotent by the stream record");
        deliver(
                stage,
                account,
                ORDERS,
                2,
                stage.dynamoDb()
                        .map(client -> Deployed.orderAudit(client, stage.tableName(Stage.AUDIT_TABLE)))
                        .orElseGet(() -> Deployed.asBuiltBy(
                                OrderAudit.processor(stage.auditLog()),
                                OrderAuditHandler.class,
                                "with the in-memory audit log (the class takes a DynamoDB client)")));
        for (String id : List.of("o-1", "o-2", "o-3", "o-4")) {
            List<AuditEntry> history = stage.auditLog().history(id);
            account.line("audit of " + id + ": "
                    + String.join(", ", history.stream().map(Demo::entry).toList()));
        }

        account.title("read-model: open orders per customer, from @OnModify(changed = ...) in per-item order");
        deliver(
                stage,
                account,
                ORDERS,
                2,
                stage.dynamoDb()
                        .map(client -> Deployed.readModel(client, stage.tableName(Stage.PROJECTION_TABLE)))
                        .orElseGet(() -> Deployed.asBuiltBy(
                                ReadModel.processor(stage.projections()),
                                CustomerOrdersHandler.class,
                                "with the in-memory projections (the class takes a DynamoDB client)")));
        for (String customer : List.of("alice", "bob", "carol")) {
            CustomerOrders projection = stage.projections().get(customer);
            account.line(customer + ": " + projection.openOrders() + " open order(s), " + projection.openTotal()
                    + " open total");
        }

        account.title("replication: every change copied to a replica, never moving an item backwards");
        deliver(stage, account, ORDERS, 2, Deployed.replication(stage.replica()));
        stage.replicaItems().forEach(account::line);

        account.title("ttl-archive: items that expire by TTL archived, user deletes ignored");
        deliver(stage, account, ORDERS, 2, Deployed.ttlArchive(stage.archive(), ArchiveLayout.of("id")));
        List<String> archived = stage.archivedKeys();
        account.line(archived.isEmpty() ? "archive: empty" : "archive: " + String.join(", ", archived));
    }

    private void payments(Stage stage, Account account) {
        account.title("The story, part 2: payments for the paid orders");
        stage.put(PAYMENTS, payment("alice", "p-1", "25.00", "EUR"));
        account.line("alice's payment p-1 for o-1: 25.00 EUR");
        stage.put(PAYMENTS, payment("dave", "p-2", "99.00", "XTS"));
        account.line("dave's payment p-2 in a currency the gateway always declines");
        stage.put(PAYMENTS, payment("alice", "p-3", "12.50", "EUR"));
        account.line("alice's payment p-3: 12.50 EUR");

        account.title("payments (basics): charged once each; a payment that fails 5 deliveries is dead-lettered");
        List<String> charged = new ArrayList<>();
        PaymentGateway gateway = payment -> {
            if (!payment.currency().equals("EUR")) {
                throw new IllegalArgumentException("the gateway declines this currency");
            }
            synchronized (charged) {
                charged.add(payment.paymentId());
            }
        };
        deliver(
                stage,
                account,
                PAYMENTS,
                10,
                Deployed.asBuiltBy(
                        PaymentProcessing.processor(stage.idempotency("payments#"), stage.deadLetters(), gateway),
                        PaymentHandler.class,
                        "with the demo's gateway (the class connects none)"));
        account.line("charged: " + String.join(", ", charged));
    }

    private void upload(Stage stage, Account account) {
        account.title("The story, part 3: a CSV upload with a bad row");
        String key = "incoming/daily-totals.csv";
        String csv = """
                name,date,value
                order-export-1,2026-11-28,25.00
                order-export-2,2026-11-28,40.00
                order-export-3,28/11/2026,12.50
                order-export-4,2026-11-29,9.99
                """;
        stage.upload(key, "text/csv", csv);
        account.line("a CSV of 4 rows lands in s3://" + stage.bucketName() + "/" + key
                + "; the third row's date is not ISO-8601");

        account.title("s3-ingest: the file checked row by row, valid rows written in chunks, bad rows reported");
        account.line("function: the deployed class " + S3IngestHandler.class.getSimpleName()
                + ", on the bucket's ObjectCreated notification");
        List<IngestReport> reports = new ArrayList<>();
        ReportSink reportSink = stage.reports();
        S3IngestHandler handler = new S3IngestHandler(FileIngest.of(stage.bucket(), stage.rows(ROWS), report -> {
            reports.add(report);
            reportSink.write(report);
        }));
        account.line("Lambda call 1 got ObjectCreated:Put s3://" + stage.bucketName() + "/" + key);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(
                            objectCreated(stage.bucketName(), key, csv.getBytes(StandardCharsets.UTF_8).length)),
                    answer,
                    TestContext.withRemainingTime(Duration.ofMinutes(15)));
            account.line("  -> answered " + answer.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            account.line("  -> threw " + Account.oneLine(e) + "; Lambda retries the event");
        }
        for (IngestReport report : reports) {
            for (ParsedRow.Invalid invalid : report.reportedRows()) {
                for (RowProblem problem : invalid.problems()) {
                    account.line("report: line " + invalid.line() + ", " + problem.field() + ": " + problem.reason());
                }
            }
        }

        account.title("s3-ingest notifications: the rows table's stream announces each new row");
        InMemoryNotifier notifier = new InMemoryNotifier();
        deliver(stage, account, ROWS, 2, Deployed.rowNotifications(notifier));
        for (Notification notification : notifier.sent()) {
            account.line("notified: " + notification.file() + " line " + notification.line());
        }
    }

    private static void deliver(
            Stage stage, Account account, String table, int maximumRetryAttempts, Deployed.Function function) {
        account.line("function: " + function.description());
        account.deliveries(
                stage.deliver(table, maximumRetryAttempts, StreamFunction.of(function.processor(), account)));
    }

    /** The notification S3 sends for one new object (the S3 user guide, "Event message structure"). */
    private static byte[] objectCreated(String bucket, String key, long size) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", "us-east-1")
                .put("eventTime", "2026-11-28T09:00:00.000Z")
                .put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "ingest");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object")
                .put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", size);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String entry(AuditEntry entry) {
        String what = entry.eventName().name();
        if (entry.oldStatus() != null
                && entry.newStatus() != null
                && !entry.oldStatus().equals(entry.newStatus())) {
            what += " " + entry.oldStatus() + "->" + entry.newStatus();
        }
        return what + (entry.timeToLive() ? " (TTL)" : "");
    }

    private static void write(Stage stage, Account account, Map<String, AttributeValue> item, String story) {
        stage.put(ORDERS, item);
        account.line(story);
    }

    private static Map<String, AttributeValue> payment(String account, String id, String amount, String currency) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("accountId", AttributeValue.fromS(account));
        item.put("paymentId", AttributeValue.fromS(id));
        item.put("amount", AttributeValue.fromN(amount));
        item.put("currency", AttributeValue.fromS(currency));
        return item;
    }

    private static Map<String, AttributeValue> order(
            String id, String customer, String status, String total, int version) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("type", AttributeValue.fromS("ORDER"));
        item.put("customerId", AttributeValue.fromS(customer));
        item.put("status", AttributeValue.fromS(status));
        item.put("total", AttributeValue.fromN(total));
        item.put("version", AttributeValue.fromN(Integer.toString(version)));
        return item;
    }
}
