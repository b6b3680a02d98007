"""Word frequencies from wordfreq, without failing on the languages it cannot serve."""

from __future__ import annotations

__all__ = ["zipf"]


def zipf(word: str, lang: str, wordlist: str = "best") -> float:
    """wordfreq's Zipf frequency of ``word``; 0 for a language wordfreq does not know
    or whose tokenizer is not installed (Chinese needs jieba, an optional extra)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang, wordlist=wordlist)
    except (LookupError, ValueError, ImportError):
        return 0.0
