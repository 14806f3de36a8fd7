//! Spanish phrases.

use super::Phrases;

/// Months, for date lines ("19 de noviembre de 2019").
macro_rules! month {
    () => {
        r"(?:ene(?:ro)?|feb(?:rero)?|mar(?:zo)?|abr(?:il)?|may(?:o)?|jun(?:io)?|jul(?:io)?|ago(?:sto)?|sept?(?:iembre)?|set(?:iembre)?|oct(?:ubre)?|nov(?:iembre)?|dic(?:iembre)?)\.?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:foto|fotos|fotografía|imagen|imágenes|ilustración|vídeo|video|fuente)\s*[:：|]\s*.{1,150}",
        r"(?:foto|imagen) (?:de archivo|cortesía(?: de)?)(?-u:\b).{0,80}",
    ],
    subscribe: &[
        r"suscr[ií]bete(?: ahora| ya| aquí| gratis)?",
        r"suscr[ií]bete (?:a|al|por|para|y|desde) .{1,80}",
        r"(?:¿)?(?:ya )?(?:eres|es usted) (?:suscriptor|suscriptora|socio|socia|miembro)\??.{0,60}",
        r"(?:sigue|seguir|continúa|continuar) leyendo.{0,60}",
        r"(?:este|esta) (?:artículo|contenido|noticia) es (?:exclusiv[oa] )?(?:para|de) (?:suscriptores|socios|miembros).{0,40}",
        r"contenido (?:exclusivo|premium)(?: para (?:suscriptores|socios|miembros))?",
        r"(?:apoya|apoyar|apoye) (?:el|nuestro) periodismo.{0,100}",
        r"(?:hazte|únete como|hágase) (?:socio|socia|suscriptor|suscriptora|miembro|mecenas).{0,60}",
        r"cancela(?:r)? (?:cuando quieras|en cualquier momento).{0,40}",
        r"(?:inicia sesión|regístrate) (?:para|y) (?:seguir|continuar|leer|comentar).{0,60}",
    ],
    newsletter: &[
        r"(?:suscr[ií]bete|apúntate|regístrate) (?:a|en) (?:nuestr[oa]s?|el|la|los|las) .{0,40}(?:boletín|boletines|newsletters?).{0,80}",
        r"(?:recibe|recibir) .{0,80}en tu (?:correo|email|e-mail|bandeja de entrada).{0,60}",
        r"(?:tu |su )?(?:correo electrónico|dirección de correo(?: electrónico)?|e-?mail)",
        r"(?:nuestro |el )?(?:boletín|boletines)(?: de noticias| diario| semanal)?",
        r"gracias por (?:suscribirte|registrarte|tu suscripción).{0,120}",
        r"al (?:suscribirte|registrarte|hacer clic|pulsar).{0,150}",
        r".{0,60}darte de baja (?:en cualquier momento|cuando quieras).{0,120}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:utilizamos|usamos|este sitio(?: web)? (?:utiliza|usa)|esta (?:web|página)(?: web)? (?:utiliza|usa))(?-u:\b).{0,80}(?-u:\b)cookies?(?-u:\b).{0,250}",
        r".{0,60}(?-u:\b)cookies?(?-u:\b).{0,120}(?-u:\b)(?:política de cookies|aceptas?|aceptar|consentimiento|sigues navegando|continúa navegando)(?-u:\b).{0,150}",
        r"(?:aceptar|rechazar|configurar)(?: todas?| las)?(?: cookies)?",
        r"(?:política|configuración|ajustes|preferencias) de cookies",
        r"(?:de acuerdo|entendido|acepto)",
    ],
    share: &[
        r"compart(?:ir|e)(?: en| por| este artículo| esta noticia| la noticia)?(?: \S+)?",
        r"s[ií]gue(?:nos|me) (?:en|a través de) .{1,60}",
        r"s[ií]guenos",
        r"(?:enviar|envía|compartir) por (?:correo|e-?mail|whatsapp)",
        r"imprimir|copiar (?:enlace|link|url)|enlace copiado|guardar",
    ],
    advert: &[
        r"publicidad",
        r"anuncio",
        r"(?:contenido )?patrocinado(?: por .{1,60})?",
        r"(?:la noticia|el artículo|el texto) (?:continúa|sigue) (?:después|debajo|tras) (?:de )?(?:la |el )?(?:publicidad|anuncio).{0,20}",
    ],
    navigation: &[
        r"(?:ir|saltar) al? (?:contenido|menú|navegación|buscador)(?: principal)?",
        r"(?:iniciar|cerrar) sesión|acceder|entrar|ingresar|regístrate|registrarse|identifícate",
        r"menú(?: principal)?|(?:abrir|cerrar) (?:el )?(?:menú|buscador)",
        r"buscar(?: \S+)?|buscador",
        r"inicio|portada|cerrar|volver(?: arriba| al inicio| a la portada)?",
        r"(?:anterior|siguiente)(?: artículo| noticia| página| entrada)?",
        r"(?:ver|cargar|leer|mostrar) más(?: \S+)?",
        r"mi cuenta|mi perfil",
        r"(?:usted está en|estás en)\s*:?.{0,80}",
        r"secciones",
        r"escuchar(?: (?:la )?(?:noticia|artículo))?",
    ],
    related: &[
        r"(?:lee|leer|lea|ver|vea|véase|mira) (?:también|además)(?:\s*[:|>»].{0,100})?",
        r"(?:también )?(?:te )?(?:puede|podría) (?:que )?(?:te )?(?:interesar|gustar|interese|guste).{0,20}",
        r"(?:tal vez|quizás?) te (?:interese|guste).{0,40}",
        r"(?:noticias|artículos|contenidos|entradas) relacionad[oa]s",
        r"relacionad[oa]s?",
        r"lo más (?:leído|visto|compartido|comentado|popular)",
        r"(?:más|otras|últimas) (?:noticias|leídas?|vistas?|populares|comentad[oa]s)",
        r"más (?:sobre|de|en) .{1,60}",
        r"(?:etiquetas|temas|categorías|archivado en)\s*:.{0,120}",
        r"(?:recomendado|recomendados|recomendamos)(?: para ti)?",
        r"no te pierdas.{0,80}",
    ],
    comments: &[
        r"(?:\d+ )?comentarios?(?: \(\d+\))?",
        r"(?:deja|dejar|escribe|añade|publica|enviar) (?:un |tu )?comentario.{0,40}",
        r"(?:ver|mostrar|cargar|leer) (?:los |todos los |más )?comentarios.{0,20}",
        r"responder|cancelar respuesta|denunciar",
        r"(?:\d+ )?respuestas?",
        r"los comentarios (?:están cerrados|están moderados|son moderados).{0,80}",
        r"(?:sé el primero en comentar|únete a la conversación).{0,60}",
        r"(?:debes|necesitas|tienes que) (?:iniciar sesión|estar registrado|registrarte) para (?:comentar|publicar un comentario).{0,40}",
    ],
    footer: &[
        r".{0,60}todos los derechos reservados.{0,150}",
        r"aviso legal|nota legal",
        r"política de (?:privacidad|cookies)",
        r"términos y condiciones(?: de uso)?|condiciones (?:de uso|generales)",
        r"contacto|contáctanos|contacta con nosotros",
        r"quiénes somos|sobre nosotros|acerca de(?: nosotros)?",
        r"mapa del sitio|mapa web",
        r"anúnciate|trabaja con nosotros|accesibilidad|preguntas frecuentes|ayuda",
    ],
    metadata: &[
        concat!(
            r"(?:publicado|actualizado|modificado|última actualización|fecha)(?:\s*(?:el|en|a las|:))*\s*",
            r"(?:(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo),?\s*)?",
            r"(?:\d{1,2}(?: de |[ /.-])",
            month!(),
            r"(?: de |[ /.-]|,\s*)\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2})(?:,?\s*(?:a las\s*)?\d{1,2}[:.]\d{2}.{0,20})?"
        ),
        concat!(
            r"(?:(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo),?\s*)?\d{1,2} de ",
            month!(),
            r"(?: de|,)? \d{4}(?:,? (?:a las )?\d{1,2}[:.]\d{2}.{0,30})?"
        ),
        r"(?:tiempo de lectura)\s*:?.{0,30}",
        r"\d+\s*min(?:utos?)?\.? de lectura",
        r"hace \d+ (?:segundos?|minutos?|horas?|días?|semanas?|meses|años?)",
        r"hoy|ayer",
    ],
    byline: &[
        concat!(r"(?-i:Por|POR|por)\s*:?\s+", name2!(), byline_tail!()),
        r"(?:autor|autora|redacción|texto)\s*:\s*.{1,80}",
        r"(?:escrito|redactado) por\s*:?\s*.{1,60}",
    ],
    consent_purposes: &["almacenar la información en un dispositivo y/o acceder a ella"],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_spanish_boilerplate() {
        assert_removed(
            "subscribe",
            &["Suscríbete", "¿Ya eres suscriptor?", "Sigue leyendo"],
        );
        assert_removed(
            "newsletter",
            &["Suscríbete a nuestro boletín semanal", "Correo electrónico"],
        );
        assert_removed(
            "cookie",
            &[
                "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
                "Aceptar todas",
            ],
        );
        assert_removed("share", &["Compartir en Facebook", "Síguenos en Twitter"]);
        assert_removed("advert", &["Publicidad"]);
        assert_removed(
            "navigation",
            &["Ir al contenido", "Iniciar sesión", "Buscar"],
        );
        assert_removed(
            "related",
            &[
                "Lee también: Un verano sin lluvia",
                "Noticias relacionadas",
                "Lo más leído",
            ],
        );
        assert_removed("comments", &["3 comentarios", "Deja un comentario"]);
        assert_removed(
            "footer",
            &[
                "Aviso legal",
                "© 2020 Ejemplo S.A. Todos los derechos reservados.",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "19 de noviembre de 2019",
                "Actualizado el 3 de marzo de 2021, 10:15",
                "Hace 2 horas",
                "5 min de lectura",
            ],
        );
        assert_removed("byline-by", &["Por Juan Pérez", "Por María García, Madrid"]);
        assert_removed("image-credit", &["Foto: Ana López"]);
    }

    #[test]
    fn keeps_spanish_prose() {
        assert_kept(&[
            "Por Semana Santa, los precios de los hoteles suben mucho.",
            "Por eso el gobierno decidió aplazar la votación hasta el lunes.",
            "El 19 de noviembre de 2019 se celebró la primera reunión del comité.",
            "Publicado en 2010, el informe fue ignorado durante años.",
            "Compartir el coche reduce las emisiones, según el estudio.",
            "Los comentarios del ministro provocaron una fuerte polémica.",
        ]);
    }
}
