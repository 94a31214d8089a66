"""Search: Thai and English full-text search over ideas, and similar ideas while typing.

``words`` turns text into search keys (normalised, segmented with pythainlp ``newmm``);
``models`` holds the search document of each idea; ``index`` writes it (listeners keep it
in step with every create, edit and delete); ``queries`` answers a search on SQLite (FTS5)
and PostgreSQL (pg_trgm + tsvector) behind one function; ``similar`` scores likely
duplicates; ``highlight`` marks matches in escaped text.
"""
