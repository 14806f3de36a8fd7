//! Portuguese phrases.

use super::Phrases;

/// Months, for date lines ("19 de novembro de 2019").
macro_rules! month {
    () => {
        r"(?:jan(?:eiro)?|fev(?:ereiro)?|mar(?:ço)?|abr(?:il)?|mai(?:o)?|jun(?:ho)?|jul(?:ho)?|ago(?:sto)?|set(?:embro)?|out(?:ubro)?|nov(?:embro)?|dez(?:embro)?)\.?"
    };
}

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[
        r"(?:foto|fotos|fotografia|imagem|imagens|ilustração|vídeo|video|fonte|crédito)\s*[:：|]\s*.{1,150}",
        r"(?:foto|imagem) (?:de arquivo|divulgação|reprodução)(?-u:\b).{0,80}",
        r"(?:divulgação|reprodução)(?:\s*[/|]\s*.{1,60})?",
    ],
    subscribe: &[
        r"assine(?: já| agora| aqui)?",
        r"assine (?:o|a|os|as|e|já|agora|por|para) .{1,80}",
        r"(?:já )?(?:é|sou|você é) (?:assinante|membro|cadastrado)\??.{0,60}",
        r"(?:continue|continuar) lendo.{0,60}",
        r"(?:este|esta) (?:artigo|conteúdo|matéria|reportagem) é (?:exclusiv[oa] )?(?:para|de) (?:assinantes|membros).{0,40}",
        r"conteúdo (?:exclusivo|premium)(?: para (?:assinantes|membros))?",
        r"(?:apoie|apoiar) (?:o|nosso) jornalismo.{0,100}",
        r"(?:torne-se|seja) (?:assinante|membro|apoiador).{0,60}",
        r"cancele (?:quando quiser|a qualquer momento).{0,40}",
        r"(?:faça login|entre|cadastre-se) para (?:continuar|ler|comentar).{0,60}",
    ],
    newsletter: &[
        r"(?:assine|receba|inscreva-se (?:n[oa]|em)|cadastre-se (?:n[oa]|em)) (?:nossa |nosso |a |o )?.{0,40}(?:newsletters?|boletim|boletins).{0,80}",
        r"(?:receba|receber) .{0,80}(?:no seu|em seu|na sua|no teu) (?:e-?mail|caixa de entrada|celular).{0,60}",
        r"(?:seu |digite seu |informe seu )?(?:e-?mail|endereço de e-?mail)",
        r"obrigad[oa] por (?:se inscrever|assinar|se cadastrar).{0,120}",
        r"ao (?:se inscrever|assinar|se cadastrar|clicar).{0,150}",
    ],
    cookie: &[
        r".{0,60}(?-u:\b)(?:utilizamos|usamos|este site (?:utiliza|usa)|esse site (?:utiliza|usa)|nosso site (?:utiliza|usa))(?-u:\b).{0,80}(?-u:\b)cookies?(?-u:\b).{0,250}",
        r".{0,60}(?-u:\b)cookies?(?-u:\b).{0,120}(?-u:\b)(?:política de privacidade|concorda|aceita|consentimento|continuar navegando)(?-u:\b).{0,150}",
        r"(?:aceitar|rejeitar|recusar|configurar)(?: todos| tudo)?(?: os)?(?: cookies)?",
        r"(?:política|configurações|preferências) de cookies",
        r"(?:concordo|entendi|aceito|ok, entendi)",
    ],
    share: &[
        r"compartilh(?:ar|e)(?: no| na| por| via| este artigo| esta notícia)?(?: \S+)?",
        r"partilh(?:ar|e)(?: no| na| por)?(?: \S+)?",
        r"siga-nos(?: n[oa] .{1,60})?",
        r"(?:enviar|envie) por (?:e-?mail|whatsapp)",
        r"imprimir|copiar (?:link|url)|link copiado|salvar",
    ],
    advert: &[
        r"publicidade",
        r"anúncio",
        r"(?:conteúdo )?patrocinado(?: por .{1,60})?",
        r"(?:continua|continue) (?:depois|após) (?:da|a) publicidade.{0,20}",
    ],
    navigation: &[
        r"(?:ir|pular|saltar) para o (?:conteúdo|menu)(?: principal)?",
        r"(?:entrar|sair|login|cadastre-se|cadastrar|registrar|fazer login|iniciar sessão)",
        r"menu(?: principal)?|(?:abrir|fechar) (?:o )?menu",
        r"(?:buscar|pesquisar|busca|pesquisa)(?: \S+)?",
        r"início|página inicial|fechar|voltar(?: ao topo| para o início)?",
        r"(?:anterior|próximo|próxima)(?: artigo| notícia| página| post)?",
        r"(?:ver|carregar|leia|mostrar) mais(?: \S+)?",
        r"minha conta|meu perfil",
        r"(?:você está em)\s*:?.{0,80}",
        r"seções|editorias",
    ],
    related: &[
        r"(?:leia|veja|confira|saiba) (?:também|mais|ainda)(?:\s*[:|>»].{0,100})?",
        r"(?:você|vc) (?:também )?(?:pode|poderá) (?:gostar|se interessar)(?: de)?.{0,20}",
        r"(?:talvez )?(?:você|vc) (?:também )?goste.{0,20}",
        r"(?:notícias|artigos|posts|matérias|conteúdos) relacionad[oa]s",
        r"relacionad[oa]s?",
        r"(?:as |os )?mais (?:lid[oa]s|vist[oa]s|populares|comentad[oa]s|recentes|compartilhad[oa]s)",
        r"(?:últimas|outras) notícias",
        r"mais (?:sobre|de|em) .{1,60}",
        r"(?:tags|temas|categorias|assuntos|marcadores)\s*:.{0,120}",
        r"(?:recomendados?|recomendamos)(?: para você)?",
        r"não (?:deixe de ler|perca).{0,80}",
        r"sobre o autor|sobre a autora",
    ],
    comments: &[
        r"(?:\d+ )?comentários?(?: \(\d+\))?",
        r"(?:deixe|deixar|escreva|adicione|publique|enviar) (?:um |o |seu )?comentário.{0,40}",
        r"(?:ver|mostrar|carregar|ler) (?:os |todos os |mais )?comentários.{0,20}",
        r"responder|cancelar resposta|denunciar",
        r"(?:\d+ )?respostas?",
        r"(?:os )?comentários (?:estão fechados|estão encerrados|são moderados).{0,80}",
        r"(?:seja o primeiro a comentar).{0,60}",
        r"(?:você )?precisa (?:fazer login|estar logado|estar conectado) para (?:comentar|publicar um comentário).{0,40}",
    ],
    footer: &[
        r".{0,60}todos os direitos reservados.{0,150}",
        r"política de privacidade|termos (?:de uso|e condições)|aviso legal",
        r"fale conosco|contato|contacto|contate-nos",
        r"quem somos|sobre nós|(?:anuncie|publicidade) (?:aqui|conosco)|anuncie|expediente|trabalhe conosco",
        r"mapa do site|acessibilidade|perguntas frequentes|ajuda",
    ],
    metadata: &[
        concat!(
            r"(?:publicado|atualizado|postado|modificado|última atualização|data)(?:\s*(?:em|às|:))*\s*",
            r"(?:\d{1,2}(?: de |[ /.-])",
            month!(),
            r"(?: de |[ /.-]|,\s*)\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[h:.]\d{2})(?:,?\s*(?:às\s*)?\d{1,2}[h:.]\d{2}.{0,20})?"
        ),
        concat!(
            r"(?:(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?,?\s*|(?:sábado|domingo),?\s*)?\d{1,2} de ",
            month!(),
            r"(?: de|,)? \d{4}(?:,? (?:às )?\d{1,2}[h:.]\d{2}.{0,30})?"
        ),
        r"tempo de leitura\s*:?.{0,30}",
        r"\d+\s*min(?:utos?)?\.? de leitura",
        r"há \d+ (?:segundos?|minutos?|horas?|dias?|semanas?|meses|anos?)",
        r"hoje|ontem",
    ],
    byline: &[
        concat!(r"(?-i:Por|POR|por)\s*:?\s+", name2!(), byline_tail!()),
        r"(?:autor|autora|redação|texto)\s*:\s*.{1,80}",
        r"(?:escrito) por\s*:?\s*.{1,60}",
        concat!(r"(?-i:Sobre|SOBRE)\s+", name2!()),
    ],
    consent_purposes: &[],
    qa_badges: &[],
    qa_more_comments: &[],
};

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_kept, assert_removed};

    #[test]
    fn removes_portuguese_boilerplate() {
        assert_removed(
            "subscribe",
            &["Assine já", "Já é assinante?", "Continue lendo"],
        );
        assert_removed(
            "newsletter",
            &["Receba nossa newsletter", "Digite seu e-mail"],
        );
        assert_removed(
            "cookie",
            &[
                "Utilizamos cookies para melhorar a sua experiência no site.",
                "Aceitar",
            ],
        );
        assert_removed(
            "share",
            &["Compartilhe", "Compartilhar no WhatsApp", "Siga-nos"],
        );
        assert_removed("advert", &["Publicidade"]);
        assert_removed(
            "navigation",
            &["Pular para o conteúdo", "Entrar", "Página inicial"],
        );
        assert_removed(
            "related",
            &[
                "Leia também: Um inverno sem chuva",
                "Você pode gostar...",
                "Mais lidas",
            ],
        );
        assert_removed(
            "comments",
            &["Deixe um comentário", "5 comentários", "Responder"],
        );
        assert_removed(
            "footer",
            &[
                "Política de privacidade",
                "© 2020 Exemplo Ltda. Todos os direitos reservados.",
            ],
        );
        assert_removed(
            "metadata",
            &[
                "19 de novembro de 2019",
                "Publicado em 19/11/2019 às 08h57",
                "Há 3 horas",
            ],
        );
        assert_removed("byline-by", &["Por João Silva", "Sobre Ana Souza"]);
        assert_removed(
            "image-credit",
            &["Foto: Divulgação", "Reprodução/Instagram"],
        );
    }

    #[test]
    fn keeps_portuguese_prose() {
        assert_kept(&[
            "Por isso, o governo decidiu adiar a votação para segunda-feira.",
            "Sobre o assunto, o ministro não quis comentar.",
            "Em 19 de novembro de 2019, a comissão se reuniu pela primeira vez.",
            "Os comentários do técnico irritaram a torcida.",
            "Compartilhar experiências ajuda as crianças a aprender.",
        ]);
    }
}
