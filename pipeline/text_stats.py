"""Word counts that also hold for scripts written without spaces."""

from __future__ import annotations

import re

# A Han or kana character counts as one word: Chinese and Japanese are written without spaces.
_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
