package eu.localeconomy.savings.enrolment;

import eu.localeconomy.identifier.NationalRegisterNumber;

import java.time.LocalDate;

/** What a citizen typed to prove they belong to a card's household, already checked for its shape. */
sealed interface Proof {

    /** A resident's national register number. */
    record Nrn(NationalRegisterNumber number) implements Proof {
    }

    /** A second-home owner's tax assessment number, as typed. */
    record TaxNumber(String typed) implements Proof {
    }

    /** A resident's date of birth, where the programme does not use national register numbers. */
    record BirthDate(LocalDate date) implements Proof {
    }
}
