"""``status`` from starlette; a POST that creates because of its ``*Create`` body."""

from fastapi import APIRouter
from starlette import status

from models import Item, ItemCreate

router = APIRouter(prefix="/gadgets", tags=["gadgets"])


@router.post("")
def post_gadget(body: ItemCreate) -> Item:
    return Item(id=4, name=body.name)


@router.delete("/{gadget_id}")
def delete_gadget(gadget_id: int) -> None:
    return None
