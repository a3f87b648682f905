"""Every staff page of a service reachable by its links, read in one language: each page once
as linked, then each form sent empty, with values of the wrong kind and with values far too long,
so that the form's errors and the flash messages show too."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from urllib.parse import urlencode

from tests.support.page_words import Words, read

IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                 r"|\d{4}-\d{2}-\d{2}|[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_.-]+")
NOT_PAGES = ("/lang/", "/logout", "/kernel-static/", "/api/", "/metrics")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VARIANTS = ("empty", "wrong", "long")


def shape(url: str) -> str:
    """/bazaars/<id>/edit for /bazaars/4b1d…/edit: pages of one kind."""
    return IDS.sub("<id>", url.split("?")[0])


class PageCrawl:
    def __init__(self, client, words: Words, *, own_url: str, start=("/",), content_ids=(),
                 avoid=(), per_shape: int = 4):
        self.client, self.words = client, words
        self.own_url, self.start = own_url, list(start)
        self.content_ids, self.avoid, self.per_shape = content_ids, avoid, per_shape
        self.found: dict[str, set[str]] = defaultdict(set)  # "page: text" -> foreign words
        self.visited: set[str] = set()
        self.shapes: dict[str, int] = defaultdict(int)
        self.forms: dict[tuple, tuple] = {}

    # --- reading ------------------------------------------------------------------------------
    def check(self, where: str, html: str):
        page = read(html, self.content_ids)
        for text in page.texts:
            if foreign := self.words.foreign(text):
                self.found[f"{shape(where)}: {text}"].update(foreign)
        return page

    def _local(self, href: str, base: str) -> str | None:
        if href.startswith(self.own_url):
            href = href[len(self.own_url):] or "/"
        if re.match(r"^[a-z]+:|^#", href):
            return None  # another service, an email address, an anchor
        if not href.startswith("/"):
            href = base.rsplit("/", 1)[0] + "/" + href
        if href.startswith(NOT_PAGES) or any(part in href for part in self.avoid):
            return None
        return href

    def _visit(self, url: str, queue: list[str]) -> None:
        kind = shape(url) + ("?" if "?" in url else "")
        if url in self.visited or self.shapes[kind] >= self.per_shape:
            return
        self.visited.add(url)
        self.shapes[kind] += 1
        answer = self.client.get(url)
        if answer.status_code in (301, 302, 303):
            if target := self._local(answer.headers["Location"], url):
                queue.append(target)
            return
        assert answer.status_code < 500, (url, answer.status_code)
        if "text/html" not in answer.headers.get("Content-Type", ""):
            return  # a download
        page = self.check(url, answer.get_data(as_text=True))
        queue += [t for href in page.links if (t := self._local(href, url))]
        for form in page.forms:
            action = self._local(form.action or url, url)
            if action is not None:
                key = (form.method, shape(action), tuple(sorted(f[1] for f in form.fields)))
                self.forms.setdefault(key, (url, form, action))

    def pages(self) -> None:
        queue = list(self.start)
        while queue:
            self._visit(queue.pop(0), queue)

    # --- forms --------------------------------------------------------------------------------
    @staticmethod
    def _filled(form, variant: str) -> dict:
        data: dict = {}
        for kind, name, value, options in form.fields:
            if kind == "hidden" or (kind in ("submit", "button") and value):
                data.setdefault(name, value)
            elif variant == "empty" or kind in ("submit", "button"):
                continue
            elif kind == "file":
                data[name] = (io.BytesIO(b"not what was asked for"), "note.txt")
            elif variant == "long":
                data[name] = (options or ["x"])[-1] if kind == "select" else "x" * 5000
            elif kind in ("select", "checkbox", "radio"):
                data[name] = "zzz"
            else:
                data[name] = "-1x" if kind in ("number", "date", "time") else "zz!"
        return data

    def send_forms(self) -> None:
        for url, form, action in list(self.forms.values()):
            for variant in VARIANTS:
                data = self._filled(form, variant)
                if form.method == "get":
                    plain = {k: v for k, v in data.items() if isinstance(v, str)}
                    answer = self.client.get(f"{action.split('?')[0]}?{urlencode(plain)}",
                                             follow_redirects=True)
                else:
                    token = CSRF.search(self.client.get(url).get_data(as_text=True))
                    data["csrf_token"] = token.group(1) if token else ""
                    answer = self.client.post(action, data=data, follow_redirects=True,
                                              content_type="multipart/form-data")
                assert answer.status_code < 500, (action, variant, answer.status_code)
                if "text/html" in answer.headers.get("Content-Type", ""):
                    self.check(action, answer.get_data(as_text=True))

    def run(self) -> list[str]:
        """Every shown text in the other language, as "page: text [words]"."""
        self.pages()
        self.send_forms()
        self.visited.clear()
        self.shapes.clear()
        self.pages()  # again: what the forms changed shows on the pages
        return sorted(f"{text} {sorted(words)}" for text, words in self.found.items())
