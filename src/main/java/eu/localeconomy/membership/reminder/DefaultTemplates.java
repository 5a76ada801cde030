package eu.localeconomy.membership.reminder;

import eu.localeconomy.shared.Language;

import java.util.Map;

/** The texts a campaign's steps start with, in Dutch, French and English; the office edits them afterwards. */
final class DefaultTemplates {

    private static final Map<Trigger, Map<Language, ReminderTemplate>> TEXTS = Map.of(
            Trigger.INVITATION, Map.of(
                    Language.FR, new ReminderTemplate("{campaign} : votre adhésion pour {establishment}", """
                            Bonjour,

                            La campagne d'adhésion « {campaign} » est ouverte. Découvrez les offres proposées à {establishment} et passez commande en ligne :
                            {link}

                            Si vous n'avez pas encore de compte sur notre extranet, vous recevez en parallèle une invitation pour le créer.

                            À bientôt !"""),
                    Language.NL, new ReminderTemplate("{campaign}: uw lidmaatschap voor {establishment}", """
                            Beste,

                            De ledencampagne "{campaign}" is geopend. Bekijk het aanbod voor {establishment} en bestel online:
                            {link}

                            Hebt u nog geen account op ons extranet? Dan ontvangt u tegelijk een uitnodiging om er een aan te maken.

                            Tot binnenkort!"""),
                    Language.EN, new ReminderTemplate("{campaign}: your membership for {establishment}", """
                            Hello,

                            The membership campaign "{campaign}" is open. See what we offer {establishment} and order online:
                            {link}

                            If you do not have an account on our extranet yet, you will receive a separate invitation to create one.

                            See you soon!""")),
            Trigger.NO_ORDER, Map.of(
                    Language.FR, new ReminderTemplate("Rappel : {campaign} pour {establishment}", """
                            Bonjour,

                            Nous n'avons pas encore reçu la commande de {establishment} pour la campagne « {campaign} ». Il suffit de quelques minutes :
                            {link}

                            Vous ne souhaitez plus recevoir ces rappels ? {optOutLink}"""),
                    Language.NL, new ReminderTemplate("Herinnering: {campaign} voor {establishment}", """
                            Beste,

                            We hebben nog geen bestelling van {establishment} ontvangen voor de campagne "{campaign}". Het kost maar enkele minuten:
                            {link}

                            Wilt u deze herinneringen niet meer ontvangen? {optOutLink}"""),
                    Language.EN, new ReminderTemplate("Reminder: {campaign} for {establishment}", """
                            Hello,

                            We have not yet received an order from {establishment} for the campaign "{campaign}". It only takes a few minutes:
                            {link}

                            No longer wish to receive these reminders? {optOutLink}""")),
            Trigger.BASKET_ABANDONED, Map.of(
                    Language.FR, new ReminderTemplate("Votre panier {campaign} vous attend", """
                            Bonjour,

                            Le panier de {establishment} pour la campagne « {campaign} » n'est pas encore validé. Reprenez-le là où vous l'avez laissé :
                            {link}

                            Vous ne souhaitez plus recevoir ces rappels ? {optOutLink}"""),
                    Language.NL, new ReminderTemplate("Uw winkelmandje voor {campaign} wacht op u", """
                            Beste,

                            Het winkelmandje van {establishment} voor de campagne "{campaign}" is nog niet bevestigd. Ga verder waar u gebleven was:
                            {link}

                            Wilt u deze herinneringen niet meer ontvangen? {optOutLink}"""),
                    Language.EN, new ReminderTemplate("Your {campaign} basket is waiting", """
                            Hello,

                            The basket of {establishment} for the campaign "{campaign}" has not been confirmed yet. Pick up where you left off:
                            {link}

                            No longer wish to receive these reminders? {optOutLink}""")),
            Trigger.INVOICE_UNPAID, Map.of(
                    Language.FR, new ReminderTemplate("Relance de paiement : {campaign}, {establishment}", """
                            Bonjour,

                            Sauf erreur de notre part, la commande de {establishment} pour la campagne « {campaign} » n'est pas réglée : il reste {amount} à payer, échu le {dueDate}.

                            Merci de procéder au paiement dans les meilleurs délais. Le détail de la commande et les moyens de paiement :
                            {link}

                            Si vous avez réglé entre-temps, merci de ne pas tenir compte de ce message."""),
                    Language.NL, new ReminderTemplate("Betalingsherinnering: {campaign}, {establishment}", """
                            Beste,

                            Volgens onze gegevens is de bestelling van {establishment} voor de campagne "{campaign}" nog niet betaald: er staat nog {amount} open, vervallen op {dueDate}.

                            Gelieve zo snel mogelijk te betalen. De bestelling en de betaalwijzen vindt u hier:
                            {link}

                            Hebt u intussen betaald? Dan mag u dit bericht als niet verzonden beschouwen."""),
                    Language.EN, new ReminderTemplate("Payment reminder: {campaign}, {establishment}", """
                            Hello,

                            According to our records, the order of {establishment} for the campaign "{campaign}" has not been paid: {amount} is still due, since {dueDate}.

                            Please pay at your earliest convenience. The order and the ways to pay:
                            {link}

                            If you have paid in the meantime, please disregard this message.""")));

    private DefaultTemplates() {
    }

    static ReminderTemplate of(Trigger trigger, Language language) {
        Map<Language, ReminderTemplate> texts = TEXTS.get(trigger);
        return texts.getOrDefault(language, texts.get(Language.FR));
    }
}
