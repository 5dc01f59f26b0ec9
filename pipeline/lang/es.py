"""Spanish: speech verbs (preterite, present, "ha dicho"), speakers (subjects may be dropped), citations."""

from __future__ import annotations

from pipeline.lang import FEMININE, MASCULINE, CitationWords, Pronoun, QuoteWords, words

# Regular verbs by lemma; `conjugate` gives the third-person forms the rules meet in news copy.
_REGULAR = (
    "afirmar asegurar añadir agregar declarar señalar indicar apuntar subrayar destacar insistir lamentar "
    "admitir criticar denunciar comentar relatar precisar detallar expresar matizar responder replicar "
    "anunciar informar confirmar explicar aclarar puntualizar reiterar sentenciar resumir zanjar bromear "
    "exclamar ironizar quejar escribir tuitear publicar prometer exigir alertar avisar valorar remarcar "
    "alegar argumentar justificar recalcar apostillar narrar contestar preguntar reclamar insistir "
    "calificar describir hablar acusar suspirar celebrar definir revelar desvelar adelantar avanzar anticipar "
    "plantear enfatizar garantizar reivindicar vaticinar pronosticar augurar calcular cifrar reprochar"
)
# Irregular forms, written out: preterite, present, imperfect (singular and plural), participle.
_IRREGULAR = (
    "dijo dijeron dice dicen decía decían dicho reconoció reconocieron reconoce reconocen reconocido "
    "advirtió advirtieron advierte advierten advertido recordó recordaron recuerda recuerdan recordado "
    "contó contaron cuenta cuentan contado manifestó manifestaron manifiesta manifiestan manifestado "
    "sostuvo sostuvieron sostiene sostienen sostenido defendió defendieron defiende defienden defendido "
    "concluyó concluyeron concluye concluyen concluido pidió pidieron pide piden pedido confesó confesaron "
    "confiesa confiesan confesado coincide coinciden coincidieron sonríe sonrió sonríen "
    "sugirió sugirieron sugiere sugieren sugerido negó negaron niega niegan negado mantuvo mantuvieron "
    "mantiene mantienen mantenido propuso propusieron propone proponen propuesto"
)
_ENDINGS = {
    "ar": ("ó", "a", "aron", "an", "aba", "aban", "ado"),
    "er": ("ió", "e", "ieron", "en", "ía", "ían", "ido"),
    "ir": ("ió", "e", "ieron", "en", "ía", "ían", "ido"),
}


def conjugate(lemma: str) -> list[str]:
    """Third-person preterite, present and imperfect, singular and plural, and the participle."""
    stem, ending = lemma[:-2], lemma[-2:]
    return [stem + e for e in _ENDINGS[ending]]


_FORMS = frozenset(f for lemma in _REGULAR.split() for f in conjugate(lemma)) | words(_IRREGULAR)
_PARTICIPLES = tuple(sorted(f for f in _FORMS if f.endswith(("ado", "ido", "dicho"))))
_FINITE = _FORMS - frozenset(_PARTICIPLES)
_COMPOUND = tuple(f"{aux} {p}" for aux in ("ha", "han", "había", "habían") for p in _PARTICIPLES)
# "se limitó a responder que …", "llegó a calificar de «…»", "volvió a insistir en que …": a verb of
# manner and the infinitive of a speech verb, one cue
_CHAIN_HEADS = (
    "llegó a",
    "llegaron a",
    "se limitó a",
    "se limitaron a",
    "volvió a",
    "volvieron a",
    "acabó por",
)
_CHAINS = tuple(
    f"{head} {lemma}"
    for head in _CHAIN_HEADS
    for lemma in (*_REGULAR.split(), "decir", "reconocer", "advertir", "recordar", "sostener", "defender")
)
COGNITION = words(
    "cree creía piensa pensaba espera esperaba teme temía considera consideró opina opinó estima estimó"
)

_ROLES_MASCULINE = words(
    "alcalde ministro presidente director concejal secretario consejero delegado diputado senador juez "
    "fiscal jefe gerente fundador vecino agricultor investigador profesor médico abogado experto portavoz "
    "responsable entrenador capitán propietario dueño regante pescador conductor miembro arquero portero "
    "delantero guardameta técnico jugador economista"
)
_ROLES_FEMININE = words(
    "alcaldesa ministra presidenta directora concejala secretaria consejera delegada diputada senadora "
    "jueza jefa fundadora vecina agricultora investigadora profesora médica abogada experta entrenadora "
    "capitana propietaria dueña regante pescadora conductora miembro arquera portera delantera técnica "
    "jugadora economista"
)

# Verbs whose object holds the quoted words: "calificó la medida de «…»", "agradece al técnico «…»"
_OBJECT = frozenset(
    f
    for lemma in (
        "calificar",
        "describir",
        "hablar",
        "acusar",
        "definir",
        "agradecer",
        "desear",
        "considerar",
        "tachar",
        "elogiar",
    )
    for f in conjugate(lemma)
) | words("atribuyó atribuye atribuyeron atribuyen atribuido")

QUOTES = QuoteWords(
    code="es",
    speech_verbs=_FINITE | frozenset(_PARTICIPLES),
    cognition_verbs=COGNITION,
    stance_verbs=frozenset(),
    clause_verbs=(_FINITE | frozenset(_PARTICIPLES) | frozenset(_COMPOUND) | frozenset(_CHAINS) | COGNITION)
    - _OBJECT,
    object_verbs=_OBJECT,
    recipient_verbs=frozenset(),
    light_verbs=frozenset(),
    multiword_cues=_COMPOUND + _CHAINS,
    # "según explicó su representante, …": the source after a speech verb, before the comma
    according_to=(
        "según",
        "de acuerdo con",
        *(
            f"según {verb}"
            for verb in words(
                "dijo explicó informó indicó señaló detalló precisó adelantó reveló relató contó aseguró afirmó "
                "apuntó publicó avanzó confirmó"
            )
        ),
    ),
    # "Para el sindicalista, la avería era «cuestión de tiempo»", "A juicio de Orozco, …"
    according_to_initial=(
        "para",
        "a juicio de",
        "a juicio del",
        "en palabras de",
        "en palabras del",
        "en opinión de",
        "en opinión del",
    ),
    complementizers=words("que") | {"de que", "en que"},
    question_words=words("si cómo por qué"),
    pronouns={
        "él": Pronoun(MASCULINE, True),
        "ella": Pronoun(FEMININE, True),
        "ellos": Pronoun(None, False, plural=True),
        "ellas": Pronoun(None, False, plural=True),
        "yo": Pronoun(None, True),
        "nosotros": Pronoun(None, False, plural=True),
    },
    honorifics={
        "sr": MASCULINE,
        "sra": FEMININE,
        "srta": FEMININE,
        "don": MASCULINE,
        "doña": FEMININE,
        "dr": None,
        "dra": FEMININE,
    },
    roles={**dict.fromkeys(_ROLES_MASCULINE, MASCULINE), **dict.fromkeys(_ROLES_FEMININE, FEMININE)},
    speaker_nouns=words(
        "oposición sentencia mancomunidad comunidad portavoz ministerio gobierno ayuntamiento policía empresa sindicato asociación comunicado alcalde "
        "alcaldesa ministro ministra presidente presidenta confederación"
    ),
    group_words=words(
        "fuentes delegados otros otras algunos algunas muchos muchas varios varias numerosos numerosas vecinos expertos críticos agricultores padres comerciantes "
        "ciudadanos aficionados miembros"
        " pasajeros usuarios viajeros pacientes inversores consumidores clientes trabajadores estudiantes víctimas"
    ),
    infinitive_markers=frozenset(),
    quantity_verbs=words("añadió añade agregó agrega sumó"),
    abstract_suffixes=("ción", "sión", "miento", "dad", "ismo", "ancia", "encia"),
    non_speakers=words("estudio estudios datos cifras encuesta sondeo informe publicaciones mensajes"),
    organisation_words=words(
        "ministerio gobierno ayuntamiento policía guardia empresa sindicato asociación confederación comunidad "
        "consejo agencia instituto universidad fundación banco grupo tribunal fiscalía junta diputación "
        "comisión federación club consorcio"
    ),
    document_words=words("comunicado carta nota informe estudio documento sentencia fallo"),
    generic_organisation_nouns=words(
        "banda equipo formación federación empresa compañía firma club organismo consistorio dirección asociación sindicato consorcio entidad "
        "operadora grupo cadena institución"
    ),
    any_kind_nouns=words("organismo entidad institución"),
    kind_synonyms={
        "consistorio": words("ayuntamiento concello cabildo"),
        "empresa": words("compañía grupo"),
        "compañía": words("empresa grupo"),
        "banda": words("grupo formación"),
    },
    outlet_nouns=words("diario periódico rotativo cadena emisora revista agencia medio semanario"),
    age_words=("años",),
    determiner_gender={"el": MASCULINE, "la": FEMININE},
    indefinite_determiners=words("un una unos unas"),
    title_markers=("titulado", "titulada", "denominado", "denominada", "llamado", "llamada"),
    issue_verbs=("publicó", "emitió", "difundió"),
    determiners=words("el la los las un una unos unas su sus este esta"),
    definite_articles=words("el la los las"),
    name_particles=words("de del la y"),
    leading_words=words("pero y además también luego así sin embargo"),
    lead_in_words=("Pero", "Y", "Además", "También", "Luego", "Así"),
    skip_between=words("también ya además todavía se lo la le les los las me nos ha han había habían"),
    reflexives=words("se"),
    object_clitics=words("lo la los las le les"),
    dative_clitics=words("le les"),
    participle_endings=("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "cho", "cha"),
    relative_words=words("que quien quienes cual donde"),
    prepositions=words("a al en durante ante de"),
    not_before_verb=words("de del a para sin"),
    speaker_followers=words("que de del en a al"),
    affiliation_words=words("de del"),
    place_links=("de", "del"),
    cut_words=words("que en a al"),
    conjunctions_and=("y",),
    and_word="y",
    clause_breaks=("pero", "mientras", "aunque"),
    time_words=words("lunes martes miércoles jueves viernes sábado domingo ayer hoy"),
    time_prepositions=words("el este esta"),
    head_initial=True,
    pro_drop=True,
    cue_adverbials=(r"por\s+su\s+parte", r"asimismo", r"a\s+su\s+vez"),
    time_phrases=(
        r"(?:la|el)\s+(?:semana|mes|año)\s+pasad[oa]",
        r"el\s+pasado\s+(?:año|mes|lunes|martes|miércoles|jueves|viernes|sábado|domingo)",
        r"en\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)",
        r"(?:este|esta)\s+(?:semana|mañana|tarde)",
        r"entonces",
    ),
    clause_introducers=(":", "que", "si"),
    as_words=("Como",),
    recipient_prepositions=("a", "al", "en"),  # "declaró en RNE el ministro"
    possessives={"sus": None, "su": None},
    age_descriptor=r"\b(\d{1,3})\s+años\b",
    age_mentions=(r",\s*(?:de\s+)?{age}\s+años\b", r"\s\({age}(?:\s+años)?\)", r"\s+de\s+{age}\s+años\b"),
    relatives={
        "vecino": MASCULINE,
        "vecina": FEMININE,
        "esposa": FEMININE,
        "mujer": FEMININE,
        "marido": MASCULINE,
        "esposo": MASCULINE,
        "hijo": MASCULINE,
        "hija": FEMININE,
        "hermano": MASCULINE,
        "hermana": FEMININE,
        "amigo": MASCULINE,
        "amiga": FEMININE,
        "pareja": None,
        "compañero": MASCULINE,
        "compañera": FEMININE,
        "viuda": FEMININE,
        "viudo": MASCULINE,
        "primo": MASCULINE,
        "prima": FEMININE,
        "sobrino": MASCULINE,
        "sobrina": FEMININE,
        "nieto": MASCULINE,
        "nieta": FEMININE,
    },
    auxiliaries=words("ha han había habían es son era fue"),
    passive_auxiliaries=words("fue fueron"),
    naming_participles=words(
        "calificado calificada calificados calificadas descrito descrita descritos descritas tachado tachada tachados tachadas definido definida definidos definidas"
    ),
    agent_words=("por",),
    modals=words("debe deben puede pueden"),
    work_title_words=(
        "llamado",
        "llamada",
        "denominado",
        "titulado",
        "titulada",
        "película",
        "libro",
        "lema",
        "palabra",
    ),
    minor_title_words=words("el la los las de del y en"),
    agency_trailers=("con información de", "con información de la agencia"),
    reader_comment_markers=("comentarios",),
)

CITATIONS = CitationWords(
    code="es",
    staff_nouns=(
        "periodista",
        "redactor",
        "redactora",
        "presentador",
        "presentadora",
        "columnista",
        "corresponsal",
        "reportero",
        "reportera",
        "tertuliano",
        "tertuliana",
        "locutor",
        "locutora",
    ),
    spoken_to=(r"a", r"al", r"en", r"en\s+los\s+micrófonos\s+de", r"en\s+una\s+entrevista\s+(?:en|con|a)"),
    in_a_report=(r"en\s+un(?:\s+nuevo)?",),
    report_nouns=words("informe estudio análisis"),
    platform_prepositions=words("en"),
    indefinite_articles=words("un una"),
    contracted_articles={"del": "El", "al": "El"},
    anonymous_posts=words("publicaciones mensajes vídeos videos"),
    posting_words=words(
        "dijo escribió publicó anunció calificó respondió publicación mensaje vídeo video comunicado"
    ),
    forward_cues=(
        (
            "attr",
            "según",
            r"según(?:\s+(?:informó|informa|adelantó|adelanta|publicó|publica|recoge|avanzó|reveló))?",
        ),
        ("attr", "acuerdo", r"acuerdo\s+con"),
        (
            "attr",
            "adelantado informado publicado revelado avanzado",
            r"(?<=ha )(?:adelantado|informado|publicado|revelado|avanzado)",
        ),
        (
            "attr",
            "informó informa informaron publicó publica reportó reportaron reveló revelaron adelantó recoge",
            r"(?:informó|informa|informaron|publicó|publica|reportó|reportaron|reveló|revelaron|adelantó|recoge)"
            r"(?:\s+(?:a\s+la|al|a))?",
        ),
        (
            "attr",
            "dijo declaró afirmó explicó aseguró señaló confirmó contó indicó detalló reveló relató confesó admitió "
            "avanzó adelantó comentó precisó reconoció manifestó",
            r"(?:dijo|declaró|afirmó|explicó|aseguró|señaló|confirmó|contó|indicó|detalló|reveló|relató|confesó|"
            r"admitió|avanzó|adelantó|comentó|precisó|reconoció|manifestó)\s+(?:a\s+la|a|al)",
        ),
        (
            "attr",
            "declaraciones entrevista diálogo conversación",
            r"(?:declaraciones|entrevista|diálogo|conversación)\s+(?:a|al|con)",
        ),
        (
            "attr",
            "citado citada citados citadas consultado consultada consultados consultadas entrevistado entrevistada",
            r"(?:citad|consultad|entrevistad)[oa]s?\s+por",
        ),
        (
            "study",
            "estudio informe encuesta sondeo análisis reporte investigación datos cifras estadísticas",
            r"(?:estudio|informe|encuesta|sondeo|análisis|reporte|investigación|datos|cifras|estadísticas)"
            r"(?:\s+(?:publicad|elaborad|realizad|difundid)[oa]s?)?\s+(?:por|de|del|en)",
        ),
        ("study", "sondeo encuesta", r"(?:sondeo|encuesta)(?=\s+(?-i:[A-Z]))"),
        ("journal", "revista", r"(?<=la )revista"),
        ("study", "investigadores científicos", r"(?:investigadores|científicos)\s+(?:de\s+la|del|de)"),
        (
            "study",
            "adelantado adelantada publicado publicada revelado revelada difundido difundida elaborado elaborada",
            r"(?:adelantad|publicad|revelad|difundid|elaborad)[oa]s?(?:\s+(?:el|este|esta)\s+\w+)?\s+por",
        ),
        ("attr", "acceso", r"(?<=tuvo )acceso"),
        # "Con información de EFE"; a trailer line "Información de Europa Press, vía Levante-EMV"
        ("src", "información", r"(?:(?<=[Cc]on )|(?<![^\n]))información\s+de(?:\s+la\s+agencia)?"),
        ("via", "vía", r"(?<=, )vía"),
        ("via", "recogido recogida recogidos recogidas", r"recogid[oa]s?\s+por"),
        ("on", "escribió publicó", r"(?:escribió|publicó)\s+en"),
    ),
    backward_cues=(
        (
            "media",
            "incluyó incluye dedicó dedica entrevistó entrevista recogió destacó",
            r"(?:incluyó|incluye|dedicó|dedica|entrevistó|entrevista|recogió|destacó)",
        ),
        (
            "verb",
            "informó informa informaron publicó publica reportó reportaron reveló revelaron adelantó difundió señaló "
            "avanzó avanza desveló desvela",
            r"(?:informó|informa|informaron|publicó|publica|reportó|reportaron|reveló|revelaron|adelantó|difundió|señaló|"
            r"avanzó|avanza|desveló|desvela)",
        ),
    ),
    time_words=words(
        "lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto "
        "septiembre octubre noviembre diciembre"
    ),
    lead_words=words("según como pero y luego además un una nuestro nuestra el la los las"),
    outlet_words=words(
        "diario periódico periodico heraldo correo noticias gaceta prensa crónica cronica noticiero informador "
        "semanario revista televisión"
    ),
    outlet_prefixes=words("diario periódico canal revista"),
    person_words=words("portavoz ministro presidente presidenta secretario"),
    organisation_words=words(
        "universidad fundación instituto banco centro organización consejo observatorio comisión ministerio agencia "
        "dirección confederación federación asociación sindicato defensor tribunal juzgado servicio oficina"
    ),
    body_name_links=("de la", "de los", "de las", "del", "de", "y de", "y del"),
    body_name_stops=words(
        "ha han había habían es son fue será que quien cuyo cuya para sobre en con por según a al el la los "
        "las un una lunes martes miércoles jueves viernes sábado domingo"
    ),
    body_participle_endings=("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "aba", "aban"),
    descriptor_nouns=(
        r"diario",
        r"periódico",
        r"agencia",
        r"cadena",
        r"revista",
        r"emisora",
        r"canal",
        r"semanario",
        r"medio",
    ),
    anaphoric_outlet_nouns=("diario", "periódico", "cadena", "agencia", "rotativo"),
    generic_items=frozenset("agencias|redacción".split("|")),
    source_labels=(r"Fuentes?",),
    photo_labels=(r"Imagen", r"Fotografía", r"Foto\s+de", r"Foto"),
    label_last_words=words("fuente fuentes imagen fotografía foto de"),
    country="ES",
)
