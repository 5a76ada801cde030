/**
 * Invoices of membership orders under French rules: the tenant's invoice settings (seller's mentions, bank details,
 * logo, terms, penalties), numbering series with a format of tags, gapless numbers assigned at issue, a completeness
 * check naming any missing mandatory mention, immutable issued invoices, numbered credit notes linked to them,
 * PDF/A-3 with embedded Factur-X (EN 16931) XML made and validated with Mustang, pro-formas, and the accounting
 * export.
 */
package eu.localeconomy.membership.invoice;
