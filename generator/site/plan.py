"""The site plan: every page the site has, as :class:`~generator.site.pages.Page` records in
the order they are written, with the titles and descriptions the theme shows."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from generator.content.model import STATUSES, Archive, Chronicle, Document, Issue
from generator.content.record import missing_issues
from generator.search.terms import search_terms_for
from generator.site import urls
from generator.site.bodies import RenderedBody
from generator.site.index import Group, Indexes, TimelineYear, chronicle_days, newest_first_key
from generator.site.labels import GAZETTE, cn_date, describe_document, issue_label
from generator.site.pages import CITATIONS_SHOWN, FEED_SIZE, LATEST_SHOWN, Page, PageKind
from generator.site.phrasebuckets import bucket_count
from generator.site.record import permalink_url


def site_pages(
    indexes: Indexes, bodies: dict[str, RenderedBody], only: Collection[str] | None = None
) -> Iterator[Page]:
    """Every generated page in writing order. ``only`` (the preview) skips the document pages
    not in it, whose bodies it has not rendered."""
    archive = indexes.archive
    yield _home(archive)
    yield Page(
        "issues.md",
        PageKind.ARCHIVE,
        "往期公报",
        f"《{GAZETTE}》全部各期，按年份排列，每期列出期号、总期号、出版日期和文件数。",
        {"years": _issues_by_year(archive), "missing": missing_issues(archive)},
    )
    for issue in archive.issues:
        yield from _issue_pages(indexes, issue, bodies, only)
    yield from _timeline_pages(indexes)
    yield from _docnumber_pages(indexes)
    yield from _group_pages(indexes.organs, PageKind.ORGANS, "organs", "发文机关", urls.organ_page)
    yield from _group_pages(
        indexes.sections, PageKind.SECTIONS, "sections", "栏目", urls.section_page
    )
    yield from _annual_pages(indexes)
    counts = indexes.citations.counts
    yield Page(
        "citations/index.md",
        PageKind.CITATIONS,
        "引用",
        f"《{GAZETTE}》各文件引用的文号：被引用最多的文件，包括未在公报刊登的上级文件。",
        {"counts": counts[:CITATIONS_SHOWN], "total": len(counts)},
    )
    yield _search(indexes)
    yield Page(
        "about.md",
        PageKind.ABOUT,
        "关于",
        f"关于《{GAZETTE}》电子版：内容来源、引用方式、订阅、数据接口和隐私保护。",
        {"latest": archive.latest},
    )
    yield from _feeds(archive)


def _annual_pages(indexes: Indexes) -> Iterator[Page]:
    yield Page(
        "annual/index.md",
        PageKind.ANNUAL,
        "年度总目录",
        f"《{GAZETTE}》年度总目录：每年各期刊登的全部文件，按栏目排列。",
        {"years": indexes.annual},
    )
    for annual in indexes.annual:
        yield Page(
            urls.annual_page(annual.year),
            PageKind.ANNUAL_YEAR,
            f"{annual.year}年度总目录",
            f"《{GAZETTE}》{annual.year}年度总目录：{len(annual.issues)}期，全部文件按栏目排列。",
            {"year": annual},
        )


def _feeds(archive: Archive) -> Iterator[Page]:
    """The Atom feeds of issues and of the latest documents."""
    updated = f"{archive.updated.isoformat()}T00:00:00+08:00"
    yield Page(
        "feed.xml",
        PageKind.FEED_ISSUES,
        context={"issues": list(reversed(archive.issues)), "updated": updated},
    )
    yield Page(
        "documents.xml",
        PageKind.FEED_DOCUMENTS,
        context={
            "docs": sorted(archive.documents, key=newest_first_key)[:FEED_SIZE],
            "updated": updated,
        },
    )


def _home(archive: Archive) -> Page:
    latest = archive.latest
    description = (
        f"{GAZETTE}电子版：大武口区委、区人民政府及其办公室发布的文件、通知和大事记，"
        "可按期次、文号、发文机关和全文检索查阅。"
        + (f"最新一期：{issue_label(latest)}。" if latest else "")
    )
    return Page(
        "index.md",
        PageKind.HOME,
        GAZETTE,
        description,
        {"latest": latest, "issues": archive.issues},
        hide=("navigation", "toc"),
    )


def _issue_pages(
    indexes: Indexes, issue: Issue, bodies: dict[str, RenderedBody], only: Collection[str] | None
) -> Iterator[Page]:
    contents = (
        f"目录共{len(issue.entries)}篇：{issue.entries[0].title}"
        if issue.entries
        else "本期文件整理中。"
    )
    yield Page(
        urls.issue_page(issue.key),
        PageKind.ISSUE,
        issue_label(issue, total=False),
        f"《{GAZETTE}》{issue_label(issue)}，{cn_date(issue.date)}出版，{contents}",
        {"issue": issue},
    )
    entries = issue.entries
    for position, entry in enumerate(entries):
        around = {
            "issue": issue,
            "prev": entries[position - 1] if position > 0 else None,
            "next": entries[position + 1] if position + 1 < len(entries) else None,
        }
        if isinstance(entry, Document):
            path = urls.document_page(entry)
            if only is None or path in only:
                yield _document(indexes, entry, around, bodies[path])
        else:
            yield _chronicle(indexes, entry, around)


def _document(indexes: Indexes, doc: Document, around: dict[str, Any], body: RenderedBody) -> Page:
    refs = indexes.citations.cites.get(doc, ())
    relations = indexes.relations
    context = {
        "doc": doc,
        "body": body,
        "refs": refs,
        "cited_by": indexes.citations.cited_by.get(doc, ()),
        "search_terms": search_terms_for(doc, refs),
        "permalink": permalink_url(doc),
        "status": relations.status.get(doc),
        "notices": relations.notices(doc),
        "links": relations.outgoing.get(doc, []),
        "incoming": relations.incoming.get(doc, []),
        **around,
    }
    return Page(
        urls.document_page(doc),
        PageKind.DOCUMENT,
        doc.title,
        describe_document(doc, _plain(body.html)),
        context,
        _toc_tokens(body.toc),
    )


def _toc_tokens(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only what the theme's table of contents needs."""
    return [
        {
            "level": t["level"],
            "id": t["id"],
            "name": t["name"],
            "children": _toc_tokens(t["children"]),
        }
        for t in tokens
    ]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _chronicle(indexes: Indexes, chronicle: Chronicle, around: dict[str, Any]) -> Page:
    days = chronicle_days(chronicle)
    issue = around["issue"]
    description = (
        f"《{GAZETTE}》{issue_label(issue)}大事记：{cn_date(chronicle.start)}至"
        f"{cn_date(chronicle.end)}，"
        f"{len(days)}天、{len(chronicle.events)}条记事。"
    )
    toc = [
        {"level": 2, "id": day.date.isoformat(), "name": cn_date(day.date), "children": []}
        for day in days
    ]
    return Page(
        urls.chronicle_page(chronicle),
        PageKind.CHRONICLE,
        chronicle.title,
        description,
        {
            "chronicle": chronicle,
            "days": days,
            "event_links": indexes.citations.event_links,
            **around,
        },
        toc,
    )


def _timeline_pages(indexes: Indexes) -> Iterator[Page]:
    yield Page(
        "chronicle/index.md",
        PageKind.TIMELINE,
        "大事记",
        "大武口区人民政府大事记时间线：全部各期大事记按年、月、日汇总。",
        {"timeline": indexes.timeline},
    )
    for year in indexes.timeline:
        yield Page(
            urls.timeline_page(year.year),
            PageKind.TIMELINE_YEAR,
            f"{year.year}年大事记",
            f"{year.year}年大武口区人民政府大事记：{year.day_count}天、{year.event_count}条记事，"
            "按月、日排列，注明刊登期次。",
            {"year": year, "event_links": indexes.citations.event_links},
            _months_toc(year),
        )


def _months_toc(year: TimelineYear) -> list[dict[str, Any]]:
    return [
        {
            "level": 2,
            "id": f"m{year.year}-{month.month:02d}",
            "name": f"{month.month}月",
            "children": [],
        }
        for month in year.months
    ]


def _docnumber_pages(indexes: Indexes) -> Iterator[Page]:
    yield Page(
        "docnumbers/index.md",
        PageKind.DOCNUMBERS,
        "文号索引",
        f"《{GAZETTE}》刊登文件的发文字号索引：按发文代字、年份和序号排列，标出未在公报刊登的序号。",
        {"codes": indexes.codes},
    )
    for code in indexes.codes:
        yield Page(
            urls.code_page(code.code),
            PageKind.DOCNUMBERS_CODE,
            f"{code.code} 文号索引",
            f"{code.code}〔年份〕N号：《{GAZETTE}》刊登的{code.count}件文件，"
            "按年份列出已刊登和未刊登的序号。",
            {"code": code},
        )
        for year in code.years:
            yield Page(
                urls.code_page(code.code, year.year),
                PageKind.DOCNUMBERS_YEAR,
                f"{code.code}〔{year.year}〕",
                f"{code.code}〔{year.year}〕N号：《{GAZETTE}》刊登的{len(year.documents)}件文件，"
                "按序号排列，并标出未在公报刊登的序号。",
                {"code": code, "year": year},
            )


def _group_pages(
    groups: tuple[Group, ...], kind: PageKind, folder: str, title: str, page_of: Any
) -> Iterator[Page]:
    """``organs/`` or ``sections/``: the list, one page per organ (section), one per year of it."""
    one, year_kind = (
        (PageKind.ORGAN, PageKind.ORGAN_YEAR)
        if kind is PageKind.ORGANS
        else (PageKind.SECTION, PageKind.SECTION_YEAR)
    )
    yield Page(
        f"{folder}/index.md",
        kind,
        title,
        f"《{GAZETTE}》按{title}分类的文件列表。",
        {"groups": groups, "kind": one.value, "title": title, "page_of": page_of},
    )
    for group in groups:
        yield Page(
            page_of(group.name),
            one,
            group.name,
            f"{title}“{group.name}”在《{GAZETTE}》刊登的{len(group.documents)}件文件："
            f"各年份的文件和最近刊登的{LATEST_SHOWN}件。",
            {"group": group, "kind": one.value, "page_of": page_of, "label": title},
        )
        for number, docs in group.years:
            yield Page(
                page_of(group.name, number),
                year_kind,
                f"{group.name} {number}年",
                f"{title}“{group.name}”{number}年在《{GAZETTE}》刊登的{len(docs)}件文件，"
                "按期次排列。",
                {
                    "group": group,
                    "kind": one.value,
                    "year": number,
                    "docs": docs,
                    "page_of": page_of,
                    "label": title,
                },
            )


def _search(indexes: Indexes) -> Page:
    statuses = [status for status in STATUSES if status in indexes.relations.status.values()]
    return Page(
        "search/index.md",
        PageKind.SEARCH,
        "全文检索",
        f"检索《{GAZETTE}》全部文件和大事记的正文：关键词、人名、文号均可，可按年份、期次、栏目、发"
        f"文机关筛选。",
        {
            "codes": indexes.codes,
            "issues": indexes.archive.issues,
            "organs": indexes.organs,
            "sections": indexes.sections,
            "statuses": statuses,
            "phrase_buckets": bucket_count(len(indexes.archive.issues)),
        },
        hide=("toc",),
    )


def _issues_by_year(archive: Archive) -> list[tuple[int, list[Issue]]]:
    years: dict[int, list[Issue]] = {}
    for issue in reversed(archive.issues):
        years.setdefault(issue.year, []).append(issue)
    return list(years.items())
