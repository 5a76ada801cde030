package eu.localeconomy.savings.programme;

/** Where a programme stands on a business date. Enrolment may stay open during the earn window. */
public enum Phase {
    NOT_STARTED, ENROLMENT, EARN, CONVERSION, SPEND, ENDED
}
