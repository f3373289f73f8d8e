"""The Atom feed of the latest announcements (feed.xml), with Indonesian dates in the entries' text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from xml.etree import ElementTree as ET

from pipeline.core import dates_id
from pipeline.core.announcement import Announcement
from pipeline.site import urls
from pipeline.site.model import FEED_ENTRIES, GeneratedFile, SiteInput

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids even when escaped; YAML's double-quoted escapes could carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _instant(day: date) -> str:
    # Announcements carry a date, not a time: midnight in Pontianak (WIB, UTC+7).
    return f"{day.isoformat()}T00:00:00+07:00"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def summary(item: Announcement) -> str:
    return (f"{dates_id.tanggal(item.tanggal)} · Nomor {item.nomor} · {item.jenis_label}. {item.ringkasan}")


def atom(site: SiteInput) -> bytes:
    settings = site.settings
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    _sub(feed, "title", f"Pengumuman {settings.site_name}")
    _sub(feed, "subtitle", f"Pengumuman informasi publik {settings.instansi}")
    _sub(feed, "id", settings.absolute(urls.FEED))
    _sub(feed, "link", href=settings.absolute(urls.FEED), rel="self", type="application/atom+xml")
    _sub(feed, "link", href=settings.site_url, rel="alternate", type="text/html")
    latest = site.announcements[:FEED_ENTRIES]
    _sub(feed, "updated", _instant(latest[0].tanggal if latest else settings.today))
    author = _sub(feed, "author")
    _sub(author, "name", settings.instansi)
    for item in latest:
        link = settings.absolute(urls.announcement_url(item, settings.docs_dir))
        entry = _sub(feed, "entry")
        _sub(entry, "title", item.judul)
        _sub(entry, "id", link)
        _sub(entry, "link", href=link, rel="alternate", type="text/html")
        _sub(entry, "published", _instant(item.tanggal))
        _sub(entry, "updated", _instant(item.tanggal))
        _sub(entry, "category", term=item.jenis, label=item.jenis_label)
        entry_author = _sub(entry, "author")
        _sub(entry_author, "name", item.unit)
        _sub(entry, "summary", summary(item))
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def feed_files(site: SiteInput) -> Iterator[GeneratedFile]:
    yield GeneratedFile(urls.FEED, atom(site))
