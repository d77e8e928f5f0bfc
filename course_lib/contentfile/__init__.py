"""The content layer: find, read and check the YAML files a trainer edits, one way for every kind.

- ``files``: where content lives (``content_dir()``, overridden by ``$COURSE_CONTENT``), reading text with a size limit;
- ``yaml_read``: safe YAML (C loader, alias-expansion budget, every unreadable value reported at its line);
- ``lines``: the line of every key and list item (``LineIndex``; ``LineDict``/``LineList`` for older parsers);
- ``schema``: JSON Schema per kind (``content/schemas/``) with errors in a trainer's words;
- ``report``: problems collected as ``file:line: where: what``; ``kinds``: the registry of kinds and the fallback rule;
- ``modules``: the outline and the one "does this module exist?" helper; ``check``: ``course check``.
"""
