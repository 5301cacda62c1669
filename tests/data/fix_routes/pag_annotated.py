"""The module already uses ``Annotated``: bare defaults become ``Annotated[...]``."""

from typing import Annotated

from fastapi import APIRouter, Query

from models import Item

router = APIRouter(prefix="/annotated", tags=["annotated"])


@router.get("/items")
def list_items(limit: Annotated[int, Query(ge=1)] = 10) -> list[Item]:
    return []


@router.get("/bare")
def list_bare(per_page: int = 20) -> list[Item]:
    return []


@router.get("/required")
def list_required(limit: int) -> list[Item]:
    return []
