/**
 * The merchant portal's statement: the shop's transactions with filters and totals (earned, redeemed, what the city
 * owes the shop), exported as CSV or XLSX in the reader's language.
 */
package eu.localeconomy.savings.statement;
