app_name = "partnercity"

urlpatterns = []
