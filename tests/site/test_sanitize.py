"""The nh3 allow-list: script never survives, Markdown's and Material's markup does."""

from __future__ import annotations

import pytest

from pipeline.site.sanitize import clean


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<iframe src="https://example.com"></iframe>',
    "<object data=x></object><embed src=x>",
    "<style>body{display:none}</style>",
    '<form action="https://example.com"><input name=q><button>x</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    '<base href="https://example.com/">',
    '<p id="__config">clobber</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<template><script>alert(1)</script></template>",
])
def test_hostile_markup_is_removed(hostile: str) -> None:
    out = clean(hostile).lower()
    for needle in ("<script", "onerror", "onload", "javascript:", "<iframe", "<object", "<embed", "<style",
                   "<form", "<input", "<meta", "<base", "data:text", 'id="__config"', "<svg", "<math"):
        assert needle not in out, (hostile, out)


@pytest.mark.parametrize(("markup", "kept"), [
    ('<h2 id="jadwal">Jadwal<a class="headerlink" href="#jadwal" title="Tautan">#</a></h2>',
     '<h2 id="jadwal">Jadwal<a class="headerlink" href="#jadwal" title="Tautan">#</a></h2>'),
    ('<div class="admonition warning"><p class="admonition-title">Perhatian</p><p>x</p></div>',
     '<div class="admonition warning"><p class="admonition-title">Perhatian</p><p>x</p></div>'),
    ('<table><thead><tr><th style="text-align: right;">A</th></tr></thead></table>',
     '<table><thead><tr><th style="text-align:right">A</th></tr></thead></table>'),
    ('<a href="../../lampiran/2025/a.pdf">A</a>', '<a href="../../lampiran/2025/a.pdf">A</a>'),
    ('<a href="https://jdih.kalbarprov.go.id/">JDIH</a>', '<a href="https://jdih.kalbarprov.go.id/">JDIH</a>'),
    ('<a href="mailto:ppid@example.go.id">surel</a>', '<a href="mailto:ppid@example.go.id">surel</a>'),
    ('<img src="../gambar.png" alt="Peta">', '<img src="../gambar.png" alt="Peta">'),
    ("<details open><summary>Rinci</summary><p>x</p></details>",
     '<details open=""><summary>Rinci</summary><p>x</p></details>'),
    ("<dl><dt>a</dt><dd>b</dd></dl>", "<dl><dt>a</dt><dd>b</dd></dl>"),
    ('<time datetime="2025-08-05">5 Agustus 2025</time>', '<time datetime="2025-08-05">5 Agustus 2025</time>'),
])
def test_content_markup_is_kept(markup: str, kept: str) -> None:
    assert clean(markup) == kept


def test_style_keeps_only_text_align() -> None:
    out = clean('<table><tr><td style="text-align: left; position: fixed; background: url(x)">x</td></tr></table>')
    assert out == '<table><tbody><tr><td style="text-align:left">x</td></tr></tbody></table>'
