"""Tables as Markdown: a pipe table when it is plain, HTML when it has a two-row header,
group rows or cells merged down a column."""

from __future__ import annotations

import html

from generator.importer.blocks import Table
from generator.importer.source import Note


def render_table(table: Table, notes: list[Note] | None = None) -> str:
    """One table as a pipe table or, when it needs spans or group rows, as HTML."""
    rows = table.rows
    width = len(rows[0])
    group_rows = {
        i
        for i, row in enumerate(rows[table.header_rows :], table.header_rows)
        if width >= 3 and row[0] and not any(row[1:])
    }
    spans = (
        merged_cells(rows, table.header_rows, group_rows) if table.spans is None else table.spans
    )
    if notes is not None and table.spans is None:
        for (r, c), span in sorted(spans.items(), key=lambda item: (item[0][1], item[0][0])):
            line = table.row_lines[r] if r < len(table.row_lines) else table.line
            name = rows[table.header_rows - 1][c] or rows[0][c] or str(c + 1)
            notes.append(
                Note(
                    line,
                    "merged-cell",
                    f"column {name!r}: {rows[r][c][:16]!r} spans "
                    f"{span} rows (the OCR left the {span - 1} "
                    "cells below empty); written as rowspan",
                )
            )
    if table.header_rows == 1 and not group_rows and not spans:
        return _pipe_table(rows)
    return _html_table(rows, table.header_rows, group_rows, spans)


def merged_cells(
    rows: list[list[str]], header_rows: int, group_rows: set[int]
) -> dict[tuple[int, int], int]:
    """Cells the printed table merged down a column, as ``(row, column) → rowspan``.

    The OCR writes a merged cell once and leaves the cells below it empty. A column is
    read as merged when its pattern shows it: its first body row is filled, it is filled
    in at most half of the body rows, and every row where it is empty is a real row (at
    least half of its other cells filled). A merge never crosses
    a group row (a row spanning the table) and ends at the next filled cell.
    """
    body = [r for r in range(header_rows, len(rows)) if r not in group_rows]
    if len(body) < 3:
        return {}
    width = len(rows[0])
    spans: dict[tuple[int, int], int] = {}
    for c in range(width):
        filled = [r for r in body if rows[r][c]]
        empty = [r for r in body if not rows[r][c]]
        if not empty or not rows[body[0]][c] or len(filled) * 2 > len(body):
            continue
        if any(
            sum(1 for k, cell in enumerate(rows[r]) if k != c and cell) * 2 < width - 1
            for r in empty
        ):
            continue
        column: dict[tuple[int, int], int] = {}
        anchor: tuple[int, int] | None = None
        for r in range(header_rows, len(rows)):
            if r in group_rows:
                anchor = None
            elif rows[r][c]:
                anchor = (r, c)
                column[anchor] = 1
            elif anchor is not None:
                column[anchor] += 1
        merged = {cell: span for cell, span in column.items() if span > 1}
        if merged:
            spans.update(merged)
    return spans


def _pipe_table(rows: list[list[str]]) -> str:
    """A plain table as a Markdown pipe table."""

    def cells(row: list[str]) -> str:
        escaped = (cell.replace("|", "\\|").replace("<", "&lt;") for cell in row)
        return "| " + " | ".join(escaped) + " |"

    lines = [cells(rows[0]), "|" + "|".join(" --- " for _ in rows[0]) + "|"]
    lines += [cells(row) for row in rows[1:]]
    return "\n".join(lines)


def _html_table(
    rows: list[list[str]], header_rows: int, group_rows: set[int], spans: dict[tuple[int, int], int]
) -> str:
    """A table as HTML: a two-row header, group rows and cells merged down a column."""
    width = len(rows[0])
    out = ["<table>", "<thead>"]
    if header_rows == 2:
        top, sub = rows[0], rows[1]
        cells = []
        covered: set[int] = set()
        for c in range(width):
            if c in covered:
                continue
            span = 1
            while c + span < width and not top[c + span] and sub[c + span]:
                covered.add(c + span)
                span += 1
            if span > 1 or (not sub[c]):
                attrs = f' colspan="{span}"' if span > 1 else ' rowspan="2"'
            else:
                attrs = ""
            cells.append(f"<th{attrs}>{html.escape(top[c], quote=False)}</th>")
            if span > 1:
                covered.add(c)
        out.append("<tr>" + "".join(cells) + "</tr>")
        spanned = _spanned_columns(top, sub)
        out.append(
            "<tr>"
            + "".join(f"<th>{html.escape(sub[c], quote=False)}</th>" for c in spanned)
            + "</tr>"
        )
    else:
        out.append(
            "<tr>"
            + "".join(f"<th>{html.escape(cell, quote=False)}</th>" for cell in rows[0])
            + "</tr>"
        )
    out += ["</thead>", "<tbody>"]
    hidden = {(r + k, c) for (r, c), span in spans.items() for k in range(1, span)}
    for index, row in enumerate(rows[header_rows:], header_rows):
        if index in group_rows:
            out.append(f'<tr><td colspan="{width}">{html.escape(row[0], quote=False)}</td></tr>')
        else:
            cells = []
            for c, cell in enumerate(row):
                if (index, c) in hidden:
                    continue
                span = spans.get((index, c), 1)
                attrs = f' rowspan="{span}"' if span > 1 else ""
                cells.append(f"<td{attrs}>{html.escape(cell, quote=False)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _spanned_columns(top: list[str], sub: list[str]) -> list[int]:
    """Columns whose second header row is shown: those under a spanning top cell."""
    columns = []
    for c in range(len(top)):
        start = c
        while start > 0 and not top[start]:
            start -= 1
        span_end = start + 1
        while span_end < len(top) and not top[span_end] and sub[span_end]:
            span_end += 1
        if span_end - start > 1 and start <= c < span_end:
            columns.append(c)
    return columns
