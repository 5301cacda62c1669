"""No status import: literal codes; comments inside multi-line decorators."""

from fastapi import APIRouter

from models import Item, ItemCreate

router = APIRouter(tags=["notes"])


@router.post(
    "/notes",  # the collection
    response_model=Item,  # what comes back
)
def create_note(body: ItemCreate) -> Item:
    return Item(id=3, name=body.name)


@router.post(
    "/lone",
)
def create_lone(body: ItemCreate) -> Item:
    return Item(id=6, name=body.name)


@router.delete(
    "/notes/{note_id}",
    # the note goes away
    tags=["notes"],
)
def delete_note(note_id: int) -> None:
    return
