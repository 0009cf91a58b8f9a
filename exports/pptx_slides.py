"""The slides of the workshop deck besides the maps: title, comparison and action plan.

One import for the deck builder: the title slide is built in :mod:`exports.pptx_title`, the
comparison slides in :mod:`exports.pptx_compare`, the action plan in :mod:`exports.pptx_plan`;
their shared texts, shape names and writing helpers are in :mod:`exports.pptx_slide_base`.
"""

from exports.pptx_compare import Comparison, add_comparison_slides
from exports.pptx_map import NAME_CONCEPT
from exports.pptx_plan import add_plan_slides
from exports.pptx_slide_base import (
    NAME_CHIP,
    NAME_FACTS,
    NAME_GOAL,
    NAME_OWN,
    NAME_OWN_HEAD,
    NAME_PLAN,
    NAME_SHARED,
    NAME_SHARED_HEAD,
    text,
)
from exports.pptx_title import TitleFacts, add_title_slide

__all__ = [
    "NAME_CHIP",
    "NAME_CONCEPT",
    "NAME_FACTS",
    "NAME_GOAL",
    "NAME_OWN",
    "NAME_OWN_HEAD",
    "NAME_PLAN",
    "NAME_SHARED",
    "NAME_SHARED_HEAD",
    "Comparison",
    "TitleFacts",
    "add_comparison_slides",
    "add_plan_slides",
    "add_title_slide",
    "text",
]
