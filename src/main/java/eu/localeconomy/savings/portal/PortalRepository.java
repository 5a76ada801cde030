package eu.localeconomy.savings.portal;

import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The citizen's own enrolments with their card, household and member record. Every query names the tenant. */
@Repository
class PortalRepository {

    /** An enrolment of the citizen, joined with what the portal and the data export show of it. */
    record EnrolmentRow(UUID enrolmentId, String status, String email, String language, int privacyNoticeVersion,
                        Instant consentedAt, Instant consentWithdrawnAt, Instant emailVerifiedAt, String channel,
                        Instant createdAt, UUID programmeId, UUID cardId, CardNumber cardNumber, String cardStatus,
                        Instant cardActivatedAt, UUID householdId, UUID categoryId, String register, String street,
                        String houseNumber, String box, String postcode, String municipality, String postalName,
                        String postalLine1, String postalLine2, String postalPostcode, String postalCity,
                        String postalCountry, UUID memberId, String firstName, String lastName, LocalDate birthDate,
                        String nrnLast2) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active enrolments first, then the newest. */
    List<EnrolmentRow> enrolmentsOf(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        select e.id, e.status, e.email, e.language, e.privacy_notice_version, e.consented_at,
                               e.consent_withdrawn_at, e.email_verified_at, e.channel, e.created_at, e.programme_id,
                               c.id card_id, c.number, c.status card_status, c.activated_at,
                               h.id household_id, h.category_id, h.register, h.street, h.house_number, h.box, h.postcode,
                               h.municipality, h.postal_name, h.postal_line1, h.postal_line2, h.postal_postcode,
                               h.postal_city, h.postal_country,
                               m.id member_id, m.first_name, m.last_name, m.birth_date, m.nrn_last2
                        from savings_enrolment e
                        join savings_card c on c.tenant_id = e.tenant_id and c.id = e.card_id
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        join savings_household_member m on m.tenant_id = e.tenant_id and m.id = e.member_id
                        where e.tenant_id = ? and e.user_id = ?
                        order by (e.status = 'ACTIVE') desc, e.created_at desc""")
                .params(tenant.value(), user.value()).query(PortalRepository::enrolment).list();
    }

    /** First names of the other adults actively enrolled on a card (the portal shows no more of them). */
    List<String> otherEnrolledFirstNames(TenantId tenant, UUID cardId, UserId me) {
        return jdbc.sql("""
                        select m.first_name from savings_enrolment e
                        join savings_household_member m on m.tenant_id = e.tenant_id and m.id = e.member_id
                        where e.tenant_id = ? and e.card_id = ? and e.status = 'ACTIVE'
                          and e.user_id is distinct from ?
                        order by e.created_at""")
                .params(tenant.value(), cardId, me.value())
                .query((rs, n) -> rs.getString(1)).list().stream()
                .filter(name -> name != null && !name.isBlank()).toList();
    }

    /** Withdraws every consent of the person; returns the cards concerned. */
    List<UUID> withdraw(TenantId tenant, UserId user, Instant now) {
        return jdbc.sql("""
                        update savings_enrolment set status = 'WITHDRAWN', consent_withdrawn_at = ?, updated_at = ?
                        where tenant_id = ? and user_id = ? and status <> 'WITHDRAWN'
                        returning card_id""")
                .params(Timestamp.from(now), Timestamp.from(now), tenant.value(), user.value())
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /**
     * An activated card nobody is enrolled on any more goes back to ISSUED, so another adult of the household (or
     * the same person, later) can enrol on it again. A blocked card stays blocked. Returns the cards released.
     */
    List<UUID> releaseCardsWithoutEnrolment(TenantId tenant, Collection<UUID> cards) {
        if (cards.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        update savings_card c set status = 'ISSUED'
                        where c.tenant_id = :tenant and c.id in (:cards) and c.status = 'ACTIVE'
                          and not exists (select 1 from savings_enrolment e where e.tenant_id = c.tenant_id
                                          and e.card_id = c.id and e.status = 'ACTIVE')
                        returning c.id""")
                .param("tenant", tenant.value()).param("cards", List.copyOf(cards))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** The enrolments keep the address the citizen is reached at in step with the account's. */
    int updateEnrolmentEmail(TenantId tenant, UserId user, String email, Instant now) {
        return jdbc.sql("update savings_enrolment set email = ?, updated_at = ? where tenant_id = ? and user_id = ?")
                .params(email, Timestamp.from(now), tenant.value(), user.value()).update();
    }

    private static EnrolmentRow enrolment(ResultSet rs, int row) throws SQLException {
        return new EnrolmentRow(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("email"),
                rs.getString("language"), rs.getInt("privacy_notice_version"), instant(rs, "consented_at"),
                instant(rs, "consent_withdrawn_at"), instant(rs, "email_verified_at"), rs.getString("channel"),
                instant(rs, "created_at"), rs.getObject("programme_id", UUID.class), rs.getObject("card_id", UUID.class),
                new CardNumber(rs.getString("number")), rs.getString("card_status"), instant(rs, "activated_at"),
                rs.getObject("household_id", UUID.class), rs.getObject("category_id", UUID.class),
                rs.getString("register"), rs.getString("street"), rs.getString("house_number"), rs.getString("box"),
                rs.getString("postcode"), rs.getString("municipality"), rs.getString("postal_name"),
                rs.getString("postal_line1"), rs.getString("postal_line2"), rs.getString("postal_postcode"),
                rs.getString("postal_city"), rs.getString("postal_country"), rs.getObject("member_id", UUID.class),
                rs.getString("first_name"), rs.getString("last_name"), rs.getObject("birth_date", LocalDate.class),
                rs.getString("nrn_last2"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
