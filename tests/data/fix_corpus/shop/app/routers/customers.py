from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Customer, get_session
from app.schemas import CustomerCreate, CustomerOut

router = APIRouter(prefix="/customers", tags=["customers"])
SessionDep = Annotated[Session, Depends(get_session)]


@router.post("/", response_model=CustomerOut)
def create_customer(payload: CustomerCreate, session: SessionDep) -> Customer:
    customer = Customer(email=payload.email, display_name=payload.display_name)
    session.add(customer)
    session.commit()
    return customer


@router.get("/", response_model=list[CustomerOut])
def list_customers(
    session: SessionDep,
    offset: int = 0,
    limit: int = Query(20, ge=1, description="page size"),
) -> list[Customer]:
    return list(session.scalars(select(Customer).offset(offset).limit(limit)))


@router.get("/{customer_id}", response_model=CustomerOut)
def read_customer(customer_id: int, session: SessionDep) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Customer not found")
    return customer


@router.delete("/{customer_id}")
def delete_customer(customer_id: int, session: SessionDep) -> None:
    customer = session.get(Customer, customer_id)
    if customer is not None:
        session.delete(customer)
        session.commit()
