//! Italian phrases.

use super::Phrases;

/// Months, for date lines ("19 novembre 2019").
macro_rules! month {
    () => {
        r"(?:genn?(?:aio)?|febb?(?:raio)?|mar(?:zo)?|apr(?:ile)?|magg?(?:io)?|giu(?:gno)?|lug(?:lio)?|ago(?:sto)?|sett?(?:embre)?|ott(?:obre)?|nov(?:embre)?|dic(?:embre)?)\.?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:foto|fotografia|immagine|immagini|illustrazione|video|fonte|credits?)\s*[:：|]\s*.{1,150}",
        r"(?:foto|immagine) (?:d['’]archivio|di repertorio)(?-u:\b).{0,80}",
    ],
    subscribe: &[
        r"abbonati(?: ora| subito| adesso)?",
        r"abbonati (?:a|al|alla|per|e|da) .{1,80}",
        r"(?:sei )?già abbonat[oa]\s*\??.{0,60}",
        r"continua (?:a leggere|la lettura).{0,60}",
        r"(?:questo|quest['’])\s?(?:articolo|contenuto) è (?:riservato|dedicato|disponibile) (?:solo )?(?:agli|per gli|ai) (?:abbonati|iscritti|utenti registrati).{0,40}",
        r"(?:articolo|contenuto) riservato (?:agli abbonati|ai membri)",
        r"(?:sostieni|sostenete|supporta) (?:il nostro|il) giornalismo.{0,100}",
        r"(?:diventa|diventare) (?:membro|abbonato|sostenitore).{0,60}",
        r"(?:disdici|disdetta) (?:quando vuoi|in qualsiasi momento).{0,40}",
        r"(?:accedi|registrati) per (?:leggere|continuare|commentare).{0,60}",
    ],
    newsletter: &[
        r"(?:iscriviti|iscrivetevi|abbonati|ricevi) (?:alla |alle |la |le )?(?:nostra |nostre )?.{0,40}newsletters?.{0,80}",
        r".{0,60}(?-u:\b)(?:ricevi|ricevere) .{0,80}nella (?:tua|vostra) (?:casella|email|e-mail|posta).{0,60}",
        r"(?:il tuo |la tua |inserisci (?:il tuo |la tua )?)?(?:indirizzo )?(?:e-?mail|posta elettronica)",
        r"grazie per (?:esserti iscritto|l['’]iscrizione|esservi iscritti).{0,120}",
        r"(?:iscrivendoti|cliccando|registrandoti).{0,150}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:utilizziamo|usiamo|questo sito (?:utilizza|usa|web utilizza)|il sito utilizza)(?-u:\b).{0,80}(?-u:\b)cookies?(?-u:\b).{0,250}",
        r".{0,60}(?-u:\b)cookies?(?-u:\b).{0,120}(?-u:\b)(?:acconsenti|accetti|consenso|continui|proseguendo|informativa)(?-u:\b).{0,150}",
        r"(?:accetta|accetto|rifiuta|personalizza)(?: tutti| tutto)?(?: i cookies?)?",
        r"(?:informativa|impostazioni|preferenze|gestione) (?:sui |dei )?cookies?",
        r"(?:ok|ho capito|d['’]accordo|va bene)",
    ],
    share: &[
        r"condividi(?: (?:su|via|per) \S+| (?:questo|l['’])\s?articolo)?",
        r"seguici(?: su .{1,60})?",
        r"(?:invia|inviare|condividi) (?:per|via) (?:e-?mail|whatsapp)",
        r"stampa|copia (?:il )?link|link copiato|salva",
    ],
    advert: &[
        r"pubblicità",
        r"annuncio",
        r"(?:contenuto )?sponsorizzato(?: da .{1,60})?|contenuto (?:sponsorizzato|promozionale)",
        r"l['’]articolo continua (?:sotto|dopo) (?:la )?pubblicità.{0,20}",
    ],
    navigation: &[
        r"(?:vai|salta) al? (?:contenuto|menu|navigazione)(?: principale)?",
        r"accedi|esci|registrati|login|entra|iscriviti",
        r"menu(?: principale)?|(?:apri|chiudi) (?:il )?menu",
        r"cerca(?:\s*:?\s*\S+)?|ricerca",
        r"home(?: ?page)?|chiudi|torna(?: su| all['’]inizio| alla home)?",
        r"(?:articolo |pagina )?(?:precedente|successiv[oa])",
        r"(?:vedi|mostra|carica|leggi) (?:di )?più(?: \S+)?|altro",
        r"(?:il mio|mio) (?:account|profilo)|area riservata",
        r"(?:sei qui)\s*:?.{0,80}",
        r"sezioni",
    ],
    related: &[
        r"(?:leggi|vedi|guarda) anche(?: su)?(?:\s*[:|>»].{0,100})?",
        r"(?:ti )?potrebbe(?:ro)? (?:anche )?interessar(?:ti|e).{0,20}",
        r"(?:potrebbe )?(?:ti )?piacer(?:e|ti) anche.{0,20}",
        r"(?:articoli|notizie|post|contenuti) (?:correlati|simili|consigliati)",
        r"correlati",
        r"(?:i |gli |le )?più (?:letti|lette|visti|viste|popolari|commentati|condivisi|recenti)",
        r"(?:ultime|altre) notizie",
        r"(?:altro|altri articoli|di più) (?:su|da|di) .{1,60}",
        r"(?:tag|argomenti|categorie|categoria)\s*:.{0,120}",
        r"(?:consigliati|consigliato)(?: per te)?|da non perdere.{0,60}",
    ],
    comments: &[
        r"(?:\d+ )?commenti?(?: \(\d+\))?",
        r"(?:lascia|lasciare|scrivi|aggiungi|pubblica|invia) (?:un |il tuo )?commento.{0,40}",
        r"(?:vedi|mostra|carica|leggi) (?:i |tutti i |altri )?commenti.{0,20}",
        r"rispondi|annulla risposta|segnala",
        r"(?:\d+ )?risposte?",
        r"i commenti sono (?:chiusi|disattivati|moderati).{0,80}",
        r"(?:sii il primo a commentare).{0,60}",
        r"devi (?:essere (?:connesso|registrato|loggato)|effettuare il login) per (?:inviare|pubblicare|lasciare) (?:un )?commento.{0,40}",
    ],
    footer: &[
        r".{0,60}tutti i diritti riservati.{0,150}",
        r".{0,60}(?-u:\b)p\.? ?iva(?-u:\b)\s*:?\s*\d{11}.{0,100}",
        r"(?:privacy|cookie) policy|informativa (?:sulla )?privacy|note legali",
        r"termini e condizioni(?: d['’]uso)?|condizioni (?:d['’]uso|generali(?: di vendita)?)",
        r"contatti|contattaci|chi siamo|mappa del sito|accessibilità|aiuto|pubblicità|lavora con noi|redazione",
    ],
    metadata: &[
        concat!(
            r"(?:pubblicato|aggiornato|modificato|ultimo aggiornamento|postato)(?:\s*(?:il|alle|in|:))*\s*",
            r"(?:(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\s*)?",
            r"(?:\d{1,2}\s+",
            month!(),
            r"\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2})(?:,?\s*(?:alle\s*(?:ore\s*)?)?\d{1,2}[:.]\d{2}.{0,20})?"
        ),
        concat!(
            r"(?:(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\s*)?\d{1,2}\s+",
            month!(),
            r"\s+\d{4}(?:,?\s*(?:alle\s*(?:ore\s*)?)?\d{1,2}[:.]\d{2}.{0,30})?"
        ),
        r"tempo di lettura\s*:?.{0,30}",
        r"(?:lettura\s*:?\s*)?\d+\s*min(?:uti)?\.?(?: di lettura)?",
        r"\d+ (?:secondi|minuti|ore|giorni|settimane|mesi|anni) fa",
        r"oggi|ieri",
    ],
    byline: &[
        concat!(r"(?-i:Di|DI|di)\s*:?\s+", name2!(), byline_tail!()),
        r"(?:autore|autrice|redazione|testo)\s*:\s*.{1,80}",
        r"(?:scritto|pubblicato) da\s*:?\s*.{1,60}",
    ],
    consent_purposes: &["archiviare e/o accedere a informazioni su un dispositivo"],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_italian_boilerplate() {
        assert_removed(
            "subscribe",
            &["Abbonati", "Sei già abbonato?", "Continua a leggere"],
        );
        assert_removed(
            "newsletter",
            &["Iscriviti alla nostra newsletter", "Indirizzo email"],
        );
        assert_removed(
            "cookie",
            &[
                "Utilizziamo i cookie per offrirti la migliore esperienza sul nostro sito.",
                "Accetta tutti",
            ],
        );
        assert_removed("share", &["Condividi su Facebook", "Seguici su Instagram"]);
        assert_removed("advert", &["Pubblicità"]);
        assert_removed(
            "navigation",
            &["Vai al contenuto", "Accedi", "Cerca: Search"],
        );
        assert_removed(
            "related",
            &[
                "(Leggi anche su: Un inverno senza neve – FOTO)",
                "Articoli correlati",
                "I più letti",
            ],
        );
        assert_removed(
            "comments",
            &[
                "Lascia un commento Annulla risposta",
                "Devi essere connesso per inviare un commento.",
                "Rispondi",
            ],
        );
        assert_removed(
            "footer",
            &[
                "Note legali",
                "© 2020 Esempio S.r.l. Tutti i diritti riservati - P.IVA 01234567890",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "19 novembre 2019",
                "Pubblicato il 3 marzo 2021 alle 10:15",
                "3 ore fa",
            ],
        );
        assert_removed("byline-by", &["Di Mario Rossi", "di Giulia Bianchi"]);
        assert_removed("image-credit", &["Foto: Mario Rossi"]);
    }

    #[test]
    fn keeps_italian_prose() {
        assert_kept(&[
            "Di Maio ha detto che il governo andrà avanti.",
            "Di solito il treno arriva in ritardo di qualche minuto.",
            "Il 19 novembre 2019 la commissione si è riunita per la prima volta.",
            "I commenti del ministro hanno suscitato polemiche.",
            "Condividi la tua esperienza è il titolo della mostra aperta ieri a Roma.",
        ]);
    }
}
