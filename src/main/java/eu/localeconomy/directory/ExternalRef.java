package eu.localeconomy.directory;

import java.time.Instant;

/** An establishment's record in an external database; {@code remoteUpdatedAt} is that record's last change as read. */
public record ExternalRef(ExternalSystem system, String externalId, Instant remoteUpdatedAt) {
}
