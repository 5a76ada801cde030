package eu.localeconomy.membership.reminder;

/** A step's mail in one language, with placeholders such as {establishment} still in it. */
public record ReminderTemplate(String subject, String body) {
}
