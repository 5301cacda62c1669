"""Request and response bodies: half migrated to Pydantic 2."""

from pydantic import BaseModel, ConfigDict, Field


class CustomerCreate(BaseModel):
    email: str
    display_name: str = Field(alias="displayName")

    class Config:
        allow_population_by_field_name = True
        schema_extra = {"example": {"email": "ada@example.com", "displayName": "Ada"}}


class CustomerOut(BaseModel):
    id: int
    email: str
    display_name: str

    class Config:
        orm_mode = True  # read straight from the ORM row


class OrderCreate(BaseModel):
    model_config = ConfigDict(
        anystr_strip_whitespace=True,
        validate_all=True,
    )

    customer_id: int
    total_cents: int = Field(ge=0)


class OrderOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    customer_id: int
    total_cents: int
