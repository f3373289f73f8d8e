"""The HTML allow-list for rendered page content (nh3): keeps Markdown's and Material's markup, drops script.

`ppid check` already refuses script-capable HTML in content; this is the second line, applied to every page's
rendered HTML before the theme wraps it, so whatever slips past the check never reaches a visitor.
"""

from __future__ import annotations

import nh3

TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "tabindex"},
    "a": {"href", "hreflang", "download", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"data-sampai"},  # the last day of a serta-merta notice on the home page (pipeline/site/blocks.py)
    "td": {"colspan", "rowspan", "style", "align"},
    "th": {"colspan", "rowspan", "style", "align", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Ids starting with "__" belong to the theme (e.g. Material's "__config" JSON); content must not clobber them.
    if name == "id" and value.startswith("__"):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
    generic_attribute_prefixes={"aria-"}, attribute_filter=_attribute, filter_style_properties={"text-align"},
    link_rel=None, strip_comments=True,
)


def clean(html: str) -> str:
    """Sanitised HTML: unknown tags unwrapped, script/style removed with their content, unsafe URLs dropped."""
    result: str = _CLEANER.clean(html)
    return result
