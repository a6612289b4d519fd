"""The quick-find index behind the search box in the header (the theme's lunr search).

It holds only what readers look up by name — titles with their document numbers,
issuing organs, sections, issues — so it stays small as the archive grows; the full
text is searched by Pagefind on the search page. Titles are cut into words with jieba
and joined with U+200B, the way the theme does it, so the browser can match words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from generator.content.model import Archive, Document
from generator.site import urls
from generator.site.escape import html_text, json_text
from generator.site.index import Group
from generator.site.labels import issue_label

SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：:“”‘’《》〈〉「」『』〔〕［］\[\]()（）【】]+"
"""Token separator for the theme's search; brackets split a document number into
code | year | serial号, so 石大政办发[2021]5号 and 石大政办发〔2021〕5号 give the same terms."""

_HAN = re.compile(r"[\u4e00-\u9fff]+")
NAME_BOOST = 4


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba, loaded once and quiet (its dictionary takes a second to load)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segment(text: str) -> str:
    """Cut runs of Han characters into words separated by U+200B."""
    jieba = _jieba()
    return _HAN.sub(lambda m: "\u200b".join(jieba.cut(m.group(0), HMM=False)), text)


def entry_for_document(doc: Document) -> dict[str, object]:
    """Number first, then the title without the issuing organs (they have entries of their own)."""
    title = doc.title
    if "关于" in title and not title.startswith("关于"):
        title = title[title.index("关于") :]
    title = segment(title)
    if doc.doc_number is not None:
        # Kept whole: the separator splits it into code | year | serial号, the words a
        # query for the number is split into, whatever brackets the reader types.
        title = f"{doc.doc_number} {title}"
    return {
        "location": urls.page_url(urls.document_page(doc)),
        "title": html_text(title),
        "text": "",
    }


def build_quickfind(
    archive: Archive, organs: tuple[Group, ...], sections: tuple[Group, ...]
) -> str:
    docs: list[dict[str, object]] = []
    for issue in reversed(archive.issues):
        # Not cut into words: readers type 2021年第2期 (or 第02期, as printed) in one piece.
        docs.append(
            {
                "location": urls.page_url(urls.issue_page(issue.key)),
                "title": html_text(issue_label(issue)),
                "text": f"{issue.year}年第{issue.number:02d}期",
            }
        )
        for entry in issue.entries:
            if isinstance(entry, Document):
                docs.append(entry_for_document(entry))
            else:
                docs.append(
                    {
                        "location": urls.page_url(urls.chronicle_page(entry)),
                        "title": html_text(segment(entry.title)),
                        "text": "",
                    }
                )
    # A query that names an organ or a section wants its page before the documents that
    # mention the name in their titles.
    for group in organs:
        docs.append(
            {
                "location": urls.page_url(urls.organ_page(group.name)),
                "title": html_text(segment(group.name)),
                "text": "发文机关",
                "boost": NAME_BOOST,
            }
        )
    for group in sections:
        docs.append(
            {
                "location": urls.page_url(urls.section_page(group.name)),
                "title": html_text(segment(group.name)),
                "text": "栏目",
                "boost": NAME_BOOST,
            }
        )
    return json_text({"docs": docs}, compact=True)
