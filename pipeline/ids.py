"""Stable identifiers: normalized URLs and content hashes.

The same page always gets the same id, whatever tracking parameters, case
of the host or fragment the dump gave it, so reruns and re-crawls line up.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|cmp|icid|ito|_ga|igshid|smid|"
    r"share|ref|ref_src|src|at_medium|at_campaign|sh|s_cid|ncid|wt\.mc_id|xtor|ns_mchannel|ns_campaign)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACES = re.compile(r"\s+")


def digest(value: str, size: int = 16) -> str:
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, no `www.`, default port, fragment or tracking parameters."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        sorted(
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)
        )
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace normalised: the same article re-crawled hashes alike."""
    return digest(_SPACES.sub(" ", text).strip().lower())


def article_id(url: str | None, text_hash: str) -> str:
    return digest("url:" + normalize_url(url)) if url else digest("content:" + text_hash)


def child_id(article: str, *parts: object) -> str:
    return digest(article + "|" + "|".join(str(p) for p in parts))
