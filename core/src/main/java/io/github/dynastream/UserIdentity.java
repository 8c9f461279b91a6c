package io.github.dynastream;

/**
 * Who made the change, from the record's {@code userIdentity}. DynamoDB sets it only for items
 * deleted by Time to Live: type {@code Service}, principal {@code dynamodb.amazonaws.com}.
 *
 * @param type the identity type, e.g. {@code "Service"}
 * @param principalId the principal, e.g. {@code "dynamodb.amazonaws.com"}
 */
public record UserIdentity(String type, String principalId) {
    /** The identity DynamoDB puts on REMOVE records written by Time to Live expiry. */
    public static final UserIdentity TIME_TO_LIVE = new UserIdentity("Service", "dynamodb.amazonaws.com");

    /** Whether this is {@link #TIME_TO_LIVE}'s identity. */
    public boolean isTimeToLive() {
        return TIME_TO_LIVE.equals(this);
    }
}
