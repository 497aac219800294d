"""The snapshot's sections, in the order an import must take them (references point backwards)."""

from __future__ import annotations

from cms.core.snapshot.attractions import AttractionCodec
from cms.core.snapshot.codec import Codec
from cms.core.snapshot.events import EventCodec
from cms.core.snapshot.snippets import CategoryCodec, HotspotCodec, PromotionCodec

CODECS: tuple[Codec, ...] = (CategoryCodec(), HotspotCodec(), AttractionCodec(), EventCodec(), PromotionCodec())
SECTIONS = {codec.section: codec for codec in CODECS}
ORIGINAL, TRANSLATION = "id", "en"
