/**
 * The web shell around every module: the layouts of the five areas (platform administration, back office, citizen
 * site, merchant app, professional extranet), the home page of each area, language resolution and switching, request
 * ids and tenant in the logs, and error pages in the visitor's language. Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package eu.localeconomy.web;
