"""How the gazette names things on its pages: issues, dates, citations, document numbers,
and the one-sentence descriptions of documents. Jinja filters and globals come from here."""

from __future__ import annotations

import datetime
import re

from generator.content.model import Document, Issue

GAZETTE = "大武口区人民政府公报"


def cn_date(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def issue_label(issue: Issue, total: bool = True) -> str:
    """``2021年第2期（总第23期）``; with ``total=False`` ``2021年第2期``, the label every list
    uses."""
    short = f"{issue.year}年第{issue.number}期"
    return f"{short}（总第{issue.total_number}期）" if total else short


def citation_line(issue: Issue, page: int) -> str:
    return f"《{GAZETTE}》{issue_label(issue)}第{page}页"


def docnumber_label(doc: Document) -> str:
    return str(doc.doc_number) if doc.doc_number is not None else ""


def describe_document(doc: Document, plain_body: str) -> str:
    head = "，".join(
        part for part in (docnumber_label(doc), "、".join(doc.organs), cn_date(doc.date)) if part
    )
    return f"{head}。{first_sentence(plain_body, 90)}"


def first_sentence(text: str, limit: int) -> str:
    """Plain text cut at a sentence end near ``limit`` characters, for descriptions."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind("。"), cut.rfind("；"))
    if end >= limit // 2:
        return cut[: end + 1]
    return cut.rstrip("，、：；") + "…"
