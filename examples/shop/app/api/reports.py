"""Sales figures for the back office."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from fastapi import APIRouter, Depends
from sqlalchemy import func, select

from app.deps import SessionDep, require_admin
from app.models import Order
from app.schemas import SalesReport

# No tags here, and app.main includes this router without tags either:
# its routes land in the "default" section of /docs.
router = APIRouter(prefix="/reports", dependencies=[Depends(require_admin)])


@router.get("/sales", response_model=SalesReport)  # error: FL201
def sales_report(session: SessionDep, days: int = 30):
    since = datetime.now(timezone.utc) - timedelta(days=days)
    orders_placed, revenue = session.execute(
        select(func.count(Order.id), func.coalesce(func.sum(Order.total), 0)).where(
            Order.created_at >= since, Order.status == "paid"
        )
    ).one()
    return SalesReport(orders_placed=orders_placed, revenue=Decimal(revenue), since=since)
