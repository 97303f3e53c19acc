"""Screenshots for «Справка» (home/guide.py), taken while the browser tests walk each role's day.

Every shot goes to tests/output/screenshots/guide-<name>.png; with
GUIDE_SCREENSHOTS=1 (`make guide-screenshots`) it also replaces
static/guide/<name>.png, scaled to at most 1000 px wide and reduced to a
palette of 256 colours, so the committed pictures stay small and current.
"""

import io
import os

from PIL import Image

from tests.browser.helpers import ROOT, SCREENSHOTS

GUIDE_DIR = ROOT / "static" / "guide"
MAX_WIDTH = 1000


def guide_shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot()
    (SCREENSHOTS / f"guide-{name}.png").write_bytes(png)
    if os.environ.get("GUIDE_SCREENSHOTS") != "1":
        return
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.LANCZOS)
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    GUIDE_DIR.mkdir(parents=True, exist_ok=True)
    image.save(GUIDE_DIR / f"{name}.png", optimize=True)
