"""Pagination parameters of dependency functions."""

from fastapi import APIRouter, Depends

from models import Item

router = APIRouter(prefix="/depends", tags=["depends"])


def paging(page: int = 1, page_size: int = 20) -> dict[str, int]:
    return {"page": page, "page_size": page_size}


def required_paging(page_size: int) -> int:
    return page_size


@router.get("/paged")
def list_paged(params: dict[str, int] = Depends(paging)) -> list[Item]:
    return []


@router.get("/required")
def list_required(size: int = Depends(required_paging)) -> list[Item]:
    return []
