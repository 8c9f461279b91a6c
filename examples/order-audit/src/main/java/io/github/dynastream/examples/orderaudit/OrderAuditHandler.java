package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.DynamoDbStreamHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point ({@code io.github.dynastream.examples.orderaudit.OrderAuditHandler::handleRequest}):
 * it reads the raw event JSON and writes the audit entries to the table named by the environment
 * variable {@code AUDIT_TABLE}.
 *
 * <pre>{@code
 * // in a test, against a local endpoint:
 * RequestStreamHandler function = new OrderAuditHandler(dynamoDbClient, "OrderAudit");
 * }</pre>
 *
 * <p>Lambda sets {@code AWS_REGION} and the credentials in the environment, which the client reads;
 * the URL-connection HTTP client keeps the cold start short.
 */
public class OrderAuditHandler extends DynamoDbStreamHandler {
    /** The environment variable naming the audit table. */
    public static final String AUDIT_TABLE = "AUDIT_TABLE";

    /** As deployed: the client and the table from the environment. */
    public OrderAuditHandler() {
        this(
                DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                requiredEnv(AUDIT_TABLE));
    }

    /**
     * @param dynamoDb the client for the audit table
     * @param auditTable the audit table's name
     */
    public OrderAuditHandler(DynamoDbClient dynamoDb, String auditTable) {
        super(OrderAudit.processor(new DynamoDbAuditLog(dynamoDb, auditTable)));
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }
}
