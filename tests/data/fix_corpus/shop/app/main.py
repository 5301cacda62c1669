from fastapi import Depends, FastAPI
from fastapi.security import HTTPBearer

from app.routers import customers, orders

bearer = HTTPBearer()

app = FastAPI(title="shop", dependencies=[Depends(bearer)])
app.include_router(customers.router)
app.include_router(orders.router)


@app.get("/health", tags=["ops"])
def health() -> dict[str, str]:
    return {"status": "ok"}
