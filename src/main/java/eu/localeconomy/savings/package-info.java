/**
 * Savings card & voucher programmes of municipalities. Owns the {@code savings_*} tables. Sub-packages by
 * capability, all inside this one application module:
 * <ul>
 *   <li>{@code programme}: the programme per season, its beneficiary categories (rate, cap), rounding rule and
 *       phase calendar, and the back-office screens to set them up;</li>
 *   <li>{@code register}: imports of the population register and the second-home tax roll into eligible
 *       households and their adults (national register numbers only as keyed hashes);</li>
 *   <li>{@code card}: card numbers, signed QR tokens, issuance batches (print PDF, mail-merge CSV), digital cards;</li>
 *   <li>{@code enrolment}: the public enrolment website and "card not received";</li>
 *   <li>{@code portal}: the citizen portal;</li>
 *   <li>{@code helpdesk}: household and card search for the city's services.</li>
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Savings programmes")
package eu.localeconomy.savings;
