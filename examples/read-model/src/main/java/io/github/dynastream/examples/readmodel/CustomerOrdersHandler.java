package io.github.dynastream.examples.readmodel;

import io.github.dynastream.DynamoDbStreamHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point ({@code io.github.dynastream.examples.readmodel.CustomerOrdersHandler::handleRequest}):
 * it reads the raw event JSON and keeps the projections in the table named by the environment
 * variable {@code PROJECTION_TABLE}.
 *
 * <pre>{@code
 * // in a test, against a local endpoint:
 * RequestStreamHandler function = new CustomerOrdersHandler(dynamoDbClient, "CustomerOrders");
 * }</pre>
 *
 * <p>Lambda sets {@code AWS_REGION} and the credentials in the environment, which the client reads;
 * the URL-connection HTTP client keeps the cold start short.
 */
public class CustomerOrdersHandler extends DynamoDbStreamHandler {
    /** The environment variable naming the projection table. */
    public static final String PROJECTION_TABLE = "PROJECTION_TABLE";

    /** As deployed: the client and the table from the environment. */
    public CustomerOrdersHandler() {
        this(
                DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                requiredEnv(PROJECTION_TABLE));
    }

    /**
     * @param dynamoDb the client for the projection table
     * @param projectionTable the projection table's name
     */
    public CustomerOrdersHandler(DynamoDbClient dynamoDb, String projectionTable) {
        super(ReadModel.processor(new DynamoDbCustomerOrdersStore(dynamoDb, projectionTable)));
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }
}
