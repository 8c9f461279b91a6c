package com.example.workers;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** An item of the Orders table, as the writer stores it with the Enhanced Client. */
@DynamoDbBean
public class Order {
    private String id;
    private int version;
    private String status;

    public Order() {}

    Order(String id, int version, String status) {
        this.id = id;
        this.version = version;
        this.status = status;
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
