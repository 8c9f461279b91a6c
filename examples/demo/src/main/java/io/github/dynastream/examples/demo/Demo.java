package io.github.dynastream.examples.demo;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.examples.orderaudit.AuditEntry;
import io.github.dynastream.examples.orderaudit.OrderAudit;
import io.github.dynastream.examples.payments.PaymentGateway;
import io.github.dynastream.examples.payments.PaymentProcessing;
import io.github.dynastream.examples.readmodel.CustomerOrders;
import io.github.dynastream.examples.readmodel.ReadModel;
import io.github.dynastream.examples.replication.Replication;
import io.github.dynastream.examples.s3ingest.FileIngest;
import io.github.dynastream.examples.s3ingest.InMemoryNotifier;
import io.github.dynastream.examples.s3ingest.IngestReport;
import io.github.dynastream.examples.s3ingest.Notification;
import io.github.dynastream.examples.s3ingest.ParsedRow;
import io.github.dynastream.examples.s3ingest.RowNotifications;
import io.github.dynastream.examples.s3ingest.RowProblem;
import io.github.dynastream.examples.s3ingest.UploadedObject;
import io.github.dynastream.examples.ttlarchive.ArchiveLayout;
import io.github.dynastream.examples.ttlarchive.TtlArchive;
import io.github.dynastream.testkit.LocalAws;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local demo: a scripted story — orders placed, paid, cancelled, one that expires by TTL, one
 * poison record that always fails, a CSV upload with a bad row — through the example functions,
 * told as it goes: which function saw what, what it answered Lambda, what reached the failure
 * destination and what was dead-lettered.
 *
 * <p>{@code mvn -q -Pdemo -DskipTests package} runs it embedded (nothing but the JDK); {@code
 * -Ddemo.aws=moto} runs the same story on moto's DynamoDB, DynamoDB Streams and S3, started for it,
 * and {@code -Ddemo.aws=http://127.0.0.1:5000} on an endpoint you run.
 */
public final class Demo {
    private static final String ORDERS = "Orders";
    private static final String PAYMENTS = "Payments";
    private static final String ROWS = "IngestedRows";

    private Demo() {}

    public static void main(String[] args) {
        try {
            run(System.getProperty("demo.aws", ""), System.out);
        } catch (LocalAws.UnavailableException | IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Tells the story.
     *
     * @param aws empty for the embedded stage, {@code moto}, or an endpoint URL
     * @param out where the account goes
     * @throws LocalAws.UnavailableException if moto is asked for and cannot be found
     */
    static void run(String aws, PrintStream out) {
        try (Stage stage = stage(aws.strip())) {
            new Demo().tell(stage, new Account(out), out);
        }
    }

    private static Stage stage(String aws) {
        if (aws.isEmpty() || aws.equals("embedded")) {
            return new EmbeddedStage();
        }
        if (aws.equals("moto")) {
            return new AwsStage(LocalAws.start());
        }
        if (aws.startsWith("http://") || aws.startsWith("https://")) {
            return new AwsStage(LocalAws.builder().endpoint(URI.create(aws)).start());
        }
        throw new IllegalArgumentException(
                "demo.aws must be empty (embedded), moto, or an endpoint URL, but was [" + aws + "]");
    }

    private void tell(Stage stage, Account account, PrintStream out) {
        out.println("dynastream demo on " + stage.description());
        stage.createTable(ORDERS, "id", null, StreamViewType.NEW_AND_OLD_IMAGES);
        stage.createTable(PAYMENTS, "accountId", "paymentId", StreamViewType.NEW_AND_OLD_IMAGES);
        stage.createTable(ROWS, "file", "line", StreamViewType.NEW_IMAGE);

        orders(stage, account);
        payments(stage, account);
        upload(stage, account);

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
        if (stage.expire(ORDERS, Map.of("id", AttributeValue.fromS("o-3")))) {
            account.line("o-3 expires: DynamoDB's TTL deletes it");
        } else {
            account.line("o-3 would expire by TTL, but moto does not run TTL: it stays");
        }
        write(
                stage,
                account,
                order("o-4", "carol", "LOST", "9.99", 1),
                "carol's o-4 is written with status LOST, which the read model does not know: a poison record");

        account.title("order-audit: one audit entry per change, idempotent by the stream record");
        account.deliveries(
                stage.deliver(ORDERS, 2, process(OrderAudit.processor(stage.auditLog(), account.listener()))));
        for (String id : List.of("o-1", "o-2", "o-3", "o-4")) {
            List<AuditEntry> history = stage.auditLog().history(id);
            account.line("audit of " + id + ": "
                    + String.join(", ", history.stream().map(Demo::entry).toList()));
        }

        account.title("read-model: open orders per customer, from @OnModify(changed = ...) in per-item order");
        account.deliveries(
                stage.deliver(ORDERS, 2, process(ReadModel.processor(stage.projections(), account.listener()))));
        for (String customer : List.of("alice", "bob", "carol")) {
            CustomerOrders projection = stage.projections().get(customer);
            account.line(customer + ": " + projection.openOrders() + " open order(s), " + projection.openTotal()
                    + " open total");
        }

        account.title("replication: every change copied to a replica, never moving an item backwards");
        account.deliveries(
                stage.deliver(ORDERS, 2, process(Replication.processor(stage.replica(), account.listener()))));
        stage.replicaItems().forEach(account::line);

        account.title("ttl-archive: items that expire by TTL archived, user deletes ignored");
        account.deliveries(stage.deliver(
                ORDERS, 2, process(TtlArchive.processor(stage.archive(), ArchiveLayout.of("id"), account.listener()))));
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
        account.deliveries(stage.deliver(
                PAYMENTS,
                10,
                process(PaymentProcessing.processor(
                        stage.idempotency("payments#"), stage.deadLetters(), gateway, account.listener()))));
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
        account.line(
                "a CSV of 4 rows lands in s3://" + Stage.BUCKET + "/" + key + "; the third row's date is not ISO-8601");

        account.title("s3-ingest: the file checked row by row, valid rows written in chunks, bad rows reported");
        IngestReport report;
        try {
            report = FileIngest.of(stage.bucket(), stage.rows(ROWS), stage.reports())
                    .ingest(new UploadedObject(
                            Stage.BUCKET, key, OptionalLong.of(csv.getBytes(StandardCharsets.UTF_8).length)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        account.line("ObjectCreated " + key + ": " + report.status() + ", " + report.writtenRows() + " row(s) written, "
                + report.invalidRows() + " reported");
        for (ParsedRow.Invalid invalid : report.reportedRows()) {
            for (RowProblem problem : invalid.problems()) {
                account.line("report: line " + invalid.line() + ", " + problem.field() + ": " + problem.reason());
            }
        }

        account.title("s3-ingest notifications: the rows table's stream announces each new row");
        InMemoryNotifier notifier = new InMemoryNotifier();
        account.deliveries(stage.deliver(
                ROWS,
                2,
                process(RowNotifications.processor(
                        notifier, stage.idempotency("notifications#"), account.listener()))));
        for (Notification notification : notifier.sent()) {
            account.line("notified: " + notification.file() + " line " + notification.line());
        }
    }

    private static java.util.function.Function<
                    com.amazonaws.services.lambda.runtime.events.DynamodbEvent,
                    com.amazonaws.services.lambda.runtime.events.StreamsEventResponse>
            process(StreamProcessor processor) {
        return processor::process;
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
