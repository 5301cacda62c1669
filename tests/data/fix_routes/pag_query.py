"""The parameter function already imported (a parenthesized import) and used."""

from fastapi import (
    APIRouter,
    Query,
)

from models import Item

router = APIRouter(prefix="/query", tags=["query"])


@router.get("/items")
def list_items(limit: int = Query(10, ge=1)) -> list[Item]:
    return []


@router.get("/bare")
async def list_bare(skip: int = 0, limit: int = 25) -> list[Item]:
    return []
