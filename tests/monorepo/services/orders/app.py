from fastapi import APIRouter, FastAPI

router = APIRouter(prefix="/orders")


@router.post("/")
def create_order() -> dict[str, int]:
    return {"id": 1}


@router.get("/")
def list_orders(limit: int = 10) -> list[int]:
    return []


app = FastAPI()
app.include_router(router)
