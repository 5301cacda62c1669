from typing import Annotated

from fastapi import APIRouter, Query

router = APIRouter(prefix="/x", tags=["x"])


@router.get("/d")
def list_d(limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[int]:
    return []


@router.get("/e")
def list_e(limit: int = Query(10, ge=1, description="How many", le=100)) -> list[int]:
    return []


@router.get("/f")
def list_f(size: Annotated[int, Query(le=100)], offset: int = 0) -> list[int]:
    return []
