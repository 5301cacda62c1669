from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "sqlite:///./shop.db"
    page_size_default: int = 20

    class Config:
        env_prefix = "SHOP_"
        # read a local .env in development
        env_file = ".env"
        anystr_strip_whitespace = True


settings = Settings()
