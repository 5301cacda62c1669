"""Nothing imported for parameters: bare defaults get wrapped, the import is added."""

from typing import Optional

from fastapi import APIRouter

from models import Item

router = APIRouter(prefix="/plain", tags=["plain"])


@router.get("/items")
def list_items(limit: int = 10) -> list[Item]:
    return [Item(id=i, name="x") for i in range(min(limit, 3))]


@router.get("/optional")
def list_optional(limit: Optional[int] = None) -> list[Item]:
    return []
