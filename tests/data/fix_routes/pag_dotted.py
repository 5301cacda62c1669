"""``import fastapi`` style: the fix spells ``fastapi.Query``."""

import fastapi

from models import Item

router = fastapi.APIRouter(prefix="/dotted", tags=["dotted"])


@router.get("/items")
def list_items(limit: int = 10) -> list[Item]:
    return []
