"""Page-relative URLs to other files of the site, so the site works under any sub-path."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

__all__ = ["Linker", "ref_anchor"]


def ref_anchor(ref_id: str) -> str:
    """The anchor of a reference on the references page: ``ref-1``, ``ref-nice-ng59``."""
    return f"ref-{ref_id}"


@dataclass(frozen=True)
class Linker:
    """Builds links from one page (``here``) to files and anchors elsewhere in the built site."""

    here: File
    files: Files

    def href(self, src_uri: str, anchor: str = "") -> str:
        """The URL of ``src_uri`` (a docs path such as ``references.md``) relative to this page."""
        target = self.files.get_file_from_path(src_uri)
        if target is None:
            raise KeyError(src_uri)
        url = get_relative_url(target.url, self.here.url) if target is not self.here else ""
        return f"{url}#{anchor}" if anchor else (url or "./")

    def md_path(self, src_uri: str, anchor: str = "") -> str:
        """A Markdown link target to ``src_uri``, relative to this page's source file.

        MkDocs turns it into the right URL and, with ``validation.anchors``, checks the anchor.
        """
        here_dir = self.here.src_uri.rsplit("/", 1)[0] if "/" in self.here.src_uri else ""
        depth = here_dir.count("/") + 1 if here_dir else 0
        path = "../" * depth + src_uri if src_uri != self.here.src_uri else ""
        return f"{path}#{anchor}" if anchor else path
