from fastapi import APIRouter

router = APIRouter(prefix="/tags", tags=["tags"])


@router.post("/")
def add_tag(name: str) -> str:
    return name


@router.delete("/{tag}")
def delete_tag(tag: str) -> None: ...
