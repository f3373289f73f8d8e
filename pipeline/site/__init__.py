"""The public site, as plain Python: page generators, renderers and the search-index builder.

Nothing here imports MkDocs or touches the file system. The MkDocs plugin (pipeline/edges/mkdocs_plugin.py)
reads the content, hands a `SiteInput` to `build_files()` and adds the returned files with `File.generated`;
a script could write the same files to disk as Markdown for another site generator.

Extending: a page builder is a function `SiteInput -> Iterable[GeneratedFile]`; add it to
`pipeline.site.pages.BUILDERS` (or pass your own tuple to `build_files`).
"""
