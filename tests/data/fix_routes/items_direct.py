"""Only the 201 constant imported: 201 spelled by it, 204 as a literal."""

from fastapi import APIRouter
from starlette.status import HTTP_201_CREATED

from models import Item, ItemCreate

router = APIRouter(prefix="/direct", tags=["direct"])


@router.post("")
def create_direct(body: ItemCreate) -> Item:
    return Item(id=5, name=body.name)


@router.delete("/{direct_id}")
def delete_direct(direct_id: int) -> None:
    return None


UNUSED = HTTP_201_CREATED
