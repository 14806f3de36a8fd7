//! German phrases.

use super::Phrases;

/// Months, for date lines ("13. November 2019", "13. Nov. 2019").
macro_rules! month {
    () => {
        r"(?:jan(?:uar)?|jän(?:ner)?|feb(?:ruar)?|märz|mär|apr(?:il)?|mai|juni?|juli?|aug(?:ust)?|sept?(?:ember)?|okt(?:ober)?|nov(?:ember)?|dez(?:ember)?)\.?"
    };
}

/// Weekdays, optionally in front of a date.
macro_rules! weekday {
    () => {
        r"(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)\.?,?\s*)?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:foto|fotos|bild|bilder|bildquelle|quelle|grafik|illustration|video|titelbild|symbolbild)\s*[:：|]\s*.{1,150}",
        r"(?:foto|bild|symbolbild) (?:von|via) .{1,100}",
        r".{0,60}(?:/|©|\|) ?(?:dpa|imago(?: images)?|picture[- ]alliance|ddp(?: images)?|keystone|apa)(?-u:\b).{0,60}",
    ],
    subscribe: &[
        r"(?:jetzt )?(?:abonnieren|abonnent(?:in)? werden|abo abschließen)(?: und .{1,60})?",
        r"(?:jetzt )?(?:\d+ )?(?:wochen?|monate?|tage) (?:gratis|kostenlos|für \S{1,10}) (?:testen|lesen).{0,60}",
        r"(?:jetzt )?(?:gratis|kostenlos|unverbindlich) (?:testen|lesen|weiterlesen).{0,60}",
        r"(?:sie sind )?(?:bereits|schon) (?:abonnent(?:in)?|registriert|kunde|mitglied)\??.{0,60}",
        r"(?:jetzt )?weiterlesen(?: mit .{1,60})?",
        r"(?:lesen sie |lies )?(?:jetzt )?weiter mit .{1,60}",
        r"(?:dieser|der|dieses) (?:artikel|beitrag|inhalt|text) ist (?:nur |exklusiv )?(?:für|nur für) .{0,40}(?:abonnent|abonnentinnen|abonnenten|mitglieder|leser).{0,40}",
        r"(?:plus|premium|exklusiv)[- ]?(?:artikel|inhalt|beitrag|abo)",
        r".{0,60}(?-u:\b)jederzeit kündbar.{0,60}",
        r"(?:unterstützen sie|unterstütze) (?:unseren|unabhängigen|guten|den) .{0,30}journalismus.{0,100}",
        r"(?:zu den |alle )?abo-?angebote?n?",
        r"(?:mein|zum) abo",
    ],
    newsletter: &[
        r"newsletter-?(?:anmeldung|abo|abonnement|bestellen|abonnieren)",
        r"(?:jetzt )?(?:zum |für den |unseren )?newsletter (?:anmelden|abonnieren|bestellen|erhalten).{0,60}",
        r"(?:melden sie sich|melde dich|jetzt) .{0,40}newsletter.{0,30}(?-u:\b)(?:an|anmelden|abonnieren|bestellen)",
        r"(?:ihre |deine )?e-?mail-?adresse(?: eingeben)?",
        r"(?:vielen )?dank für (?:ihre|deine) (?:anmeldung|registrierung|bestellung des newsletters).{0,120}",
        r".{0,60}(?-u:\b)jederzeit (?:wieder )?(?:abbestellen|abmelden|widerrufen).{0,80}",
        r".{0,60}(?-u:\b)(?:direkt |bequem |kostenlos )*in (?:ihr|dein) (?:e-?mail-)?postfach.{0,60}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:wir|diese (?:web)?seite|diese website|unsere (?:web)?seite|unsere website)(?-u:\b).{0,40}(?-u:\b)(?:verwenden|nutzen|verwendet|nutzt|setzt|setzen|benutzen|benutzt)(?-u:\b).{0,80}(?-u:\b)cookies?(?-u:\b).{0,250}",
        r".{0,60}(?-u:\b)cookies?(?-u:\b).{0,120}(?-u:\b)(?:datenschutzerklärung|einverstanden|zustimmen|einwilligung|akzeptieren)(?-u:\b).{0,150}",
        r"(?:durch|mit|bei) (?:der |die )?(?:weiteren? )?nutzung (?:dieser|unserer) (?:web)?(?:seite|site|website|angebote?s?).{0,150}",
        r"wenn sie (?:die|diese|unsere) (?:web)?(?:seite|site|website) weiter (?:nutzen|verwenden|besuchen).{0,150}",
        r"(?:alle )?(?:cookies )?(?:akzeptieren|ablehnen|zulassen|erlauben)(?: und (?:schließen|weiter|fortfahren))?",
        r"nur (?:notwendige|essenzielle|erforderliche|technisch notwendige) cookies(?: (?:akzeptieren|zulassen|erlauben|verwenden))?",
        r"cookie-?(?:einstellungen|richtlinie|hinweis|banner|präferenzen)",
        r"(?:datenschutz|privatsphäre)-?(?:einstellungen|präferenzen)",
        r"(?:ok(?:ay)?,? )?(?:ich bin )?einverstanden|verstanden|zustimmen(?: und weiter)?",
    ],
    share: &[
        r"teilen(?: (?:auf|per|via|bei) \S+)?",
        r"(?:artikel|beitrag|seite|text|video|bild) (?:teilen|empfehlen|drucken|versenden|verschicken|merken|speichern)",
        r"(?:auf|bei|per|via) (?:facebook|twitter|whatsapp|linkedin|xing|pinterest|telegram|e-?mail|x) (?:teilen|senden|versenden)",
        r"(?:folgen sie|folge|folgt) (?:uns|mir) (?:auf|bei|in) .{1,60}",
        r"(?:folgen sie uns|folge uns)",
        r"(?:per )?e-?mail (?:teilen|versenden|senden|verschicken)",
        r"drucken|merken|link kopieren|link kopiert",
        r"(?:der |dieser )?(?:artikel|beitrag|link) wurde (?:erfolgreich )?(?:versandt|versendet|kopiert|gesendet|geteilt|gespeichert)",
        r"(?:\d+[\d.]*\s+)?(?:mal )?geteilt",
    ],
    advert: &[
        r"anzeigen?",
        r"werbung",
        r"(?:werbe|anzeigen)(?:hinweis|block|banner)",
        r"gesponsert(?:er (?:inhalt|beitrag|artikel|link))?",
        r"(?:bezahlte|entgeltliche) (?:einschaltung|partnerschaft|kooperation|anzeige|inhalte?)",
        r"(?:der |dieser )?(?:artikel|text|beitrag) (?:geht|wird) (?:unter|nach) (?:der|dieser) (?:werbung|anzeige) weiter.{0,20}",
        r"(?:werbung|anzeige) (?:schließen|überspringen|ausblenden)",
        r"(?:werbefrei|ohne werbung) (?:lesen|surfen).{0,60}",
    ],
    navigation: &[
        r"(?:direkt )?(?:zum|zur|zu den) (?:inhalt|hauptinhalt|hauptmenü|menü|navigation|hauptnavigation|suche|fußzeile|seitenanfang|seitenende|anfang)(?: springen| wechseln| gehen)?",
        r"(?:navigation|inhalt|suche|menü) (?:überspringen|öffnen|schließen|anzeigen|ausblenden|einblenden)",
        r"(?:an|ab)melden(?:\s*(?:/|\||oder)\s*registrieren)?|einloggen|ausloggen|registrieren|abmelden",
        r"mein(?:e)? (?:konto|profil|account|daten|abos?|merkliste|artikel)",
        r"(?:haupt)?menü|navigation|suche(?:n)?(?: nach)?(?: \S+)?|suchbegriff(?: eingeben)?",
        r"startseite|schließen|zurück(?: zur startseite| zum artikel| zur übersicht)?|nach oben(?: scrollen)?|zum seitenanfang",
        r"(?:mehr|alle|weitere) (?:anzeigen|laden|artikel|beiträge|themen|meldungen|nachrichten|news)(?: anzeigen| laden)?",
        r"mehr (?:lesen|erfahren)",
        r"(?:nächster|nächste|vorheriger|vorherige|voriger) (?:artikel|beitrag|seite|eintrag|bild)",
        r"(?:vor|weiter|zurück)",
        r"ressorts?|rubriken|(?:alle )?themen",
        r"(?:sie sind hier|sie befinden sich hier|aktuelle seite)\s*:?.{0,80}",
        r"(?:bitte )?(?:aktivieren sie|aktiviere) (?:javascript|cookies).{0,120}",
        r"(?:artikel |text )?(?:vorlesen|anhören)(?: lassen)?",
        r"(?:schrift|text)größe.{0,20}",
        r"inhaltsverzeichnis|inhalt",
        r"(?:seite|bild) \d+ (?:von|/) \d+",
    ],
    related: &[
        r"(?:lesen sie|lies|sehen sie|siehe|hören sie|schauen sie) (?:auch|mehr|dazu)(?:\s*[:|>»].{0,100})?",
        r"(?:das )?(?:könnte|dürfte) (?:sie|dich) (?:auch|ebenfalls)? ?interessieren.{0,20}",
        r"(?:auch )?interessant(?:\s*[:|].{0,100})?",
        r"mehr zum thema(?:\s*[:|].{0,100})?",
        r"(?:zum thema|passend (?:dazu|zum thema)|auch lesenswert|ebenfalls lesenswert|empfohlener? (?:artikel|inhalt))(?:\s*[:|].{0,100})?",
        r"(?:weitere|ähnliche|verwandte|passende) (?:artikel|beiträge|themen|nachrichten|meldungen|news|videos|links|inhalte)(?:\s*(?:zum thema|[:|]).{0,100})?",
        r"(?:am )?meist(?:gelesen|kommentiert|geteilt|geklickt|gesehen)(?:e|en)?(?: artikel| beiträge| nachrichten)?",
        r"(?:am häufigsten|meist) (?:gelesen|kommentiert|geteilt)",
        r"(?:top|aktuelle|neueste|beliebte|beliebteste|empfohlene) (?:artikel|beiträge|nachrichten|themen|news|meldungen|videos)",
        r"(?:unsere )?empfehlungen?(?: für sie| der redaktion)?",
        r"(?:mehr|weiteres|neues) (?:aus|zum|von|über|zu) .{1,60}",
        r"mehr\s*:\s*.{1,160}",
        r"(?:schlagw(?:o|ö)rter?|stichw(?:o|ö)rter?|themen|kategorien?)\s*:.{0,120}",
        r"(?:auch )?aus (?:dem|unserem) (?:netz|ressort).{0,40}",
    ],
    comments: &[
        r"(?:\d+ )?(?:kommentare?|leserkommentare?)(?: \(\d+\))?",
        r"(?:einen |ihren |deinen )?kommentar (?:schreiben|verfassen|abgeben|hinzufügen|posten|absenden)",
        r"(?:alle |weitere |die )?kommentare (?:anzeigen|lesen|laden|einblenden|ausblenden|öffnen)",
        r"(?:jetzt )?(?:mit)?diskutieren.{0,40}|kommentieren",
        r"(?:die )?kommentarfunktion (?:ist|wurde) .{0,80}",
        r"antworten(?: abbrechen)?|antwort|melden|zitieren",
        r"(?:schreiben sie|schreib|verfassen sie) (?:den ersten|einen|ihren) kommentar.{0,40}",
        r"(?:\d+ )?(?:antworten|reaktionen)",
        r"(?:sortieren nach|neueste zuerst|älteste zuerst|beste zuerst)(?:\s*:?.{0,30})?",
        r"(?:sie )?müssen (?:angemeldet|eingeloggt|registriert) sein.{0,80}",
    ],
    footer: &[
        r"impressum",
        r"datenschutz(?:erklärung|hinweise|richtlinie|bestimmungen)?",
        r"nutzungsbedingungen|(?:allgemeine )?geschäftsbedingungen|agb|haftungsausschluss|widerrufs(?:recht|belehrung)",
        r"kontakt(?:formular)?|über uns|redaktion",
        r".{0,60}alle rechte vorbehalten.{0,150}",
        r"barrierefreiheit(?:serklärung)?",
        r"jobs|karriere|stellenangebote",
        r"mediadaten|werben|(?:werben|werbung) (?:auf|bei|mit) .{1,40}",
        r"hilfe|häufige fragen|faq",
        r"(?:leser|kunden|abo)service",
        r"versand(?:kosten)?(?: (?:&|und) (?:zahlung|lieferung))?|zahlungsarten",
    ],
    metadata: &[
        concat!(
            r"(?:veröffentlicht|aktualisiert|erstellt|geändert|zuletzt (?:aktualisiert|geändert)|publiziert|erschienen|stand)(?:\s*(?:am|um|:))*\s*",
            weekday!(),
            r"(?:\d{1,2}\.\s*(?:\d{1,2}\.|",
            month!(),
            r")\s*(?:\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2})(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2})?(?:\s*uhr)?"
        ),
        r"(?:ca\. )?\d+\s*(?:min\.?|minuten)(?: lesezeit| lesedauer| lesen)?",
        r"(?:lesezeit|lesedauer)\s*:?.{0,30}",
        concat!(
            weekday!(),
            r"\d{1,2}\.\s*",
            month!(),
            r"\s*\d{4}(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*uhr)?.{0,20})?"
        ),
        concat!(
            weekday!(),
            r"\d{1,2}\.\d{1,2}\.\d{2,4},?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*uhr)?"
        ),
        r"vor \d+ (?:sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?)",
        r"(?:gestern|heute|vorgestern)(?:,? (?:um )?\d{1,2}[:.]\d{2}(?: uhr)?)?",
        r"\d{1,2}[:.]\d{2} uhr",
    ],
    byline: &[
        concat!(r"(?-i:Von|VON|von)\s*:?\s+", name2!(), byline_tail!()),
        r"(?:autor(?:in)?|autoren|verfasser(?:in)?)\s*:\s*.{1,80}",
        r"(?:ein (?:gast)?(?:beitrag|artikel|text|kommentar) von|verfasst von|geschrieben von)\s*:?\s*.{1,60}",
    ],
    consent_purposes: &["informationen auf einem gerät speichern und/oder abrufen"],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_german_boilerplate() {
        assert_removed(
            "subscribe",
            &[
                "Jetzt abonnieren",
                "Sie sind bereits Abonnent?",
                "Weiterlesen mit Plus",
                "Jetzt 4 Wochen gratis testen",
            ],
        );
        assert_removed(
            "newsletter",
            &[
                "Newsletter-Anmeldung",
                "Melden Sie sich jetzt für unseren kostenlosen Newsletter an",
                "Ihre E-Mail-Adresse",
            ],
        );
        assert_removed(
            "cookie",
            &[
                "Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.",
                "Alle akzeptieren",
                "Durch die Nutzung dieser Website stimmen Sie den Nutzungsbedingungen zu.",
            ],
        );
        assert_removed(
            "share",
            &[
                "Artikel teilen",
                "Folgen Sie uns auf Instagram",
                "Der Artikel wurde versandt.",
            ],
        );
        assert_removed("advert", &["Anzeige", "- Werbung -"]);
        assert_removed(
            "navigation",
            &[
                "Zum Inhalt springen",
                "Anmelden",
                "Startseite",
                "Mein Konto",
                "Suche",
            ],
        );
        assert_removed(
            "related",
            &[
                "Lesen Sie auch: Was der Winter bringt",
                "Mehr zum Thema",
                "Meistgelesene Artikel",
                "Das könnte Sie auch interessieren",
                "Weitere Artikel",
            ],
        );
        assert_removed(
            "comments",
            &[
                "12 Kommentare",
                "Kommentar schreiben",
                "Alle Kommentare anzeigen",
            ],
        );
        assert_removed(
            "footer",
            &[
                "Impressum",
                "Datenschutzerklärung",
                "© 2021 Beispiel Verlag GmbH. Alle Rechte vorbehalten.",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "13. November 2019",
                "Mittwoch, 13. Nov. 2019, 14:30 Uhr",
                "19.11.2019, 08:57",
                "Aktualisiert am 3. März 2021",
                "Lesezeit: 4 Minuten",
                "vor 3 Stunden",
            ],
        );
        assert_removed(
            "byline-by",
            &[
                "Von Max Mustermann",
                "von Erika Musterfrau, Berlin",
                "Autorin: Erika Musterfrau",
            ],
        );
        assert_removed(
            "image-credit",
            &["Foto: Erika Musterfrau", "Bild: Max Muster/dpa"],
        );
    }

    #[test]
    fn keeps_german_prose() {
        assert_kept(&[
            "Von Anfang an war klar, dass die Brücke nicht rechtzeitig fertig wird.",
            "Von Berlin aus fuhr der Zug weiter nach Hamburg.",
            "Die Anzeige wurde am Montag bei der Polizei erstattet.",
            "Mehr als 300 Menschen kamen zur Versammlung auf dem Marktplatz.",
            "Wir verwenden seit Jahren dieselbe Methode, sagte die Forscherin.",
            "Der Kommentar des Ministers sorgte im Landtag für Aufregung.",
            "Am 13. November 2019 begann der Prozess vor dem Landgericht.",
            "Die Suche nach dem vermissten Wanderer wurde am Abend eingestellt.",
            "Teilen Sie Ihre Erfahrungen mit uns, bat die Stadtverwaltung die Bürger.",
        ]);
    }
}
