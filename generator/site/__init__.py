"""Site out: indexes, URLs, labels, page bodies and the pages MkDocs builds."""
