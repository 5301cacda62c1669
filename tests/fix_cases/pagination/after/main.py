from .annotated import router
from .app import app

app.include_router(router)
