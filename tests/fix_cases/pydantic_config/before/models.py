"""Models in every style the FL601/FL603 fixes must carry over."""

from pydantic import BaseModel, Field


class UserOut(BaseModel):
    id: int
    display_name: str = Field(alias="displayName")

    # read from the ORM layer
    class Config:
        """How users are read."""

        orm_mode = True  # rows from SQLAlchemy
        allow_population_by_field_name: bool = True

        extra = "forbid"
        # the end


class Frozen(BaseModel):
    name: str

    class Config:
        allow_mutation = False
        underscore_attrs_are_private = True
        schema_extra = {
            "example": {"name": "Ada"},
        }


class AlreadyV2(BaseModel):
    model_config = {'orm_mode': True, "extra": "ignore"}


class Keyword(BaseModel):
    model_config = dict(extra="forbid")


class Mixed(BaseModel):
    x: int
    model_config = {"extra": "forbid", "validate_all": True, "smart_union": True}


class Blocked(BaseModel):
    class Config:
        fields = {"x": "y"}
