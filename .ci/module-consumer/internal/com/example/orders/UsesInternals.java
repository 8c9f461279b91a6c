package com.example.orders;

import io.github.dynastream.internal.DynamoNumbers;

final class UsesInternals {
    Object numbers() {
        return DynamoNumbers.class;
    }
}
