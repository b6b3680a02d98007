"""Word frequencies from wordfreq, without failing on the languages it cannot serve."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["zipf"]


@lru_cache(maxsize=400_000)
def zipf(word: str, lang: str, wordlist: str = "best") -> float:
    """wordfreq's Zipf frequency of ``word``; 0 for a language wordfreq does not know
    or whose tokenizer is not installed (Chinese needs jieba, an optional extra).

    Cached here, once for every caller: names, statements, sentences and clusters
    ask about the same words."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang, wordlist=wordlist)
    except (LookupError, ValueError, ImportError):
        return 0.0
