"""sphinx-exercise in the translated editions: the exercises' own titles, in the edition's words.

sphinx-exercise writes its label ("Exercise", "Solution") into each title,
keeps a copy of each exercise made before the page is translated, and
writes a solution's title in English word order. Each is put right here.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import (
    exercise_subtitle,
    exercise_title,
    is_exercise_node,
    solution_node,
    solution_title,
)

from annbook_book.layout import TRANSLATIONS

from .messages import _


class OfferExerciseTitles(SphinxTransform):
    """Offer an exercise's own title for translation, without sphinx-exercise's label.

    sphinx-exercise writes its label into the title, in the edition's
    language from its own catalog, so the whole title would be a different
    string in each language: only the part the chapter wrote (the subtitle)
    is a string of the chapter's catalog.
    """

    default_priority = 18  # before the status is recorded (19) and the translation (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        titles = self.document.findall(
            lambda node: isinstance(node, exercise_title | solution_title)
        )
        for title in list(titles):
            title["translatable"] = False
            for subtitle in title.findall(exercise_subtitle):
                subtitle["translatable"] = True
                subtitle.source, subtitle.line = title.source, title.line
                subtitle.rawsource = subtitle.astext()


class ExtractExerciseTitles(SphinxPostTransform):
    """When Sphinx extracts a page's strings, keep the exercises' own titles among them.

    sphinx-exercise rebuilds each title, once the page is read, from nodes
    without a source, which Sphinx's extraction skips; a copy of each is
    offered beside it. The Korean build translates the titles as they are
    read, before that.
    """

    default_priority = 19  # before sphinx-exercise's ResolveTitlesInExercises (20)
    builders = ("gettext",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        for subtitle in list(self.document.findall(exercise_subtitle)):
            title = subtitle.parent
            if not subtitle.get("translatable") or title.parent is None:
                continue
            copy = nodes.paragraph(subtitle.rawsource, subtitle.rawsource)
            copy.source, copy.line = subtitle.source, subtitle.line
            # Sphinx's catalog takes only nodes its versioning gave a uid, at read time.
            copy.uid = getattr(subtitle, "uid", "")
            title.parent.insert(title.parent.index(title) + 1, copy)


class KeepTranslatedExercises(SphinxTransform):
    """Keep sphinx-exercise's copy of each exercise as translated, for its solution's title.

    sphinx-exercise keeps a copy of each exercise, made as the directive
    runs, before Sphinx translates the page; a solution's title is made from
    that copy, so it would name the exercise by its English title. The copy
    is made again once the page is translated.
    """

    default_priority = 30  # after the translation (sphinx.transforms.i18n.Locale, 20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for node in self.document.findall(is_exercise_node):
            entry = registry.get(node.get("label", ""))
            if entry is not None and entry.get("docname") == self.env.docname:
                entry["node"] = node.deepcopy()


class EditionSolutionTitles(SphinxPostTransform):
    """Write a solution's title in the edition's word order: "연습 1 (…)의 풀이".

    sphinx-exercise writes its word for "Solution to" and then the link to the
    exercise; the edition's words for "Solution to {exercise}" place the link
    instead. The English edition keeps sphinx-exercise's title.
    """

    default_priority = 22  # after sphinx-exercise's ResolveTitlesInSolutions (21)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        if self.config.language not in TRANSLATIONS:
            return
        before, _middle, after = _("Solution to {exercise}").partition("{exercise}")
        for solution in self.document.findall(solution_node):
            title = solution.children[0] if solution.children else None
            if not (isinstance(title, nodes.title) and len(title.children) == 2):
                continue
            label, link = title.children
            if not (isinstance(label, nodes.Text) and isinstance(link, nodes.reference)):
                continue
            first = link.children[0] if link.children else None
            if isinstance(first, nodes.Text):
                link.replace(first, nodes.Text(first.lstrip()))
            title.children = []
            title += [nodes.Text(before)] if before else []
            title += link
            title += [nodes.Text(after)] if after else []


def setup(app):
    app.add_transform(OfferExerciseTitles)
    app.add_post_transform(ExtractExerciseTitles)
    app.add_transform(KeepTranslatedExercises)
    app.add_post_transform(EditionSolutionTitles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
