/**
 * Demo data: on the first start of a platform with demo data enabled and no tenants yet, creates two tenants modelled
 * on the reference programmes (a Belgian coastal municipality, a French tourism office) with invented people and a
 * login for every role, then prints the URL and those logins. Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package eu.localeconomy.demo;
