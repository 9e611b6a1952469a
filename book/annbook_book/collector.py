"""One value per document, kept in Sphinx's environment by an environment collector.

Sphinx keeps what it learns of each document in its environment, which is
saved between builds, forgets a document's data when the document is read
again or removed, and, under ``-j``, merges what each reading process
learnt. :class:`PerDocument` does that for a value of the extension's:
whatever reads a document notes its value (:meth:`PerDocument.note`), and
the collector keeps it once the document is read.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sphinx.environment.collectors import EnvironmentCollector


class PerDocument(EnvironmentCollector):
    """Keep one value per document in the environment, under :attr:`attribute`.

    A subclass names the attribute; :meth:`values` is the store, by docname.
    """

    attribute: ClassVar[str]

    @classmethod
    def values(cls, env) -> dict[str, Any]:
        """Return the value of each document read, by docname."""
        return env.__dict__.setdefault(cls.attribute, {})

    @classmethod
    def note(cls, env, value: Any) -> None:
        """While a document is read: its value, which the collector keeps once it is read."""
        env.temp_data[cls.attribute] = value

    def clear_doc(self, app, env, docname: str) -> None:  # noqa: ARG002
        self.values(env).pop(docname, None)

    def merge_other(self, app, env, docnames: set[str], other) -> None:  # noqa: ARG002
        theirs = self.values(other)
        self.values(env).update({name: theirs[name] for name in docnames if name in theirs})

    def process_doc(self, app, doctree) -> None:  # noqa: ARG002
        env = app.env
        if self.attribute in env.temp_data:
            self.values(env)[env.docname] = env.temp_data.pop(self.attribute)
