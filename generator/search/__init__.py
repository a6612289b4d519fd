"""Search: the header's quick find (:mod:`.quickfind`), the document-number tokens
(:mod:`.terms`) and the full-text index (:mod:`.fulltext`, Pagefind with Han character
pairs added)."""
