"""Application entry point: creates the app and wires the routers."""

from fastapi import Depends, FastAPI

from app.api import auth, items, users
from app.api import orders as orders_api
from app.api.reports import router as reports_router
from app.deps import get_current_user
from app.settings import settings

app = FastAPI(title=settings.app_name, version="1.4.0")


@app.get("/health", tags=["ops"])
def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(auth.router)
app.include_router(users.router)
app.include_router(
    orders_api.router,
    prefix="/orders",
    tags=["orders"],
    dependencies=[Depends(get_current_user)],
)

for router in [items.router, reports_router]:
    app.include_router(router)
