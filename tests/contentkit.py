"""Writes small, valid content folders for tests; each test then breaks one thing."""

from __future__ import annotations

from pathlib import Path

ISSUE = """year: {year}
number: {number}
total_number: {total}
date: {date}
sections:
  - 大武口区人民政府办公室文件
  - 大武口区人民政府大事记
"""

DOCUMENT = """---
title: {title}
doc_number: {doc_number}
organs:
  - 大武口区人民政府办公室
date: {date}
section: 大武口区人民政府办公室文件
page: {page}
order: {order}
---

各街道办事处：
{{: .gz-addressee }}

{body}
"""

CHRONICLE = """title: 大武口区人民政府{year}年{number}月大事记
section: 大武口区人民政府大事记
order: {order}
page: {page}
start: {start}
end: {end}
events:
  - date: {start}
    text: 召开区委常委会，班子成员参加会议。
  - date: {end}
    text: 召开区政府常务会议，汤瑞区长参加会议。
"""


def write_issue(
    content: Path,
    year: int,
    number: int,
    total: int,
    date: str,
    documents: list[dict[str, object]],
    chronicle: bool = True,
) -> Path:
    folder = content / str(year) / f"{number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yml").write_text(
        ISSUE.format(year=year, number=number, total=total, date=date), encoding="utf-8"
    )
    order = 0
    page = 1
    for order, doc in enumerate(documents, 1):
        values = {
            "title": "区人民政府办公室关于做好安全工作的通知",
            "date": date,
            "page": page,
            "order": order,
            "body": "请遵照执行。",
        } | doc
        page = int(values["page"]) + 3
        name = str(values.pop("file", f"doc-{order}.md"))
        (folder / name).write_text(DOCUMENT.format(**values), encoding="utf-8")
    if chronicle:
        start = f"{year}-{number:02d}-01"
        (folder / "chronicle.yml").write_text(
            CHRONICLE.format(
                year=year, number=number, order=order + 1, page=page, start=start, end=date
            ),
            encoding="utf-8",
        )
    return folder


def valid_content(root: Path) -> Path:
    """Two issues across two years; passes ``check``."""
    content = root / "content"
    write_issue(
        content,
        2020,
        12,
        21,
        "2020-12-30",
        [
            {"doc_number": "石大政办发〔2020〕30号", "date": "2020-12-20"},
        ],
    )
    write_issue(
        content,
        2021,
        1,
        22,
        "2021-01-29",
        [
            {"doc_number": "石大政办发〔2021〕1号", "date": "2021-01-05"},
            {
                "doc_number": "石大政办发〔2021〕3号",
                "date": "2021-01-20",
                "title": "区人民政府办公室关于调整值班安排的通知",
            },
        ],
    )
    return content


def minimal_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` empty A4 pages, written by hand (objects, cross-reference table,
    trailer)."""
    kids = " ".join(f"{3 + index} 0 R" for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A small zip (the container of xlsx, docx and ofd files)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()
