"""Only prose goes to the catalogs: display math and a page's front matter stay out."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


def _is_front_matter(node: nodes.Node) -> bool:
    """Return whether a node is a page's front matter (docutils makes it the docinfo later)."""
    return isinstance(node, nodes.docinfo) or (
        isinstance(node, nodes.field_list) and isinstance(node.parent, nodes.document)
    )


class KeepNonProseOut(SphinxTransform):
    """Before Sphinx extracts or translates a page's strings: no math, no front matter."""

    default_priority = 18  # before the status is recorded (19) and the translation (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.math_block):
                node["translatable"] = False
            elif _is_front_matter(node):
                for text in node.findall(nodes.TextElement):
                    text["translatable"] = False


def setup(app):
    app.add_transform(KeepNonProseOut)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
