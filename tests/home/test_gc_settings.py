"""After its first request a process freezes what it keeps and collects young objects less often (home/apps.py)."""

import gc

from home import apps


def test_the_first_request_freezes_the_start_up_objects_and_raises_the_young_threshold():
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        apps._freeze_after_first_request()
        assert gc.get_threshold() == (apps.GC_YOUNG_THRESHOLD, 10, 10)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.set_threshold(*threshold)
