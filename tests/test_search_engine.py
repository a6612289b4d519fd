"""The search page's engine: Pagefind's worker, started by the page itself.

The page (``templates/_search_engine.j2``) speaks to ``pagefind-worker.js`` with the messages
Pagefind's own ``pagefind.js`` sends it. These tests fail loudly when an upgrade of Pagefind
changes those messages, and check that the page finds the same results with the worker as
with ``pagefind.js`` running on the page (where no worker can run)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.search.bundle import PAGEFIND_VERSION

QUERY = "两项补贴"
QUERY_URL = "search/?q=%E4%B8%A4%E9%A1%B9%E8%A1%A5%E8%B4%B4"


def test_the_worker_answers_the_messages_the_page_sends(real_site: Path) -> None:
    bundle = real_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == PAGEFIND_VERSION
    page_side = (bundle / "pagefind.js").read_text(encoding="utf-8")
    worker = (bundle / "pagefind-worker.js").read_text(encoding="utf-8")
    # what pagefind.js sends, and how it reads the answer: the same as the page does
    assert "sharedWorker.postMessage({id,instanceId,method,args})" in page_side
    assert "const{id,result,error}=event.data" in page_side
    assert 'sendWorkerMessage(this.instanceId,"init",[this.initOptions])' in page_side
    assert 'this.sendMessage("getData",[dataId])' in page_side
    # what the worker does with each message the page sends
    handled = re.findall(r'case"(\w+)":', worker)
    assert {"init", "search", "getData", "releaseData"} <= set(handled), handled
    assert "instances.set(instanceId,new Pagefind(options));return{id,result:true}" in worker
    assert "const[term,options]=args;const results=await pagefindInstance.search(term,options)" in (
        worker
    )
    assert "const dataId=`data_${id}_${i2}`;registerDataCallback(instanceId,dataId,dataFn)" in (
        worker
    )
    assert "return{id,error:error instanceof Error?error.message:String(error)}" in worker
    assert 'self.addEventListener("message"' in worker


def _search(browser: Any, base: str, *, worker: bool) -> tuple[list[str], list[str]]:
    tab = browser.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url.removeprefix(base)))
    if not worker:
        tab.add_init_script("delete window.Worker")
    try:
        tab.goto(base + QUERY_URL)
        tab.wait_for_selector("#search-results .gz-result")
        urls = tab.eval_on_selector_all(
            "#search-results .gz-result", "items => items.map(i => i.dataset.url)"
        )
    finally:
        tab.close()
    return urls, [
        path for path in requested if path.startswith("pagefind/") and path.endswith(".js")
    ]


@pytest.mark.browser
def test_the_page_finds_with_the_worker_what_pagefind_js_finds(
    browser: Any, real_server: str
) -> None:
    with_worker, files = _search(browser, real_server, worker=True)
    assert with_worker[0] == "/2021/02/sdzbf-2021-8/"
    # the worker alone: pagefind.js is never fetched
    assert files == ["pagefind/pagefind-worker.js"]
    on_the_page, files = _search(browser, real_server, worker=False)
    assert files == ["pagefind/pagefind.js"]
    assert on_the_page == with_worker
