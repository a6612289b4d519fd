"""A realistic synthetic archive for benchmarks, made from the real issue.

``python -m bench.synth --years N --out DIR`` writes N years × 12 monthly issues,
starting 2019年第4期 (总第1期) so that the real 2021年第02期 (总第23期) falls in place
and is included once, unchanged. Every other issue recombines the real issue's
material: titles built from its headings, bodies of shuffled real paragraphs and tables
about as long as the real documents, document numbers that are distinct per code and
year, dates inside the issue's month, chronicles of real events on distinct days, and
citations of earlier synthetic documents. The same seed gives the same archive.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import random
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.docnumber import DocNumber
from generator.content.load import load_archive
from generator.content.model import Chronicle, Document, Issue
from generator.content.slugs import docnumber_slug, issue_dir
from generator.content.yamlio import dump
from generator.write import write_new_folder

FIRST = (2019, 4)
"""The first issue: 2019年第4期 is 总第1期, so 2021年第2期 is 总第23期 as printed."""

_BLOCK_SPLIT = re.compile(r"\n{2,}")
_HEADING = re.compile(r"^#{2,4} (?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?(.+)$")


@dataclass(frozen=True)
class Pool:
    """The real issue cut into reusable pieces."""

    issue: Issue
    paragraphs: tuple[str, ...]
    tables: tuple[str, ...]
    topics: tuple[str, ...]
    events: tuple[str, ...]
    sizes: tuple[int, ...]
    """Body lengths of the real documents, in characters."""


def make_pool(issue: Issue) -> Pool:
    paragraphs, tables, topics = [], [], []
    for doc in issue.documents:
        for block in _BLOCK_SPLIT.split(doc.body):
            block = block.strip()
            if not block or "{: .gz-" in block:
                continue
            if block.startswith(("<table", "|")):
                tables.append(block)
            elif heading := _HEADING.match(block):
                topic = heading[1].strip().rstrip("。")
                if 4 <= len(topic) <= 18 and not re.search(r"[，、《》（）\d]", topic):
                    topics.append(topic)
            elif len(block) >= 20 and not block.startswith("附件") and "印发给你们" not in block:
                # Cover letters ("现将《…》印发给你们") name one real document; they stay with it.
                paragraphs.append(block)
    assert issue.chronicle is not None
    events = tuple(event.text for event in issue.chronicle.events)
    return Pool(
        issue,
        tuple(paragraphs),
        tuple(tables),
        tuple(dict.fromkeys(topics)),
        events,
        tuple(len(doc.body) for doc in issue.documents),
    )


class Numbering:
    """Next serial per code and year; never reuses a number, including the real issue's."""

    def __init__(self, used: set[DocNumber]):
        self.used = set(used)
        self.highest: dict[tuple[str, int], int] = {}
        for number in used:
            key = (number.code, number.year)
            self.highest[key] = max(self.highest.get(key, 0), number.serial)

    def next(self, code: str, year: int, rng: random.Random) -> DocNumber:
        serial = self.highest.get((code, year), 0) + rng.randint(
            1, 3
        )  # some are never published here
        while DocNumber(code, year, serial) in self.used:
            serial += 1
        number = DocNumber(code, year, serial)
        self.used.add(number)
        self.highest[(code, year)] = serial
        return number


def synth_archive(source: Path, years: int, seed: int, extra: int = 0) -> dict[str, dict[str, str]]:
    """``{"2019/04": {file name: text}, …}`` for ``years`` × 12 issues (plus ``extra`` more)."""
    loaded = load_archive(source.parent.parent)
    real = next(i for i in loaded.archive.issues if source.as_posix().endswith(i.source))
    pool = make_pool(real)
    rng = random.Random(seed)
    numbering = Numbering({doc.doc_number for doc in real.documents if doc.doc_number})
    published: list[tuple[DocNumber, str]] = []
    issues: dict[str, dict[str, str]] = {}
    previous = datetime.date.min
    for index in range(years * 12 + extra):
        year = FIRST[0] + (FIRST[1] - 1 + index) // 12
        number = (FIRST[1] - 1 + index) % 12 + 1
        total = index + 1
        if (year, number) == (real.year, real.number):
            assert total == real.total_number, "the real issue must keep its printed total number"
            issues[issue_dir(real.key)] = _copy_real(source)
            published += [(d.doc_number, d.title) for d in real.documents if d.doc_number]
            previous = real.date
            continue
        issues[f"{year}/{number:02d}"], previous = _synth_issue(
            pool, rng, numbering, published, year, number, total, previous
        )
    return issues


def _copy_real(source: Path) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(source.iterdir())
        if path.is_file() and path.name != "source.txt"
    }


def _synth_issue(
    pool: Pool,
    rng: random.Random,
    numbering: Numbering,
    published: list[tuple[DocNumber, str]],
    year: int,
    number: int,
    total: int,
    previous: datetime.date,
) -> tuple[dict[str, str], datetime.date]:
    """One issue's files and its date, which is never before the previous issue's (the real
    2021年第2期 was printed on 31 March)."""
    last_day = calendar.monthrange(year, number)[1]
    issue_date = max(
        previous + datetime.timedelta(days=1),
        datetime.date(year, number, min(last_day, 25 + rng.randint(0, 3))),
    )
    real = pool.issue
    files: dict[str, str] = {}
    issue = {
        "year": year,
        "number": number,
        "total_number": total,
        "date": issue_date,
        "sections": list(real.sections),
        "masthead": {k: list(v) if isinstance(v, tuple) else v for k, v in real.masthead},
    }
    files["issue.yml"] = f"# Synthetic issue for benchmarks, made from 2021年第02期\n{dump(issue)}"
    page = 1
    for order, template in enumerate(real.documents, 1):
        assert template.doc_number is not None
        doc_number = numbering.next(template.doc_number.code, year, rng)
        topic = rng.choice(pool.topics)
        title = _title(template, topic, rng)
        date = issue_date - datetime.timedelta(days=rng.randint(3, 40))
        body = _body(pool, rng, template, date, published)
        front = {
            "title": title,
            "doc_number": str(doc_number),
            "organs": list(template.organs),
            "date": date,
            "section": template.section,
            "page": page,
            "order": order,
        }
        files[f"{docnumber_slug(doc_number)}.md"] = f"---\n{dump(front)}---\n\n{body}"
        published.append((doc_number, title))
        page += max(1, len(body) // 1500)
    assert real.chronicle is not None
    files["chronicle.yml"] = _chronicle(
        pool, rng, real.chronicle, year, number, issue_date, len(real.documents) + 1, page
    )
    return files, issue_date


def _title(template: Document, topic: str, rng: random.Random) -> str:
    prefix = template.title.split("关于")[0]
    kind = rng.choice(["实施方案", "工作方案", "管理办法", "工作制度", "考核办法"])
    return f"{prefix}关于印发《大武口区{topic}{kind}》的通知"


def _body(
    pool: Pool,
    rng: random.Random,
    template: Document,
    date: datetime.date,
    published: list[tuple[DocNumber, str]],
) -> str:
    target = rng.choice(pool.sizes)
    blocks: list[str] = []
    addressee = template.body.split("\n", 1)[0]
    blocks.append(f"{addressee}\n{{: .gz-addressee }}")
    if published and rng.random() < 0.6:
        cited_number, cited_title = rng.choice(published[-60:])
        blocks.append(
            f"根据《{cited_title}》（{cited_number}）要求，结合我区实际，现就有关事项通知如下。"
        )
    signature = "<br>\n".join([*template.organs, f"{date.year}年{date.month}月{date.day}日"])
    blocks.append(f"{signature}\n{{: .gz-signature }}")
    size = sum(len(b) for b in blocks)
    part = 0
    while size < target:
        if rng.random() < 0.08:
            part += 1
            heading = f"### {'一二三四五六七八九十'[min(part, 10) - 1]}、{rng.choice(pool.topics)}"
            blocks.append(heading)
        if pool.tables and rng.random() < 0.03:
            block = rng.choice(pool.tables)
        else:
            block = rng.choice(pool.paragraphs)
        blocks.append(block)
        size += len(block)
    return "\n\n".join(blocks) + "\n"


def _chronicle(
    pool: Pool,
    rng: random.Random,
    real: Chronicle,
    year: int,
    number: int,
    issue_date: datetime.date,
    order: int,
    page: int,
) -> str:
    start = datetime.date(year, number, 1)
    # The chronicle covers the issue's month up to its date (all of it when printed later).
    span = issue_date.day if issue_date.month == number else calendar.monthrange(year, number)[1]
    days = sorted(rng.sample(range(1, span + 1), k=min(16, span)))
    events = []
    for day in days:
        for _ in range(rng.randint(1, 4)):
            events.append(
                {"date": datetime.date(year, number, day), "text": rng.choice(pool.events)}
            )
    data = {
        "title": f"大武口区人民政府{year}年{number}月大事记",
        "section": real.section,
        "order": order,
        "page": page,
        "start": start,
        "end": issue_date,
        "events": events,
    }
    return dump(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("content/2021/02"),
        help="the real issue the archive is made from",
    )
    args = parser.parse_args(argv)
    return run_synth(args.source, args.out, args.years, args.seed)


def run_synth(source: Path, out: Path, years: int, seed: int) -> int:
    issues = synth_archive(source, years, seed)
    out.mkdir(parents=True, exist_ok=True)
    for folder, files in issues.items():
        write_new_folder(out / folder, files, force=True)
    documents = sum(sum(1 for name in files if name.endswith(".md")) for files in issues.values())
    print(f"Wrote {len(issues)} issues ({documents} documents) to {out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
