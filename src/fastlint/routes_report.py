"""``fastlint routes``: the route table (placeholder, replaced below)."""
