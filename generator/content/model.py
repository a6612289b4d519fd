"""The gazette as data: frozen dataclasses, no I/O.

The loader builds these from ``content/``; everything after it (indexes, rendering)
reads them and never changes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from generator.content.docnumber import DocNumber

MASTHEAD_FIELDS: dict[str, str] = {
    "frequency": "刊期",
    "committee_director": "编辑委员会主任",
    "committee_deputy_directors": "编辑委员会副主任",
    "committee_members": "编辑委员会委员",
    "editor_in_chief": "主编",
    "editors": "责任编辑",
    "supervisor": "主管",
    "sponsor": "主办",
    "publisher": "编辑出版",
    "address": "地址",
    "postcode": "邮政编码",
    "phone": "电话",
    "fax": "传真",
    "email": "邮箱",
    "website": "网址",
    "printer": "印刷",
}
"""Masthead keys of ``issue.yml`` and the labels the gazette prints for them, in print order."""

MASTHEAD_LISTS = frozenset({"committee_deputy_directors", "committee_members", "editors"})
"""Masthead keys that hold a list of names."""


STATUSES = ("现行有效", "已修改", "已废止", "已失效")
"""Validity of a document (效力状态)."""

RELATIONS: dict[str, tuple[str, str]] = {
    "repeals": ("废止", "被废止"),
    "amends": ("修改", "被修改"),
    "interprets": ("解读", "政策解读"),
    "corrects": ("更正", "被更正"),
}
"""Relation fields of the front matter, with the label on the document that lists the
number and on the document it names."""


@dataclass(frozen=True, order=True)
class IssueKey:
    """Identifies an issue: 2021年第2期 is ``IssueKey(2021, 2)``."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-{self.number:02d}"


@dataclass(frozen=True)
class Lines:
    """Line of each field in its source file, for problems found after loading."""

    pairs: tuple[tuple[str, int], ...] = ()

    def __getitem__(self, name: str) -> int:
        return dict(self.pairs).get(name, 1)

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self.pairs)


@dataclass(frozen=True)
class FileInfo:
    """A file published as is: the print edition or an attachment."""

    name: str
    """Path inside the issue folder: ``issue.pdf``, ``files/fujian-1.xlsx``."""
    size: int
    sha256: str
    kind: str
    """The extension in capitals: PDF, XLSX."""
    pages: int | None = None
    """Page count of a PDF."""


@dataclass(frozen=True)
class Attachment:
    """A file listed under ``attachments:`` of a document."""

    title: str
    file: FileInfo


@dataclass(frozen=True)
class Withdrawal:
    """A document withdrawn after it was printed: its page stays, with this notice."""

    date: datetime.date
    reason: str


@dataclass(frozen=True)
class Document:
    """One entry of an issue's table of contents that has a body: a notice, a plan…"""

    issue: IssueKey
    source: str
    """Path of the Markdown file, relative to the content folder."""
    title: str
    doc_number: DocNumber | None
    organs: tuple[str, ...]
    """Issuing organs (发文机关), in printed order."""
    date: datetime.date
    """成文日期, from the signature block."""
    section: str
    """Section (栏目) of the issue's table of contents."""
    page: int
    """First page in the printed issue."""
    order: int
    """1-based position in the issue's table of contents."""
    slug: str
    """Last URL segment; derived from the doc number unless the front matter sets one."""
    body: str
    """The body as Markdown."""
    body_line: int
    """Line of the source file where the body starts (for error messages)."""
    lines: Lines = Lines()
    published: datetime.date | None = None
    """发布日期 when the front matter sets one; otherwise the issue's date
    (:meth:`published_on`)."""

    repeals: tuple[DocNumber, ...] = ()
    """Numbers of the documents this one repeals (废止)."""
    amends: tuple[DocNumber, ...] = ()
    """Numbers of the documents this one amends (修改)."""
    interprets: tuple[DocNumber, ...] = ()
    """Numbers of the documents this one interprets (政策解读)."""
    corrects: tuple[DocNumber, ...] = ()
    """Numbers of the documents this one corrects (勘误、更正)."""
    status: str | None = None
    """Validity as the front matter states it (one of :data:`STATUSES`); later documents override
    it."""
    withdrawn: Withdrawal | None = None
    attachments: tuple[Attachment, ...] = ()
    """Set when the document was withdrawn (撤回): the page says so and search no longer finds its
    text."""

    def published_on(self, issue_date: datetime.date) -> datetime.date:
        """发布日期: the front matter's ``published``, else the date of the issue that printed
        it."""
        return self.published or issue_date


@dataclass(frozen=True)
class ChronicleEvent:
    """One paragraph of the 大事记."""

    date: datetime.date
    text: str
    line: int
    """Line in ``chronicle.yml`` (for error messages)."""


@dataclass(frozen=True)
class Chronicle:
    """An issue's 大事记: one TOC entry, many dated events."""

    issue: IssueKey
    source: str
    title: str
    section: str
    page: int
    order: int
    start: datetime.date
    end: datetime.date
    events: tuple[ChronicleEvent, ...]
    lines: Lines = Lines()

    @property
    def days(self) -> tuple[datetime.date, ...]:
        """The distinct dates with events, in order."""
        return tuple(sorted({event.date for event in self.events}))


@dataclass(frozen=True)
class Issue:
    """One printed issue (期) of the gazette."""

    year: int
    number: int
    total_number: int
    """总第N期: counts all issues since the first."""
    date: datetime.date
    sections: tuple[str, ...]
    masthead: tuple[tuple[str, str | tuple[str, ...]], ...]
    """Printed masthead facts as ``(key, value)`` in :data:`MASTHEAD_FIELDS` order."""
    documents: tuple[Document, ...]
    """Documents in TOC order."""
    chronicle: Chronicle | None
    source: str
    """Folder of the issue, relative to the content folder: ``2021/02``."""
    file: str = ""
    """The issue.yml as shown in problems."""
    lines: Lines = Lines()
    complete: bool = True
    """False when some entry file failed to load (rules over all entries are then skipped)."""
    pdf: FileInfo | None = None
    """The print edition (``issue.pdf``), when the folder has one."""
    pdf_page_offset: int = 0
    """PDF page = printed page + offset."""

    def pdf_page(self, page: int) -> int:
        return page + self.pdf_page_offset

    @property
    def key(self) -> IssueKey:
        return IssueKey(self.year, self.number)

    @property
    def entries(self) -> tuple[Document | Chronicle, ...]:
        """Every TOC entry, documents and chronicle, in TOC order."""
        items: list[Document | Chronicle] = list(self.documents)
        if self.chronicle is not None:
            items.append(self.chronicle)
        return tuple(sorted(items, key=lambda entry: entry.order))


@dataclass(frozen=True)
class Archive:
    """Every issue, oldest first."""

    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(doc for issue in self.issues for doc in issue.documents)

    @property
    def chronicles(self) -> tuple[Chronicle, ...]:
        return tuple(issue.chronicle for issue in self.issues if issue.chronicle is not None)

    @property
    def latest(self) -> Issue | None:
        return self.issues[-1] if self.issues else None

    @property
    def updated(self) -> datetime.date:
        """When the archive last changed: the latest issue's date (feeds, sitemap, file dates)."""
        return self.latest.date if self.latest else datetime.date(2019, 1, 1)
