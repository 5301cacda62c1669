"""A router with ``from fastapi import status``: the fix spells ``status.HTTP_...``."""

from fastapi import APIRouter, status

from models import Item, ItemCreate

router = APIRouter(prefix="/items", tags=["items"])


@router.post("", response_model=Item, tags=["create"])
def create_item(body: ItemCreate) -> Item:
    return Item(id=1, name=body.name)


@router.post(
    "/bulk",
    response_model=list[Item],
    tags=["bulk"],
)
def add_items(body: list[ItemCreate]) -> list[Item]:
    return [Item(id=i, name=b.name) for i, b in enumerate(body)]


# removing an item
@router.delete("/{item_id}")  # no body
def delete_item(item_id: int) -> None:
    return None


# FL102 without a fix: each of these sends a body, which 204 forbids.
@router.delete("/{item_id}/body")
def delete_item_returning_body(item_id: int):
    return {"ok": True}


@router.delete("/{item_id}/model", response_model=Item, tags=["model"])
def delete_item_with_model(item_id: int):
    return Item(id=item_id, name="gone")


@router.delete("/{item_id}/annotated")
def delete_item_annotated(item_id: int) -> dict[str, bool]:
    return {"ok": True}
