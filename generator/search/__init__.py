"""Search: the header's quick find (:mod:`.quickfind`), the document-number tokens
(:mod:`.terms`) and the full-text index (:mod:`.fulltext`): Pagefind's, merged from yearly
shards, and the phrase index the search page searches (:mod:`.phrases`)."""
