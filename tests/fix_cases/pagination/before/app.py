from typing import Optional

from fastapi import Depends, FastAPI

app = FastAPI()


def paging(page: int = 1, page_size: int = 20) -> dict[str, int]:
    return {"page": page, "page_size": page_size}


@app.get("/a", tags=["a"])
def list_a(limit: int = 10) -> list[int]:
    return []


@app.get("/b", tags=["b"])
def list_b(limit: Optional[int] = None, offset: int = 0) -> list[int]:
    return []


@app.get("/c", tags=["c"])
def list_c(p: dict[str, int] = Depends(paging)) -> list[int]:
    return []
