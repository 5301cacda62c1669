"""``status`` imported under another name; async handlers."""

from fastapi import APIRouter
from fastapi import status as http_status

from models import Item, ItemCreate

router = APIRouter(prefix="/alias", tags=["alias"])


@router.post("/things")
async def register_thing(body: ItemCreate) -> Item:
    return Item(id=2, name=body.name)


@router.post(
    "/batch",
    tags=["batch"]
)
async def create_batch(body: ItemCreate) -> Item:
    return Item(id=3, name=body.name)


@router.delete("/things/{thing_id}", tags=["things"])
async def delete_thing(thing_id: int) -> None:
    pass
