"""Citations of an article (see engine)."""

from pipeline.citations.engine_old import find_citations

__all__ = ["find_citations"]
