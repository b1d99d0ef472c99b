"""The plugin's options in mkdocs.yml (``plugins: - nybrud: ...``)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NybrudConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off, e.g. to build only the hand-written pages."""

    root = c.Optional(c.Type(str))
    """Folder holding cases/, formats/, principles/, tools/, sources/ and vocab/.
    Default: the folder of mkdocs.yml. A relative path is taken relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=".cache/nybrud")
    """Folder (relative to the project root) where compiled page templates are kept between builds, as
    Material's plugins keep theirs in .cache/. An empty string turns the cache off."""

    exports = c.Type(bool, default=True)
    """Write the open-data exports (api/*.json and cases.csv) into the built site."""

    background = c.Type(bool, default=True)
    """During `mkdocs build`, validate and render in a separate process (forked, where the system allows
    it) while MkDocs prepares its own build. Results and messages are the same either way."""
