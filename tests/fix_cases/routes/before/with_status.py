from fastapi import APIRouter, status

router = APIRouter(prefix="/items", tags=["items"])


@router.post("/")  # create one
def create_item(name: str) -> dict[str, str]:
    return {"name": name}


@router.delete(
    "/{item_id}",
    summary="Delete an item",
)
def delete_item(item_id: int) -> None:
    pass


@router.delete("/{item_id}/body")
def delete_with_body(item_id: int) -> dict[str, bool]:
    return {"deleted": True}


def remove(item_id: int) -> None:
    pass


router.add_api_route("/{item_id}/old", remove, methods=["DELETE"])
