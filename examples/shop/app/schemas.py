"""Pydantic models of the API's requests and responses."""

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class ORMModel(BaseModel):
    """Base of every schema that is read from a SQLAlchemy object."""

    model_config = ConfigDict(from_attributes=True)


# ------------------------------------------------------------------ auth


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


# ------------------------------------------------------------------ users


class UserCreate(BaseModel):
    email: str = Field(max_length=255)
    full_name: str = Field(max_length=120)
    password: str = Field(min_length=8)


class UserOut(ORMModel):
    id: int
    email: str
    full_name: str
    is_active: bool


# Convention: schemas read from the ORM set from_attributes=True. This one was
# written as a plain BaseModel; it works as a response model only because FastAPI
# validates responses with from_attributes itself.
class PublicProfile(BaseModel):  # error: FL602
    id: int
    full_name: str


# ------------------------------------------------------------------ items


class ItemCreate(BaseModel):
    name: str = Field(max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    price: Decimal = Field(gt=0, decimal_places=2)


class ItemUpdate(BaseModel):
    # Half-migrated to Pydantic 2: the v1 key is only warned about and then
    # ignored, so a client sending `is_published` instead of `isPublished` is
    # silently not applied.
    model_config = ConfigDict(allow_population_by_field_name=True)  # error: FL603

    name: str | None = Field(default=None, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    price: Decimal | None = Field(default=None, gt=0, decimal_places=2)
    is_published: bool | None = Field(default=None, alias="isPublished")


class ItemOut(ORMModel):
    id: int
    name: str
    description: str | None
    price: Decimal
    is_published: bool
    owner_id: int


# ------------------------------------------------------------------ orders


class OrderLineIn(BaseModel):
    item_id: int
    quantity: int = Field(ge=1, le=99)


class OrderCreate(BaseModel):
    lines: list[OrderLineIn] = Field(min_length=1, max_length=50)


class OrderOut(BaseModel):
    id: int
    status: str
    total: Decimal
    created_at: datetime

    # Pydantic 1 style config, kept from before the upgrade.
    class Config:  # error: FL601
        orm_mode = True


class OrderSummary(BaseModel):
    id: int
    total: Decimal
    created_at: datetime


class Receipt(BaseModel):
    order: OrderSummary
    issued_at: datetime
    message: str = "Thank you for your order!"


# ------------------------------------------------------------------ reports


class SalesReport(BaseModel):
    orders_placed: int
    revenue: Decimal
    since: datetime
