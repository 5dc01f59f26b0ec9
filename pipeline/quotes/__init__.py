"""Quotations in an article (see engine)."""

from pipeline.quotes.engine_old import find_attributions, find_quotes

__all__ = ["find_attributions", "find_quotes"]
