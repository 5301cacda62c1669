from fastapi import APIRouter

router = APIRouter(prefix="/users")


@router.get("/")
def list_users(limit: int = 10) -> list[str]:
    return []


@router.delete("/{user_id}")
def delete_user(user_id: int) -> None: ...
