"""The admin's image form: every upload passes the builder's own image check, as content files do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from site_builder.snapshot.images import ImageRefused, inspect_image


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's checks (in Indonesian), then site_builder's, as import has them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            field.to_python = _checked(field.to_python)  # Wagtail's field is fixed by its form factory


class CheckedImageField(WagtailImageField):
    """An upload field outside the image library (e.g. a visitor's poster) with the library's checks."""

    def to_python(self, data: Any) -> Any:
        return _checked(super().to_python)(data)


def _checked(wagtail_to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def to_python(data: Any) -> Any:
        try:
            found, broken = wagtail_to_python(data), False
        except OSError:  # Willow decodes the whole image: a truncated file fails there, not as a form error
            found, broken = None, True
        if isinstance(data, UploadedFile):
            data.seek(0)
            content = data.read()
            data.seek(0)
            try:
                inspect_image(content, data.name or "")
            except ImageRefused as refused:
                raise ValidationError(str(refused), code="image_refused") from refused
        if broken:
            raise ValidationError(_("The file is not an image, or it is damaged."), code="invalid_image")
        return found

    return to_python
