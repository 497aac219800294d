from django.urls import path

from cms.suggestions import views

urlpatterns = [
    path("token/", views.form_token, name="suggestion_token"),
    path("send/", views.submit, name="suggestion_submit"),
]
