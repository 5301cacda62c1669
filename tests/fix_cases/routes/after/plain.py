from fastapi import APIRouter

router = APIRouter(prefix="/tags", tags=["tags"])


@router.post("/", status_code=201)
def add_tag(name: str) -> str:
    return name


@router.delete("/{tag}", status_code=204)
def delete_tag(tag: str) -> None: ...
