"""The plugin's options in mkdocs.yml (``plugins: - nybrud: ...``)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NybrudConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off, e.g. to build only the hand-written pages."""

    root = c.Optional(c.Type(str))
    """Folder holding the collections (cases/, formats/ …), vocab/ and decision/.
    Default: the folder of mkdocs.yml. A relative path is taken relative to mkdocs.yml."""

    exports = c.Type(bool, default=True)
    """Write the open-data exports (api/*.json and cases.csv) into the built site."""

    search = c.Type(bool, default=True)
    """Index the built site for the search page with Pagefind (``pagefind/`` in the site)."""
