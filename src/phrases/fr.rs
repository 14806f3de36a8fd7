//! French phrases.

use super::Phrases;

/// Months, for date lines ("19 novembre 2019").
macro_rules! month {
    () => {
        r"(?:janv(?:ier)?|févr(?:ier)?|fevr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|août|aout|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|déc(?:embre)?|dec(?:embre)?)\.?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:photo|photos|image|illustration|vidéo|crédits?(?: photo)?|source)\s*[:：|]\s*.{1,150}",
        r"(?:photo|image) d['’]archives?(?-u:\b).{0,80}",
    ],
    subscribe: &[
        r"(?:abonnez-vous|s['’]abonner|je m['’]abonne)(?: (?:dès maintenant|maintenant|gratuitement))?",
        r"(?:abonnez-vous|je m['’]abonne) (?:à|au|aux|pour|et|dès) .{1,80}",
        r"déjà abonn[ée]e?s?\s*\??.{0,60}",
        r"(?:lire|voir) la suite.{0,60}",
        r"(?:cet|cette) (?:article|contenu) est (?:exclusivement |uniquement )?réservée? aux (?:abonnés|membres).{0,40}",
        r"(?:article|contenu) réservée? aux abonnés",
        r"(?:soutenez|soutenir) (?:notre|un) journalisme.{0,100}",
        r"(?:devenez|devenir) (?:membre|abonné|abonnée).{0,60}",
        r"(?:sans engagement|résiliable à tout moment).{0,60}",
        r"(?:connectez-vous|inscrivez-vous) pour (?:lire|continuer|commenter|accéder).{0,60}",
    ],
    newsletter: &[
        r"(?:inscrivez-vous|abonnez-vous|recevez) (?:à |a )?(?:notre|nos|la|les) .{0,40}(?:newsletters?|lettres? d['’]information).{0,80}",
        r".{0,60}(?-u:\b)(?:recevez|recevoir) .{0,80}(?:dans votre (?:boîte (?:mail|e-mail|aux lettres)|messagerie)).{0,60}",
        r"(?:votre |entrez votre |saisissez votre )?(?:adresse )?(?:e-?mail|courriel|adresse électronique)",
        r"merci (?:de votre|pour votre) inscription.{0,120}",
        r"en (?:vous inscrivant|cliquant|validant|vous abonnant).{0,150}",
        r".{0,60}vous (?:pouvez|pourrez) vous désinscrire.{0,120}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:nous utilisons|nous utilisions|ce site (?:utilise|web utilise)|notre site utilise)(?-u:\b).{0,80}(?-u:\b)(?:cookies?|traceurs)(?-u:\b).{0,250}",
        r".{0,60}(?-u:\b)(?:cookies?|traceurs)(?-u:\b).{0,120}(?-u:\b)(?:poursuivant|acceptez|consentement|politique de confidentialité|en savoir plus)(?-u:\b).{0,150}",
        r"en poursuivant (?:votre )?navigation.{0,150}",
        r"(?:tout )?(?:accepter|refuser|paramétrer|personnaliser)(?: et (?:fermer|continuer))?(?: (?:tous )?les cookies)?",
        r"(?:gestion|paramètres|préférences|politique) (?:des |de )?cookies",
        r"(?:j['’]accepte|d['’]accord|ok,? j['’]ai compris|j['’]ai compris)",
    ],
    share: &[
        r"partager(?: (?:sur|par|via) \S+| cet article| l['’]article)?",
        r"suivez-nous(?: sur .{1,60})?",
        r"(?:envoyer|partager) par (?:e-?mail|courriel|whatsapp)",
        r"imprimer|copier le lien|lien copié|sauvegarder|enregistrer",
    ],
    advert: &[
        r"publicité",
        r"annonce",
        r"contenu (?:sponsorisé|partenaire)|sponsorisé(?: par .{1,60})?",
        r"(?:la suite|l['’]article continue) (?:après|sous) (?:cette |la )?publicité.{0,20}",
    ],
    navigation: &[
        r"(?:aller|passer|accéder) (?:au|à la) (?:contenu|menu|navigation|recherche)(?: principale?)?",
        r"(?:se connecter|se déconnecter|connexion|déconnexion|s['’]inscrire|inscription|identifiez-vous)",
        r"menu(?: principal)?|(?:ouvrir|fermer) le menu",
        r"(?:rechercher|recherche)(?: \S+)?",
        r"accueil|fermer|retour(?: en haut(?: de (?:la )?page)?| à l['’]accueil)?|haut de page",
        r"(?:article |page )?(?:précédente?|suivante?)",
        r"(?:voir|afficher|charger|lire) plus(?: \S+)?",
        r"mon compte|mon profil|mon espace",
        r"(?:vous êtes ici)\s*:?.{0,80}",
        r"rubriques",
        r"écouter(?: (?:cet|l['’])article)?",
    ],
    related: &[
        r"(?:à )?(?:lire|voir) (?:aussi|également|encore)(?:\s*[:|>»].{0,100})?",
        r"sur le même (?:sujet|thème)(?:\s*[:|].{0,100})?",
        r"(?:vous )?(?:aimerez|pourriez aimer|aimerez aussi|pourrait vous intéresser).{0,20}",
        r"(?:ça|cela) (?:pourrait|peut) (?:aussi |également )?vous intéresser.{0,20}",
        r"(?:articles|contenus|sujets) (?:liés|associés|similaires|recommandés)",
        r"(?:les )?plus (?:lus|populaires|partagés|commentés|récents)",
        r"(?:les )?(?:articles|contenus) les plus (?:lus|populaires|partagés|commentés)",
        r"(?:dernières|autres) (?:actualités|actus|infos|nouvelles)",
        r"(?:plus|davantage) (?:sur|de) .{1,60}",
        r"(?:mots-clés|mots clés|thèmes|catégories|tags)\s*:.{0,120}",
        r"(?:recommandé|recommandés|nos recommandations)(?: pour vous)?",
    ],
    comments: &[
        r"(?:\d+ )?commentaires?(?: \(\d+\))?",
        r"(?:laisser|laissez|écrire|ajouter|publier|poster) (?:un |votre )?commentaire.{0,40}",
        r"(?:voir|afficher|charger|lire) (?:les |tous les |plus de )?commentaires.{0,20}",
        r"répondre|annuler (?:la )?réponse|signaler",
        r"(?:\d+ )?réponses?",
        r"les commentaires sont (?:fermés|clos|modérés).{0,80}",
        r"soyez le premier à (?:commenter|réagir).{0,60}",
        r"(?:vous devez|il faut) être (?:connecté|inscrit|abonné) pour (?:commenter|publier|réagir).{0,40}",
        r"réagir|réactions?",
    ],
    footer: &[
        r".{0,60}tous droits réservés.{0,150}",
        r"mentions légales|politique de confidentialité|données personnelles",
        r"conditions générales(?: d['’]utilisation| de vente)?|cgu|cgv",
        r"(?:nous )?contacter|contactez-nous|contact",
        r"qui sommes-nous\s*\??|à propos(?: de nous)?|plan du site|accessibilité|aide|faq",
        r"(?:annonceurs|publicité|nous rejoindre|recrutement)",
    ],
    metadata: &[
        concat!(
            r"(?:publié|mis à jour|modifié|mise à jour|actualisé)(?:\s*(?:le|à|:))*\s*",
            r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*)?",
            r"(?:\d{1,2}(?:er)?\s+",
            month!(),
            r"\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[h:]\d{2})(?:,?\s*(?:à\s*)?\d{1,2}[h:]\d{2}.{0,20})?"
        ),
        concat!(
            r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*)?\d{1,2}(?:er)?\s+",
            month!(),
            r"\s+\d{4}(?:,?\s*(?:à\s*)?\d{1,2}[h:]\d{2}.{0,30})?"
        ),
        r"temps de lecture\s*:?.{0,30}",
        r"(?:lecture\s*:?\s*)?\d+\s*min(?:utes?)?\.?(?: de lecture)?",
        r"il y a \d+ (?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois|ans?)",
        r"aujourd['’]hui|hier",
    ],
    byline: &[
        concat!(r"(?-i:Par|PAR|par)\s*:?\s+", name2!(), byline_tail!()),
        r"(?:auteur|autrice|auteure|rédaction)\s*:\s*.{1,80}",
        r"(?:écrit|rédigé|publié) par\s*:?\s*.{1,60}",
    ],
    consent_purposes: &["stocker et/ou accéder à des informations sur un appareil"],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_french_boilerplate() {
        assert_removed(
            "subscribe",
            &["Abonnez-vous", "Déjà abonné ?", "Lire la suite"],
        );
        assert_removed(
            "newsletter",
            &[
                "Inscrivez-vous à notre newsletter quotidienne",
                "Votre adresse e-mail",
            ],
        );
        assert_removed(
            "cookie",
            &[
                "Nous utilisons des cookies pour améliorer votre expérience.",
                "En poursuivant votre navigation, vous acceptez l'utilisation de traceurs.",
                "Tout accepter",
            ],
        );
        assert_removed(
            "share",
            &["Partager sur Facebook", "Suivez-nous sur Instagram"],
        );
        assert_removed("advert", &["Publicité"]);
        assert_removed(
            "navigation",
            &["Aller au contenu", "Se connecter", "Accueil", "Rechercher"],
        );
        assert_removed(
            "related",
            &[
                "À lire aussi : Un été sans pluie",
                "Sur le même sujet",
                "Les plus lus",
            ],
        );
        assert_removed(
            "comments",
            &["Laisser un commentaire", "12 commentaires", "Répondre"],
        );
        assert_removed(
            "footer",
            &[
                "Mentions légales",
                "© 2020 Exemple SA. Tous droits réservés.",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "19 novembre 2019",
                "Publié le 1er mars 2021 à 10h15",
                "Il y a 3 heures",
            ],
        );
        assert_removed(
            "byline-by",
            &["Par Jean Dupont", "Par Marie Martin, à Lyon"],
        );
        assert_removed("image-credit", &["Photo : Jean Dupont"]);
    }

    #[test]
    fn keeps_french_prose() {
        assert_kept(&[
            "Par ailleurs, le gouvernement a décidé de reporter le vote.",
            "Par Jean Dupont, le maire a été critiqué pour sa gestion.",
            "Le 19 novembre 2019, la commission s'est réunie pour la première fois.",
            "Publié en 2010, le rapport est resté lettre morte.",
            "Les commentaires du ministre ont suscité une vive polémique.",
            "Partager un repas reste un moment important pour les familles.",
        ]);
    }
}
