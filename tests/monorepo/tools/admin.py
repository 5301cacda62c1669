from fastapi import APIRouter

router = APIRouter(tags=["admin"])


@router.delete("/cache")
def clear_cache() -> None: ...
