"""Explicit Parquet schemas of the four tables (never inferred), and what every column means.

Columns may be added; renaming one is a contract change and bumps
SCHEMA_VERSION. Timestamps are microseconds in UTC so that Spark, DuckDB
and pandas read them alike. `crawl_date` is not stored in the files: it is
the hive partition (`crawl_date=YYYY-MM-DD/`).

This module is the one source of the data dictionary: DESCRIPTIONS says what
each column means and goes into each field's metadata (`description`), which
the Parquet files keep (pyarrow shows it; Spark reads it from the schema stored
under SPARK_SCHEMA_KEY); the enumerated values of coded columns and the
manifest's reasons follow. `docs/data-dictionary.md` is generated from here
(`python -m pipeline.dictionary`); a new column needs its description here.
"""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline import reasons

TIMESTAMP = pa.timestamp("us", tz="UTC")
SPAN = pa.struct([pa.field("start", pa.int32(), nullable=False), pa.field("end", pa.int32(), nullable=False)])

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("description", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("published_at", TIMESTAMP),
        pa.field("language", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("paragraph_spans", pa.list_(SPAN)),
        pa.field("sentence_spans", pa.list_(SPAN)),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", TIMESTAMP),
        pa.field("http_status", pa.int16()),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_offset", pa.int64(), nullable=False),
        pa.field("record_id", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("schema_version", pa.string(), nullable=False),
        pa.field("extraction", pa.string()),
    ]
)

QUOTES = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("speaker_resolved", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("sentence_index", pa.int32()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("group_index", pa.int32()),
    ]
)

CITATIONS = pa.schema(
    [
        pa.field("citation_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("source_name", pa.string(), nullable=False),
        pa.field("source_text", pa.string()),
        pa.field("source_domain", pa.string()),
        pa.field("source_type", pa.string()),
        pa.field("url", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_offset", pa.int64(), nullable=False),
        pa.field("record_id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# --- what the columns mean ---------------------------------------------------------------

# Spark rebuilds a file's schema, column comments included, from this key of the Parquet metadata.
SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata"
DESCRIPTION = "description"

_LINEAGE_OFFSET = (
    "Where the record is in its source file: the byte offset of the WARC record, the line number "
    "(from 1) of a JSONL line, the member number (from 1) of a page in a folder or tar, 0 for a single file."
)

SPAN_DESCRIPTIONS = {
    "start": "Offset of the first character, counted from 0.",
    "end": "Offset just after the last character (exclusive).",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": (
            "Stable id of the article: a 32-hex-digit BLAKE2b hash of the normalized URL (scheme and host"
            " lower-cased, no `www.`, no default port, fragment or tracking parameters), or of the "
            "content hash when the record has no URL. The same page gets the same id in every run and "
            "crawl date; `articles_latest` keeps its latest crawl."
        ),
        "url": (
            "The URL the dump gives for the page (WARC-Target-URI, the JSONL `url`), as given. NULL when "
            "the record has none (loose files) or when it is not a valid absolute http(s) URL even after "
            "repair (trimmed, unwrapped, percent-encoded; each repair and each NULL counted under fixes)."
        ),
        "canonical_url": (
            "The canonical URL the page declares (`<link rel=canonical>`, og:url); may differ from `url`."
            " NULL when the page declares none or it is not a valid absolute http(s) URL even after repair."
        ),
        "domain": (
            "Host of `url` (else of `canonical_url`), lower-cased, without `www.`: the site. NULL when "
            "the article has neither URL (loose .html/.txt files without one)."
        ),
        "site_name": "Name of the site as the page declares it (og:site_name and the like).",
        "title": (
            "Headline: from the page's metadata, else the title the dump gives (JSONL `title`), else the "
            "first 14 words of the text (counted as `title_from_text`). Never NULL."
        ),
        "description": "Summary the page declares (meta description, og:description).",
        "authors": "Authors (by-lines) as the page names them; empty when unknown.",
        "tags": "Keywords and section tags the page declares.",
        "published_at": (
            "Publication time in UTC as the page states it. NULL when unknown or impossible (before 1990,"
            " or more than 24 hours after the fetch: counted as `published_at_out_of_range`)."
        ),
        "language": (
            "ISO 639-1 code (`en`, `de`): the language the page declares, else detected from the text "
            "with py3langid. NULL when neither gives one (counted as `language_unknown`)."
        ),
        "text": (
            "Main text of the article as plain text (no markup, no markdown): paragraphs separated by one"
            " newline, page furniture removed. Every offset in the tables counts characters (Unicode code"
            " points, as Python's `str` and DuckDB's `substring`) into this text, from 0."
        ),
        "paragraph_spans": (
            "Paragraphs as {start, end} offsets into `text` (end exclusive), in order: paragraph i is "
            "`text[start:end]` in Python, `substring(text, start + 1, end - start)` in SQL."
        ),
        "sentence_spans": (
            "Sentences as {start, end} offsets into `text`, in order; the position in this list (from 0) "
            "is the `sentence_index` of quotes."
        ),
        "word_count": "Words in `text` (CJK characters count one each); at least `min_word_count` (30).",
        "content_hash": (
            "Hash of `text` with case and whitespace normalised: the same article re-crawled hashes "
            "alike; a second copy in a run is a `duplicate` skip."
        ),
        "fetched_at": (
            "When the page was crawled, in UTC: WARC-Date, the JSONL `fetched_at`, a file's modification "
            "time. NULL when the dump does not say."
        ),
        "http_status": (
            "HTTP status of a WARC response record (always 200: other statuses are `http_status` skips); "
            "NULL for WARC resource records, JSONL and loose files."
        ),
        "source_uri": "Lineage: the dump file the record came from, as a path or URI.",
        "record_offset": "Lineage. " + _LINEAGE_OFFSET,
        "record_id": "Lineage: WARC-Record-ID, the JSONL `id`, or the member or file name; NULL when none.",
        "run_id": "The run that wrote this row (its manifest is `_manifests/crawl_date=D/<run_id>.json`).",
        "pipeline_version": "newsetl version that wrote this row.",
        "schema_version": "Version of these schemas when the row was written.",
        "extraction": "Which extraction path produced the article's text and metadata (see the values).",
    },
    "quotes": {
        "quote_id": "Stable id of the quote: a hash of its article_id and its offsets.",
        "article_id": "The article the quote is in (articles.article_id).",
        "text": (
            "The quotation as it stands in the article: `articles.text[start:end]`. A direct or partial "
            "quote includes its quote marks; an indirect one is the reported clause."
        ),
        "start": "Offset of the quote in `articles.text`, counted in characters from 0.",
        "end": "Offset just after the quote in `articles.text` (exclusive): text = articles.text[start:end].",
        "type": "How the words are reported: direct, partial or indirect (see the values).",
        "speaker": (
            'Who speaks, as written next to the reporting verb: "he", "Wallin", "the statement". '
            "NULL when the quote names no speaker."
        ),
        "speaker_resolved": (
            "The speaker resolved to the fullest earlier name in the article: a pronoun or surname to the"
            ' full name ("he" -> "Matthew Wallin"), "the statement" to the organisation named with '
            "it; else the speaker phrase itself. NULL for a pronoun that could not be resolved. Group by "
            "this column to count quotes per person."
        ),
        "cue": "The reporting verb or phrase: said, told, added, according to, sagte …",
        "sentence_index": (
            "Position, counted from 0, in `articles.sentence_spans` of the sentence where the quote starts."
        ),
        "run_id": "The run that wrote this row.",
        "group_index": (
            'The parts of a split quote ("First," he said, "second.") share this number: the position'
            " among the article's quotes of the first part. NULL for a quote that is not split. Group by "
            "article_id and group_index to rejoin the parts."
        ),
    },
    "citations": {
        "citation_id": "Stable id of the citation: a hash of its article, kind, source, offsets and URL.",
        "article_id": "The citing article (articles.article_id).",
        "kind": "How the source is cited (see the values).",
        "source_name": (
            'Canonical name of the cited outlet or publisher ("The Independent", "Reuters") from the '
            "outlet registry `pipeline/data/outlets.csv`; a name the registry does not know is kept as "
            "written."
        ),
        "source_text": 'The name as the article writes it ("the Indy", "AP").',
        "source_domain": "The outlet's main domain from the registry, or the linked host; NULL when unknown.",
        "source_type": (
            "What the outlet is, from the registry (see the values); NULL for an outlet the registry does"
            " not know."
        ),
        "url": "The linked URL, for `link` citations (and cues carrying a link); else NULL.",
        "start": (
            "Offset of the cited name in `articles.text` (from 0): `source_text` is "
            "articles.text[start:end]. NULL for a link whose anchor text is not in the text."
        ),
        "end": "Offset just after the cited name in `articles.text` (exclusive); NULL with start.",
        "run_id": "The run that wrote this row.",
    },
    "rejects": {
        "source_uri": "The dump file the record came from.",
        "record_offset": _LINEAGE_OFFSET,
        "record_id": "WARC-Record-ID, the JSONL `id`, or the member or file name; NULL when none.",
        "url": "The page's URL when the record had one.",
        "reason": "Why the record is not an article: a short code (see the values).",
        "detail": "The specifics, in words: the exception, the size, the word count …",
        "run_id": "The run that wrote this row.",
    },
}

TABLE_DESCRIPTIONS = {
    "articles": "One row per article: its text, metadata, paragraph and sentence offsets, and lineage.",
    "quotes": "One row per quotation found in an article, with its speaker and offsets into the article text.",
    "citations": "One row per outlet or publication an article cites: news agencies, papers, broadcasters, studies.",
    "rejects": "One row per record that should have been an article but is not, with the reason.",
}

# --- enumerated values ----------------------------------------------------------------------

QUOTE_TYPES = {
    "direct": """A quotation that stands as its own clause, in quote marks: `"We will win," she said.`
        The span includes the marks. A quote split by its attribution gives two direct rows.""",
    "partial": """Quoted words inside running text, marks included, with the speaker and cue of their
        sentence: `"rumors"` in `Putin said that the suggestions were "rumors"`, `"a sticking plaster"`
        in `called the plan "a sticking plaster"`. The clause around them is no row of its own.""",
    "indirect": """Reported speech without quote marks (a clause with quoted words gives partial rows
        instead): `X said (that) …`, `according to X, …`, or the object of a stance verb (`Weaver
        endorsed Clinton` -> "Clinton").""",
}

CITATION_KINDS = {
    "attribution": "Information credited to an outlet with a cue: according to, told, reported, laut, selon, según.",
    "source_line": "An outlet named in a source line or agency tag: `Sources: …`, `BERLIN (dpa) -`, `(AFP)`, © lines.",
    "via": "Material taken from an outlet: `via Reuters`, `Foto: … via AP`.",
    "link": "An outbound link to an outlet's site in the article body (`url` holds it).",
    "photo_credit": "A photo or image credit: `Photo: Getty Images`, `Bild: dpa`.",
    "study": "A study, survey, report or data published by an organisation or journal: `a study in The Lancet`.",
}

SOURCE_TYPES = {
    "wire": "News agency selling wire copy (Reuters, AP, AFP, dpa).",
    "newspaper": "Newspaper, in print or online (The Guardian, Le Monde).",
    "broadcaster": "Television or radio broadcaster (BBC, CNN).",
    "magazine": "Magazine (The Economist, Der Spiegel).",
    "online": "Online-only news site or portal (Yahoo News, HuffPost).",
    "agency": "Photo or image agency (Getty Images, Alamy).",
    "platform": "Platform hosting others' content (Wikipedia, Flickr, YouTube).",
    "journal": "Scientific or professional journal (Nature, The Lancet).",
    "organisation": "Organisation publishing studies or data (WHO, World Bank, a university).",
}

# Reject and skip reasons live in pipeline/reasons.py (the pipeline's own list); the dictionary shows them.
REJECT_REASONS = reasons.REJECT_REASONS
SKIP_REASONS = reasons.SKIP_REASONS

FIXES = {
    "title_from_text": "The page had no title: the first 14 words of the text became the title.",
    "published_at_out_of_range": "The stated publication date was before 1990 or after the fetch; published_at set to NULL.",
    "language_unknown": "Neither the page nor the detector gave a language; language is NULL.",
    "html_data_uri_removed": "Huge inline data: URIs removed from a page over 1 MiB before extraction.",
    "html_inline_block_removed": "An inline script or style over 1 MiB emptied before extraction.",
    "lone_surrogate_replaced": "A JSONL string held a lone UTF-16 surrogate; it was replaced.",
    "<table>.<column>.url_…": "A URL repaired to keep its column's rule (trimmed, whitespace removed, unwrapped, percent-encoded, user info removed).",
    "<table>.<column>…_invalid_nulled": "A value that broke its column's rule in a nullable column, set to NULL.",
    "quotes.dropped_span_mismatch": "A quote whose offsets did not give its text was dropped.",
    "citations.dropped_link_without_valid_url": "A link citation without a valid URL was dropped.",
    "<table>.dropped_invalid_row": "A quote or citation row breaking its table's contract was dropped.",
    "<table>.dropped_duplicate_id": "A second quote or citation row with the same id in one article was dropped.",
}

# Which pass of `pipeline/extract.py` made an article's text (its EXTRACTION_PATHS name them too).
EXTRACTION_PATHS: dict[str, str] = {
    "precision": "trafilatura's fast cascade, precision favoured: the usual path.",
    "precision_full": "The fast cascade's text was under 500 characters; the full cascade (readability and jusText compared) made it.",
    "recall": "Still too short for an article on a page with article signals (declared type, <article> with prose, headline with byline or date, prose paragraphs): trafilatura's recall configuration made it.",
    "recall_truncated": "The text held under half of the page's own prose paragraphs (an article cut short): the recall configuration's longer text was taken.",
    "plain_text": "The record was plain text (a .txt file or a JSONL text field): no HTML extraction.",
}

# Coded columns and their values; the manifest's reasons are listed apart (they are not columns).
ENUMERATIONS: dict[tuple[str, str], dict[str, str]] = {
    ("quotes", "type"): QUOTE_TYPES,
    ("citations", "kind"): CITATION_KINDS,
    ("citations", "source_type"): SOURCE_TYPES,
    ("rejects", "reason"): REJECT_REASONS,
    ("articles", "extraction"): EXTRACTION_PATHS,
}
MANIFEST_ENUMERATIONS = {
    "counts.skips_by_reason": SKIP_REASONS,
    "counts.rejects_by_reason": REJECT_REASONS,
    "counts.fixes": FIXES,
}


def _spark_type(type_: pa.DataType) -> object:
    """A Spark SQL type in Spark's JSON form (StructType.json)."""
    if pa.types.is_list(type_):
        return {"type": "array", "elementType": _spark_type(type_.value_type), "containsNull": True}
    if pa.types.is_struct(type_):
        return {"type": "struct", "fields": [_spark_field(f) for f in type_]}
    simple = {
        pa.string(): "string",
        pa.int16(): "short",
        pa.int32(): "integer",
        pa.int64(): "long",
        pa.float64(): "double",
        pa.bool_(): "boolean",
    }
    if pa.types.is_timestamp(type_):
        return "timestamp"
    return simple[type_]


def _spark_field(field: pa.Field) -> dict[str, object]:
    comment = (field.metadata or {}).get(DESCRIPTION.encode(), b"").decode()
    return {
        "name": field.name,
        "type": _spark_type(field.type),
        "nullable": field.nullable,
        "metadata": {"comment": comment} if comment else {},
    }


def _described_type(type_: pa.DataType) -> pa.DataType:
    """A span list's struct with its fields described (the types themselves unchanged)."""
    if pa.types.is_list(type_) and pa.types.is_struct(type_.value_type):
        fields = [f.with_metadata({DESCRIPTION: SPAN_DESCRIPTIONS.get(f.name, "")}) for f in type_.value_type]
        return pa.list_(pa.struct(fields))
    return type_


def described(name: str, schema: pa.Schema) -> pa.Schema:
    """The table's schema, its fields and types as defined above, with every description attached
    (a column without one is an error) and the Spark form that carries them as comments."""
    texts = DESCRIPTIONS[name]
    missing = [f.name for f in schema if not texts.get(f.name)]
    if missing:
        raise ValueError(f"pipeline/schema.py: describe {name}.{', '.join(missing)} in DESCRIPTIONS")
    fields = [
        pa.field(f.name, _described_type(f.type), f.nullable, {DESCRIPTION: " ".join(texts[f.name].split())})
        for f in schema
    ]
    spark = {"type": "struct", "fields": [_spark_field(f) for f in fields]}
    return pa.schema(
        fields, metadata={DESCRIPTION: TABLE_DESCRIPTIONS[name], SPARK_SCHEMA_KEY: json.dumps(spark)}
    )


ARTICLES = described("articles", ARTICLES)
QUOTES = described("quotes", QUOTES)
CITATIONS = described("citations", CITATIONS)
REJECTS = described("rejects", REJECTS)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quotes": QUOTES,
    "citations": CITATIONS,
    "rejects": REJECTS,
}


def description(field: pa.Field) -> str:
    return (field.metadata or {}).get(DESCRIPTION.encode(), b"").decode()
