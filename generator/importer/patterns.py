"""Patterns the importer's steps share: how a printed heading, a date line and an organ's
name look. One definition each, so the table of contents, the bodies and born-digital
documents are read alike."""

from __future__ import annotations

import re

HEADING_PART = re.compile(r"^[一二三四五六七八九十]+、")
"""一、 — a part of a document."""
HEADING_SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
"""（一） — a section of a part."""
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
"""2021年3月1日 alone on its line: a 成文日期 or an issue's date."""
ORGAN_SUFFIX = re.compile(r"(?:委员会|办公室|人民政府|政府|委|局|厅|部|院|办|中心|公司)$")
"""How the name of an issuing organ ends: 区人民政府办公室, 区委, 区财政局, 区政务服务中心."""
