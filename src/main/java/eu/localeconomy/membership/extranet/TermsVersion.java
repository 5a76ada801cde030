package eu.localeconomy.membership.extranet;

import eu.localeconomy.shared.Language;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One published version of the tenant's terms of sale (CGV), its text per language. */
public record TermsVersion(UUID id, int version, Map<Language, String> texts, Instant publishedAt) {
}
