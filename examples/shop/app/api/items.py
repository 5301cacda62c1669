"""The catalogue. The whole router requires a logged-in user."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.deps import CurrentUser, PageDep, SessionDep, get_current_user
from app.models import Item
from app.schemas import ItemCreate, ItemOut, ItemUpdate

router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(get_current_user)])


def _get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Item not found")
    return item


@router.get("", response_model=list[ItemOut])
def list_items(session: SessionDep, page: PageDep):
    query = (
        select(Item)
        .where(Item.is_published)
        .order_by(Item.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    return session.scalars(query).all()


@router.get("/search", response_model=list[ItemOut])
def search_items(
    q: Annotated[str, Query(min_length=2)],
    session: SessionDep,
    # Lower bound only: ?limit=1000000 loads the whole catalogue.
    limit: int = Query(20, ge=1),  # error: FL502
):
    query = select(Item).where(Item.name.icontains(q)).order_by(Item.name).limit(limit)
    return session.scalars(query).all()


# "A user has a few items": returns all of them, with no limit parameter.
@router.get("/mine", response_model=list[ItemOut])  # error: FL501
def list_my_items(session: SessionDep, owner: CurrentUser):
    return session.scalars(select(Item).where(Item.owner_id == owner.id)).all()


@router.get("/{item_id}", response_model=ItemOut)
def read_item(item_id: int, session: SessionDep):
    return _get_item(session, item_id)


# Creates an item, but answers 200 instead of 201.
@router.post("", response_model=ItemOut)  # error: FL101
def create_item(payload: ItemCreate, session: SessionDep, owner: CurrentUser):
    item = Item(**payload.model_dump(), owner_id=owner.id)
    session.add(item)
    session.commit()
    return item


@router.patch("/{item_id}", response_model=ItemOut)
def update_item(item_id: int, payload: ItemUpdate, session: SessionDep, owner: CurrentUser):
    item = _get_item(session, item_id)
    if item.owner_id != owner.id:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not your item")
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(item, field, value)
    session.commit()
    return item


@router.post("/{item_id}/publish", response_model=ItemOut)
def publish_item(item_id: int, session: SessionDep, owner: CurrentUser):
    item = _get_item(session, item_id)
    if item.owner_id != owner.id:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not your item")
    item.is_published = True
    session.commit()
    return item


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int, session: SessionDep, owner: CurrentUser) -> None:
    item = _get_item(session, item_id)
    if item.owner_id != owner.id:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not your item")
    session.delete(item)
    session.commit()
