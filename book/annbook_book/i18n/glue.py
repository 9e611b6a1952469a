"""``{glue:text}`` in a translated string: the translator writes the role as the English has it."""

from __future__ import annotations

from myst_nb.ext.glue.roles import PasteTextRole


class TranslatedGlueText(PasteTextRole):
    """``{glue:text}`` that also works in a translated string.

    Sphinx parses a translation as a document of its own, without the
    chapter's notebook, where myst-nb's role finds no glued value ("No key
    ... found in glue data for this document"). There it becomes a reference
    to the chapter's own glue (``/chapter.md::name``), which myst-nb fills in
    once the chapter is read.
    """

    def run(self):
        if "nb_renderer" not in self.document and "::" not in self.text:
            document = self.document
            if str(document.current_source or "").endswith("<translated>"):
                env = document.settings.env
                # myst-nb splits a format off at the last colon, so a bare
                # name needs its default format, "s", written out.
                spec = "" if ":" in self.text else ":s"
                self.text = f"/{env.doc2path(env.docname, base=False)}::{self.text}{spec}"
        return super().run()


def register_glue_text(app, config) -> None:  # noqa: ARG001
    """Put ``TranslatedGlueText`` in myst-nb's glue domain (registered by then)."""
    app.add_role_to_domain("glue", "text", TranslatedGlueText(), override=True)


def setup(app):
    app.connect("config-inited", register_glue_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
