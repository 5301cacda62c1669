# Licence header stays on top.
from __future__ import annotations

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)
from pydantic_settings import BaseSettings, SettingsConfigDict


class A(BaseModel):
    x: int = Field(1)

    model_config = ConfigDict(validate_default=True)


class B(BaseModel):
    model_config = ConfigDict(extra="allow")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
