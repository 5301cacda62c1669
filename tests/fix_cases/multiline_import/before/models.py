# Licence header stays on top.
from __future__ import annotations

from pydantic import (
    BaseModel,
    Field,
)
from pydantic_settings import BaseSettings


class A(BaseModel):
    x: int = Field(1)

    class Config:
        validate_all = True


class B(BaseModel):
    class Config:
        extra = "allow"


class Settings(BaseSettings):
    class Config:
        env_prefix = "APP_"
