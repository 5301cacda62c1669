from typing import Annotated

from fastapi import APIRouter, Query

router = APIRouter(prefix="/x", tags=["x"])


@router.get("/d")
def list_d(limit: Annotated[int, Query(ge=1)] = 10) -> list[int]:
    return []


@router.get("/e")
def list_e(limit: int = Query(10, ge=1, description="How many")) -> list[int]:
    return []


@router.get("/f")
def list_f(size: int, offset: int = 0) -> list[int]:
    return []
