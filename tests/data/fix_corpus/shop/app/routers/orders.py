from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Order, get_session
from app.schemas import OrderCreate, OrderOut

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post(
    "/",
    response_model=OrderOut,
)
def create_order(
    payload: OrderCreate, session: Annotated[Session, Depends(get_session)]
) -> OrderOut:
    order = Order(customer_id=payload.customer_id, total_cents=payload.total_cents)
    session.add(order)
    session.commit()
    return OrderOut.model_validate(order)


@router.get("/")
def list_orders(
    session: Annotated[Session, Depends(get_session)],
    customer_id: int | None = None,
    page_size: Annotated[int, Query(ge=1)] = 50,
) -> list[OrderOut]:
    query = select(Order).limit(page_size)
    if customer_id is not None:
        query = query.where(Order.customer_id == customer_id)
    return [OrderOut.model_validate(order) for order in session.scalars(query)]


@router.delete("/{order_id}")
def cancel_order(order_id: int, session: Annotated[Session, Depends(get_session)]):
    order = session.get(Order, order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="Order not found")
    session.delete(order)
    session.commit()
