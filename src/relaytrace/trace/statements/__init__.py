"""Statements: direct quotes and reported speech with speaker and venue, followed across copies.

extract_statements(article)          -> list[Statement]
extract_from_text(paragraphs, lang)  -> list[Statement]
link_statements(clusters, ...)       -> list[StatementChain]
"""

from relaytrace.trace.statements.extract import extract_from_text, extract_statements

__all__ = ["extract_from_text", "extract_statements"]
