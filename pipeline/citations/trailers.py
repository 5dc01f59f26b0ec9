"""Rules over credit lines: labelled trailers ("Sources:", "Foto:"), agency tags ("BERLIN (dpa) -",
"(AFP)", "— AP"), and copyright notices."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.citations.names import plausible_name, tidy
from pipeline.citations.scanner import Scanner, domain_token
from pipeline.citations.vocabulary import CLOSE_QUOTES, OPEN_QUOTES, UPPER, vocabulary
from pipeline.outlets import MEDIA_TYPES, Outlet, is_well_formed_domain, lookup_domain, registrable_domain

CREDIT_TYPES = MEDIA_TYPES | {"agency", "platform", "journal", "organisation"}
LABEL_REACH = 40  # characters before a colon where a label's words sit
MAX_SEGMENT = 300  # longest labelled segment read
MAX_ITEM_WORDS = 6
SHORT_LINE = 40  # a line this short may be an agency tag on its own
TRAILER_TAIL = 45  # "… the talks will resume. — EFE": the end of a line read for a trailer
COPYRIGHT_REACH = 80
DATELINE_PREFIX = 40

_SEGMENT_END = re.compile(r"[ \t]+[/|•·][ \t]+(?=[" + UPPER + r"][\w ]{0,25}:)|\)|$", re.M)
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|Copyright(?:\s*©)?)[ \t]*(?:\d{4}[ \t,]*)?", re.I)
_PAREN_RE = re.compile(r"\(([^()\n]{1,60})\)")
_TAG_END = re.compile(r"[ \t]*(?:[.!?]?[ \t]*(?:\n|$)|[-–—:][ \t]|\.-)")  # "… gesagt. (dpa)", "(AP) —"
_TRAILER_RE = re.compile(r"(?:^|[ \t])(?:[—–]|--?)[ \t]*([^—–\n]{1,40}?)[ \t.]*$")
_SHORT_LINE_RE = re.compile(r"^[ \t]*([^\n]{1,40}?)[ \t.]*$")
_INITIALS = re.compile(r"^[a-zäöü]{2,4}$")  # an editor's initials in "dpa/jdd"
_PART_SPLIT = re.compile(r"[ \t]*(?:[,;/|]|[ \t](?:and|und|et|y|&)[ \t])[ \t]*")
_ITEM_SPLIT = re.compile(r"[ \t]*[,;][ \t]*")
_VIA_SPLIT = re.compile(r"[ \t]+v[ií]a[ \t]+")
_VIA_AT = re.compile(r"[ \t]v[ií]a[ \t]", re.I)
_PHOTO_SPLIT = re.compile(
    r"[ \t]*(?:[,;/|]|[ \t](?:via|for|on|für|pour|para|and|&)[ \t]|[ \t]+[-–][ \t]+)[ \t]*", re.I
)
_PHOTO_NOISE = re.compile(
    r"^(?:(?:AP|AFP|Reuters|dpa)?[ \t]*(?:photos?|pictures?|fotos?|images?|bild)[ \t]+(?:by|von|de|par)|"
    r"(?:photos?|pictures?|images?|fotos?)[ \t]*:|courtesy(?:[ \t]+of)?|by|von|par|de|file(?:[ \t]+photo)?)[ \t]+",
    re.I,
)
_LICENCE = re.compile(r"[ \t]*[(\[][^()\[\]]*(?:CC|BY|licen[cs]e|Lizenz|public domain)[^()\[\]]*[)\]]", re.I)
_PHOTO_WORD = re.compile(r"\b(?:Photo|Foto|Image|Picture|Bild|Pic)s?\b", re.I)
_WITH_SOURCE = re.compile(r"^[ \t]*(?:avec|with|mit|con|source|quelle|fuente)[ \t:]+", re.I)
_TRAILING_PAREN = re.compile(r"[ \t]*\([^()]*\)?$")
_PROPER_DETERMINERS = frozenset({"the", "der", "die", "das", "le", "la", "el"})

Item = tuple[Outlet | None, str, int, int, str | None]  # outlet, name, start, end, domain


def resolve_item(sc: Scanner, raw: str, start: int) -> Item:
    """A list item ("Reuters", "the Independent", "cbc.ca") as (outlet, name, start, end, domain)."""
    lead = len(raw) - len(raw.lstrip(" \t|" + OPEN_QUOTES))
    item = raw.strip(" \t.;:|" + OPEN_QUOTES + CLOSE_QUOTES)
    item = _LICENCE.sub("", item).strip()
    item = _TRAILING_PAREN.sub("", item).strip(" \t.;:")
    s = start + lead
    e = s + len(item)
    if not item:
        return None, "", s, e, None
    if domain_token(item) and "." in item:
        outlet = lookup_domain(item)
        domain = registrable_domain(item)
        if not is_well_formed_domain(domain):
            return None, "", s, e, None
        return outlet, outlet.name if outlet else domain, s, e, domain
    words = item.split()
    det = words[0] if len(words) > 1 and words[0].lower() in _PROPER_DETERMINERS else ""
    outlet = sc.lookup(item, "", bare_ok=True) or (
        sc.lookup(" ".join(words[1:]), det, bare_ok=True) if det else None
    )
    return outlet, outlet.name if outlet else tidy(item), s, e, outlet.domain if outlet else None


def list_items(segment: str, base: int, splitter: re.Pattern[str]) -> Iterable[tuple[str, int]]:
    pos = 0
    for m in splitter.finditer(segment):
        if m.start() > pos:
            yield segment[pos : m.start()], base + pos
        pos = m.end()
    if pos < len(segment):
        yield segment[pos:], base + pos


def _emit_item(sc: Scanner, kind: str, raw: str, start: int) -> None:
    outlet, name, s, e, domain = resolve_item(sc, raw, start)
    if not name:
        return
    if outlet is not None:
        sc.add_outlet(kind, outlet, s, e)
        return
    words = name.split()
    if (name[:1].isdigit() and not domain) or name.lower() in vocabulary().generic_items:
        return
    if not words or len(words) > MAX_ITEM_WORDS or (not name[:1].isupper() and not domain):
        return
    if plausible_name(words):
        sc.add(kind, name, sc.text[s:e], domain, None, s, e, None)


def _source_segment(sc: Scanner, segment: str, base: int) -> None:
    """ "Sources: The Guardian; AP via Yahoo News, cbc.ca"."""
    for chunk, cstart in list_items(segment, base, _ITEM_SPLIT):
        via_parts = _VIA_SPLIT.split(chunk, maxsplit=1)
        head = via_parts[0]
        pieces = [(head, cstart)]
        if resolve_item(sc, head, cstart)[0] is None:
            split = list(list_items(head, cstart, _PART_SPLIT))
            if len(split) > 1 and ("/" in head or all(resolve_item(sc, p, 0)[0] for p, _ in split)):
                pieces = split
        for piece, pstart in pieces:
            _emit_item(sc, "source_line", piece, pstart)
        if len(via_parts) == 2:
            _emit_item(sc, "via", via_parts[1], cstart + chunk.index(via_parts[1], len(head)))


def _photo_piece(sc: Scanner, kind: str, piece: str, pstart: int, registry_only: bool) -> None:
    outlet, name, s, e, domain = resolve_item(sc, piece, pstart)
    if outlet is not None and outlet.type in CREDIT_TYPES:
        sc.add_outlet(kind, outlet, s, e)
    elif (
        outlet is None
        and not registry_only
        and name
        and name.lower() not in vocabulary().generic_items
        and (sc.outlet_like(name.split()) or domain)
    ):
        sc.add(kind, name, sc.text[s:e], domain, None, s, e, None)


def photo_segment(sc: Scanner, segment: str, base: int, registry_only: bool = False) -> None:
    """ "Global Panorama/Flickr", "John Smith/AFP via Getty Images", "AP Photo/Evan Vucci"."""
    lead = _PHOTO_NOISE.match(segment)
    offset = lead.end() if lead else 0
    segment, base = segment[offset:], base + offset
    via_at = [m.end() for m in _VIA_AT.finditer(segment)]
    photographer = _photographer_and_agency(sc, segment)
    for piece, pstart in list_items(segment, base, _PHOTO_SPLIT):
        noise = _PHOTO_NOISE.match(piece)
        if noise:
            piece, pstart = piece[noise.end() :], pstart + noise.end()
        if _PHOTO_WORD.fullmatch(piece.strip(" .")):
            continue
        kind = "via" if any(pstart - base in (v, v + 1) for v in via_at) else "photo_credit"
        if (
            photographer is not None
            and not registry_only
            and piece.strip(" .") == photographer.group("agency")
        ):
            _agency_after_photographer(sc, piece, pstart)  # "Jean-Pierre Moulin / Maxppp"
            continue
        _photo_piece(sc, kind, piece, pstart, registry_only)


# "Jean-Pierre Moulin / Maxppp", "Ben Hardy/Getty Images": a photographer's name, then the agency
_PHOTOGRAPHER_AND_AGENCY = re.compile(
    rf"[{UPPER}][\w'’-]+(?:[ \t]+[{UPPER}][\w'’-]+){{1,2}}[ \t]*/[ \t]*(?P<agency>[{UPPER}][\w.&-]*(?:[ \t]+[{UPPER}][\w.&-]*)?)"
)


def _photographer_and_agency(sc: Scanner, segment: str) -> re.Match[str] | None:
    """A person's name before the slash ("AP Photo/Evan Vucci" has the agency first)."""
    m = _PHOTOGRAPHER_AND_AGENCY.fullmatch(segment.strip(" ."))
    if m is None:
        return None
    person = segment.strip(" .")[: m.start("agency")].rstrip(" \t/")
    if _PHOTO_WORD.search(person) or resolve_item(sc, person, 0)[0] is not None:
        return None
    return m


def _agency_after_photographer(sc: Scanner, piece: str, pstart: int) -> None:
    outlet, name, s, e, domain = resolve_item(sc, piece, pstart)
    if outlet is not None:
        if outlet.type in CREDIT_TYPES:
            sc.add_outlet("photo_credit", outlet, s, e)
    elif name and name.lower() not in vocabulary().generic_items:
        sc.add("photo_credit", name, sc.text[s:e], domain, None, s, e, None)


def _credit_line(sc: Scanner, line: str) -> bool:
    """A short line of a photographer and an agency the registry knows ("Ben Hardy/Getty Images")."""
    m = _photographer_and_agency(sc, line)
    if m is None:
        return False
    outlet = resolve_item(sc, m.group("agency"), 0)[0]
    return outlet is not None and outlet.type in {"agency", "wire"}


def _label_matches(sc: Scanner) -> Iterable[tuple[re.Match[str], int]]:
    """Labels end in a colon: look only behind the few colons of the text. Yields the label match
    and where its segment starts (after the colon and blanks)."""
    text = sc.text
    v = vocabulary()
    i = text.find(":")
    while i != -1:
        lo = max(0, i - LABEL_REACH)
        nl = text.rfind("\n", lo, i)
        if nl != -1:
            lo = nl + 1
        words = text[lo:i].split()
        if words and words[-1].lower().lstrip("(") in v.label_last_words:
            m = v.label.search(text, lo, i + 1)
            if m:
                end = i + 1
                while end < len(text) and text[end] in " \t":
                    end += 1
                yield m, end
        i = text.find(":", i + 1)


def labelled(sc: Scanner) -> None:
    text = sc.text
    for m, start in _label_matches(sc):
        end_m = _SEGMENT_END.search(text, start)
        end = end_m.start() if end_m else len(text)
        nl = text.find("\n", start)
        if nl != -1 and nl < end:
            end = nl
        segment = text[start:end]
        if not segment.strip() or len(segment) > MAX_SEGMENT:
            continue
        if m.group("src") and m.group("src").lower() == "via":
            for piece, pstart in list_items(segment, start, _PART_SPLIT):
                _emit_item(sc, "via", piece, pstart)
        elif m.group("src"):
            _source_segment(sc, segment, start)
        else:
            photo_segment(sc, segment, start)


# --- agency tags ------------------------------------------------------------------------------------


def _defines_acronym(text: str, paren_start: int, inner: str) -> bool:
    """ "Administración Nacional de Puertos (ANP)" defines an acronym; it is not the Dutch agency."""
    acronym = inner.strip()
    if not (2 <= len(acronym) <= 8 and acronym.isalpha() and acronym.isupper()):
        return False
    words = [
        w for w in re.findall(r"[\w'-]+", text[max(0, paren_start - 120) : paren_start]) if w[:1].isupper()
    ]
    return "".join(w[0] for w in words[-len(acronym) :]).upper() == acronym


def _dateline_position(text: str, inner_start: int) -> bool:
    """ "WASHINGTON (CNN) —": the tag sits at the start of a paragraph and a dash or colon follows."""
    line_start = text.rfind("\n", 0, inner_start) + 1
    before = text[line_start : inner_start - 1]
    after = text[text.find(")", inner_start) + 1 :][:4]
    return (
        len(before) <= DATELINE_PREFIX
        and not re.search(r"[a-z]{3,}[ .]", before)
        and bool(re.match(r"[ \t]*[-–—:]", after))
    )


def _photo_tag(sc: Scanner, inner: str, base: int) -> bool:
    """ "(AP Photo/Evan Vucci)", "(Foto: dpa)": a photo credit in brackets."""
    if "/" not in inner and not _PHOTO_WORD.search(inner):
        return False
    resolved = [resolve_item(sc, p, 0)[0] for p, _ in list_items(inner, base, _PART_SPLIT)]
    photo_word = _PHOTO_WORD.search(inner) and not _PHOTO_WORD.fullmatch(inner.strip())
    if photo_word or ("/" in inner and any(o is not None and o.type == "agency" for o in resolved)):
        photo_segment(sc, inner, base)
        return True
    return False


def _tag_outlets(sc: Scanner, inner: str, base: int) -> list[tuple[Outlet, int, int]] | None:
    """Every item of a tag as a registry outlet, or None when one is not."""
    found: list[tuple[Outlet, int, int]] = []
    for piece, pstart in list_items(inner, base, _PART_SPLIT):
        outlet, _, s, e, _ = resolve_item(sc, piece, pstart)
        if outlet is None:
            if _INITIALS.match(piece.strip()):
                continue
            return None
        found.append((outlet, s, e))
    return found


def _tag(
    sc: Scanner, inner: str, base: int, paren: bool, whole_line: bool = False, placed: bool = True
) -> None:
    stripped = _WITH_SOURCE.match(inner)
    if stripped:
        base += stripped.end()
        inner = inner[stripped.end() :]
    if (paren and _photo_tag(sc, inner, base)) or not placed:
        return
    found = _tag_outlets(sc, inner, base)
    if not found:
        return
    wires = all(o.type == "wire" for o, _, _ in found)
    dateline = paren and _dateline_position(sc.text, base) and all(o.type in MEDIA_TYPES for o, _, _ in found)
    if not (wires or dateline):
        return
    if whole_line and len(found) == 1 and not paren and found[0][0].type != "wire":
        return
    for outlet, s, e in found:
        sc.add_outlet("source_line", outlet, s, e)


def _parenthesised_tags(sc: Scanner) -> None:
    text = sc.text
    for m in _PAREN_RE.finditer(text):
        inner = m.group(1)
        if ":" in inner and vocabulary().label.match(inner):
            continue  # "(Photo: ...)" is a labelled segment
        if _defines_acronym(text, m.start(), inner):
            continue
        placed = _dateline_position(text, m.start(1)) or bool(_TAG_END.match(text, m.end()))
        _tag(sc, inner, m.start(1), paren=True, placed=placed)


def _line_tags(sc: Scanner) -> None:
    offset = 0
    for line in sc.text.split("\n"):
        if len(line.strip()) <= SHORT_LINE and "/" in line and _credit_line(sc, line):
            photo_segment(sc, line, offset)
        elif len(line.strip()) <= SHORT_LINE:
            m = _SHORT_LINE_RE.match(line)
            if m and m.group(1).strip():
                _tag(sc, m.group(1), offset + m.start(1), paren=False, whole_line=True)
        tail = line[-TRAILER_TAIL:]
        if "—" in tail or "–" in tail or "-" in tail:
            m = _TRAILER_RE.search(line, max(0, len(line) - TRAILER_TAIL))
            if m:
                _tag(sc, m.group(1), offset + m.start(1), paren=False)
        offset += len(line) + 1


def _copyright(sc: Scanner) -> None:
    text = sc.text
    if "©" not in text and "(c)" not in sc.lower and "copyright" not in sc.lower:
        return
    for m in _COPYRIGHT_RE.finditer(text):
        end = min(len(text), m.end() + COPYRIGHT_REACH)
        for stop in ("\n", ")", " / ", " | "):
            k = text.find(stop, m.end(), end)
            if k != -1:
                end = k
        segment = text[m.end() : end]
        if not m.group(0).lower().startswith("copyright"):
            photo_segment(sc, segment, m.end(), registry_only=True)
            continue
        for piece, pstart in list_items(segment.split(".")[0], m.end(), _PART_SPLIT):
            outlet, _, s, e, _ = resolve_item(sc, piece, pstart)
            if outlet is not None and outlet.type in MEDIA_TYPES | {"agency"}:
                sc.add_outlet("source_line", outlet, s, e)  # text is sc.text


def agency_tags(sc: Scanner) -> None:
    """ "BERLIN (dpa) -", "(AFP)", "(AP Photo/Evan Vucci)", "— AP", "© AFP"."""
    _parenthesised_tags(sc)
    _line_tags(sc)
    _copyright(sc)
