"""The brief: one article joined with the treaties and the figures of the states in it."""

from allied.brief.build import build_brief
from allied.brief.render import FORMATS, render

__all__ = ["FORMATS", "build_brief", "render"]
