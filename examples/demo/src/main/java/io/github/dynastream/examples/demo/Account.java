package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.testkit.FailureDestinationRecord;
import io.github.dynastream.testkit.Invocation;
import io.github.dynastream.testkit.Simulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's account of what happened: each Lambda invocation, the records it got and what the
 * function answered (the {@code batchItemFailures} Lambda reads), what reached the failure
 * destination, what was dead-lettered. One line per failure, with its cause's message, never a
 * stack trace.
 */
final class Account {
    private final PrintStream out;
    private final Map<String, String> causes = new ConcurrentHashMap<>();
    private final Map<String, String> deadLettered = new LinkedHashMap<>();
    private final Map<String, String> told = new LinkedHashMap<>();

    Account(PrintStream out) {
        this.out = out;
    }

    /** What became of one record in a function: the account remembers why records failed, to tell it. */
    void remember(RecordOutcome outcome) {
        if (outcome.cause() == null) {
            return;
        }
        String cause = oneLine(outcome.cause());
        causes.put(outcome.record().sequenceNumber(), cause);
        if (outcome.status() == RecordOutcome.Status.DEAD_LETTERED) {
            synchronized (deadLettered) {
                deadLettered.put(describe(outcome.record()), cause);
            }
        }
    }

    private volatile String section = "setting up";

    void title(String title) {
        section = title;
        out.println();
        out.println("== " + title);
    }

    /** Names what the demo is doing now, for a failure's one line. */
    void during(String what) {
        section = what;
    }

    /** What the demo was doing: the last title, or what {@link #during} named. */
    String section() {
        return section;
    }

    void line(String text) {
        out.println("   " + text);
    }

    /** What Lambda did with one function: its invocations, the failure destination, dead letters. */
    void deliveries(Simulation simulation) {
        for (Invocation invocation : simulation.invocations()) {
            line("Lambda call " + invocation.number()
                    + (invocation.retryAttempt() > 0 ? " (retry " + invocation.retryAttempt() + ")" : "") + " got "
                    + invocation.batch().size() + " record(s): "
                    + String.join(
                            ", ",
                            invocation.batch().stream().map(Account::describe).toList()));
            line("  -> " + outcome(invocation));
        }
        for (FailureDestinationRecord discarded : simulation.failureDestination()) {
            List<String> records = new ArrayList<>();
            for (ChangeRecord record : simulation.records()) {
                if (simulation.discardedRecords().contains(record)
                        && inRange(record, discarded.startSequenceNumber(), discarded.endSequenceNumber())) {
                    records.add(describe(record));
                }
            }
            line("failure destination: " + discarded.condition() + " after " + discarded.approximateInvokeCount()
                    + " attempt(s): " + String.join(", ", records));
        }
        if (simulation.failureDestination().isEmpty()) {
            line("failure destination: nothing");
        }
        synchronized (deadLettered) {
            deadLettered.forEach(
                    (record, cause) -> line("dead-lettered by the function: " + record + " (" + cause + ")"));
            deadLettered.clear();
        }
        if (!simulation.ignoredItemFailures().isEmpty()) {
            line("Lambda ignored " + simulation.ignoredItemFailures().size() + " partial response(s): records lost");
        }
        causes.clear(); // the next function reads the same stream: its records' causes are its own
        told.clear();
    }

    private String outcome(Invocation invocation) {
        return switch (invocation.outcome()) {
            case SUCCEEDED -> "answered " + json(invocation.response()) + ": the whole batch succeeded";
            case PARTIAL_FAILURE -> {
                ChangeRecord failed = invocation.batch().stream()
                        .filter(r -> r.sequenceNumber().equals(invocation.checkpoint()))
                        .findFirst()
                        .orElseThrow();
                String cause = causes.getOrDefault(failed.sequenceNumber(), "no cause recorded");
                boolean again = cause.equals(told.put(failed.sequenceNumber(), cause));
                yield "answered " + json(invocation.response()) + ": " + describe(failed)
                        + (again ? " failed again, same cause" : " failed (" + cause + ")")
                        + "; Lambda retries from it";
            }
            case FUNCTION_ERROR ->
                "threw " + invocation.thrown().map(Account::oneLine).orElse("?") + "; Lambda retries the batch";
            case INVALID_RESPONSE -> "answered something Lambda cannot read (" + invocation.reason() + ")";
        };
    }

    private static boolean inRange(ChangeRecord record, String start, String end) {
        java.math.BigInteger sequence = new java.math.BigInteger(record.sequenceNumber());
        return sequence.compareTo(new java.math.BigInteger(start)) >= 0
                && sequence.compareTo(new java.math.BigInteger(end)) <= 0;
    }

    /** A record as the story names it: its event, its item's key values, and whether TTL removed it. */
    static String describe(ChangeRecord record) {
        List<String> key = new ArrayList<>();
        record.keys()
                .values()
                .forEach(value -> key.add(
                        value instanceof AttributeValue.S s
                                ? s.value()
                                : value instanceof AttributeValue.N n
                                        ? n.value().toPlainString()
                                        : "?"));
        boolean ttl = record.userIdentity()
                .map(u -> "dynamodb.amazonaws.com".equals(u.principalId()))
                .orElse(false);
        return record.eventName() + " " + String.join("/", key) + (ttl ? " (TTL)" : "");
    }

    /** The response as the function wrote it to Lambda. */
    private static String json(StreamsEventResponse response) {
        if (response == null || response.getBatchItemFailures() == null) {
            return "{\"batchItemFailures\":[]}";
        }
        StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < response.getBatchItemFailures().size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"itemIdentifier\":\"")
                    .append(response.getBatchItemFailures().get(i).getItemIdentifier())
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    /** A failure as one line: its class and the first line of its message. */
    static String oneLine(Throwable cause) {
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        int newline = message.indexOf('\n');
        return cause.getClass().getSimpleName() + (newline < 0 ? message : message.substring(0, newline));
    }
}
