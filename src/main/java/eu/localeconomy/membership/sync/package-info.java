/**
 * Imports of establishments into the directory: Tourinsoft syndication feeds (OData JSON, {@code value} and
 * {@code d.results} forms, paged, full or incremental by {@code Updated}) through a field-mapping profile per tenant,
 * and CSV files with column mapping and preview; each run a job with a report per record.
 */
package eu.localeconomy.membership.sync;
