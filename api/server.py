"""Run the app with uvicorn (what `foedus serve` calls)."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from foedus.api.app import create_app


def serve(store_dir: Path, host: str, port: int, query_timeout: float, result_limit: int) -> None:
    """Serve the current build under `store_dir` on host:port until interrupted."""
    app = create_app(Path(store_dir), query_timeout=query_timeout, result_limit=result_limit)
    uvicorn.run(app, host=host, port=port, log_level="warning")
