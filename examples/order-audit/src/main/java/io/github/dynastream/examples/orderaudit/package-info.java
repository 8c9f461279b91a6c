/**
 * An audit trail of the Orders table: each change of an order, as its stream delivers it, becomes
 * exactly one {@link io.github.dynastream.examples.orderaudit.AuditEntry}, however often Lambda
 * delivers the record. The entry point is {@link io.github.dynastream.examples.orderaudit.OrderAudit#processor};
 * the Lambda function is {@link io.github.dynastream.examples.orderaudit.OrderAuditHandler}.
 */
package io.github.dynastream.examples.orderaudit;
