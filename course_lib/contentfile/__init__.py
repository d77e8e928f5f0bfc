"""The content layer: find, read and check the YAML files a trainer edits.

``files`` finds content relative to the package; ``lines`` reads YAML keeping the line of every key; ``check`` is
``course check``: it finds every problem in every content file and reports it as ``file:line: where: what``.
"""
