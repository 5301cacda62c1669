"""Configuration, read from the environment (prefix ``SHOP_``) and ``.env``."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

    app_name: str = "Shop API"
    database_url: str = "sqlite:///./shop.db"
    secret_key: str = "change-me"
    access_token_minutes: int = 60


settings = Settings()
