"""The seal block and the signature lines never start a page alone.

`KeepTogether` moves a closing block that does not fit to the next page on its
own: the page with the seal then carries nothing the seal vouches for. Here the
end of what comes before it (its last lines, or the last rows of a table, with
the header repeated) moves with the block instead, so the signatures always sit
under text. `attach(story, *block)` is the one call the A4 papers make.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _ContainerSpace, _listWrapOn


class KeepTail(_ContainerSpace, Flowable):
    """`lead` followed by `tail`; if they do not fit, the tail takes the lead's end along."""

    def __init__(self, lead: Flowable, tail: list[Flowable]) -> None:
        super().__init__()
        self.lead = lead
        self.tail = [f for item in tail for f in _unpacked(item)]
        self._content = [lead, *self.tail]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._height = _listWrapOn(self._content, avail_width, self.canv)[1]
        self._wrapped = (avail_width, avail_height)
        return avail_width, 0xFFFFFF  # always split: the frame places the parts

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapped", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._height <= avail_height:
            return list(self._content)
        lead_height = self.lead.wrap(avail_width, avail_height)[1]
        # Leave at least the lead's last line (or row) for the next page.
        parts = self.lead.split(avail_width, min(avail_height, lead_height - 0.5))
        if len(parts) >= 2:
            return [*parts[:-1], FrameBreak(), KeepTail(parts[-1], self.tail)]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return list(self._content)  # cannot be kept together on any page: flow as is
        return [FrameBreak(), KeepTail(self.lead, self.tail)]


def _unpacked(item: Flowable) -> list[Flowable]:
    """A KeepTogether's contents (KeepTail keeps them together itself)."""
    if isinstance(item, KeepTogether):
        return [f for inner in item._content for f in _unpacked(inner)]
    return [item]


def attach(story: list[Flowable], *block: Flowable) -> list[Flowable]:
    """`story` with `block` (seal, signatures, what follows them) kept with its last text."""
    lead = len(story) - 1
    while lead >= 0 and isinstance(story[lead], Spacer):
        lead -= 1
    if lead < 0:
        return [*story, *block]
    return [*story[:lead], KeepTail(story[lead], [*story[lead + 1 :], *block])]
