from django.urls import path

from amparo.apps.linkage import views

app_name = "linkage"
urlpatterns = [
    path("runs/", views.run_list, name="run_list"),
    path("runs/<uuid:public_id>/", views.run_detail, name="run_detail"),
    path("runs/<uuid:public_id>/progress", views.run_progress, name="run_progress"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:item_id>/", views.review_item, name="review_item"),
]
