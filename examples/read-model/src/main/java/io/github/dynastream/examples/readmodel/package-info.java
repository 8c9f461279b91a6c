/**
 * A read model kept by the Orders stream: per customer, the open orders' count and total and each
 * order's last status ({@link io.github.dynastream.examples.readmodel.CustomerOrders}). The entry
 * point is {@link io.github.dynastream.examples.readmodel.ReadModel#processor}; the Lambda function is
 * {@link io.github.dynastream.examples.readmodel.CustomerOrdersHandler}.
 */
package io.github.dynastream.examples.readmodel;
