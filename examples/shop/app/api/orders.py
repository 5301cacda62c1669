"""Orders of the current user. Mounted by app.main under /orders, with auth."""

from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.deps import CurrentUser, PageDep, SessionDep, rate_limit
from app.models import Item, Order, OrderLine, User
from app.schemas import OrderCreate, OrderOut, OrderSummary, Receipt

router = APIRouter()


def _get_own_order(session: Session, order_id: int, user: User) -> Order:
    order = session.get(Order, order_id)
    if order is None or order.user_id != user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Order not found")
    return order


@router.get("", response_model=list[OrderOut])
def list_orders(user: CurrentUser, session: SessionDep, page: PageDep):
    query = (
        select(Order)
        .where(Order.user_id == user.id)
        .order_by(Order.created_at.desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return session.scalars(query).all()


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OrderOut)
def place_order(payload: OrderCreate, user: CurrentUser, session: SessionDep):
    order = Order(user_id=user.id)
    total = Decimal("0")
    for line in payload.lines:
        item = session.get(Item, line.item_id)
        if item is None or not item.is_published:
            raise HTTPException(
                status_code=status.HTTP_400_BAD_REQUEST, detail=f"No item {line.item_id}"
            )
        order.lines.append(
            OrderLine(item_id=item.id, quantity=line.quantity, unit_price=item.price)
        )
        total += item.price * line.quantity
    order.total = total
    session.add(order)
    session.commit()
    return order


@router.get("/{order_id}", response_model=OrderOut)
def read_order(order_id: int, user: CurrentUser, session: SessionDep):
    return _get_own_order(session, order_id, user)


@router.get("/{order_id}/receipt", response_model=Receipt)
def read_receipt(order_id: int, user: CurrentUser, session: SessionDep):
    order = session.get(Order, order_id)
    if order is None or order.user_id != user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Order not found")
    # OrderSummary has no from_attributes: this raises a ValidationError (500).
    summary = OrderSummary.model_validate(order)  # error: FL602
    return Receipt(order=summary, issued_at=datetime.now(timezone.utc))


# `dependencies` in the signature instead of the decorator: FastAPI reads it as
# a query parameter and the rate limiter never runs.
@router.post("/{order_id}/pay", response_model=OrderOut)  # error: FL302
def pay_order(
    order_id: int,
    user: CurrentUser,
    session: SessionDep,
    dependencies=[Depends(rate_limit)],
):
    order = _get_own_order(session, order_id, user)
    if order.status != "pending":
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Order is not pending")
    order.status = "paid"
    session.commit()
    return order


# 204 drops whatever the handler returns: the client never sees this message.
@router.delete("/{order_id}", status_code=status.HTTP_204_NO_CONTENT)  # error: FL103
def cancel_order(order_id: int, user: CurrentUser, session: SessionDep):
    order = _get_own_order(session, order_id, user)
    order.status = "cancelled"
    session.commit()
    return {"detail": f"Order {order_id} cancelled"}


# Deliberately 200 with the updated order: the mobile app (3.x) reads the new total.
@router.delete("/{order_id}/lines/{line_id}", response_model=OrderOut)  # noqa: FL102
def remove_order_line(order_id: int, line_id: int, user: CurrentUser, session: SessionDep):
    order = _get_own_order(session, order_id, user)
    line = next((line for line in order.lines if line.id == line_id), None)
    if line is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Line not found")
    order.lines.remove(line)
    order.total -= line.unit_price * line.quantity
    session.commit()
    return order


# Copied from list_orders to add a status filter instead of extending it:
# GET /orders is already served by list_orders, so this handler never runs.
@router.get("", response_model=list[OrderOut])  # error: FL402
def list_my_orders(
    user: CurrentUser,
    session: SessionDep,
    page: PageDep,
    status_filter: Annotated[str | None, Query(alias="status")] = None,
):
    query = select(Order).where(Order.user_id == user.id)
    if status_filter is not None:
        query = query.where(Order.status == status_filter)
    query = query.order_by(Order.created_at.desc()).offset(page.offset).limit(page.limit)
    return session.scalars(query).all()
