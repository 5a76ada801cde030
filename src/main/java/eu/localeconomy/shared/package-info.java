/**
 * Shared kernel: typed identifiers, the resolved tenant of a request, languages, the injected clock and small
 * security primitives (token hashing, authenticated encryption) that every module uses. Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package eu.localeconomy.shared;
