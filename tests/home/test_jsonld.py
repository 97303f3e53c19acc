"""JSON-LD inside a page's <script>: what an editor types can never close the element."""

import json

from home.jsonld import json_ld


def test_text_that_would_close_the_script_is_escaped_and_the_data_is_unchanged():
    data = {"name": "Приём </script><script>alert(1)</script> & <!-- встреча -->"}
    body = json_ld(data)
    assert "</" not in body
    assert "<!--" not in body
    assert "&" not in body
    assert json.loads(body) == data
    assert "Приём" in body  # Cyrillic kept as text, not \u escapes
