from typing import Optional

from fastapi import Depends, FastAPI, Query

app = FastAPI()


def paging(page: int = 1, page_size: int = Query(20, le=100)) -> dict[str, int]:
    return {"page": page, "page_size": page_size}


@app.get("/a", tags=["a"])
def list_a(limit: int = Query(10, le=100)) -> list[int]:
    return []


@app.get("/b", tags=["b"])
def list_b(limit: Optional[int] = Query(None, le=100), offset: int = 0) -> list[int]:
    return []


@app.get("/c", tags=["c"])
def list_c(p: dict[str, int] = Depends(paging)) -> list[int]:
    return []
