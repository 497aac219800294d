from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cms.core.preview import preview_api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("preview-api/", preview_api, name="preview_api"),
    path("suggestions/", include("cms.suggestions.urls")),  # the public site's forms post here
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian pages at /, English under /en/, as on the published site.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
