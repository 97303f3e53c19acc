"""How long Django takes to read an appeal form's body: URL-encoded (standard and home.querystring) and multipart.

    .venv/bin/python bench/querystring.py [--repeat 300]

The form's fields as «Продолжить» sends them, with an appeal text of 134 (the benchmarks' own), 1,500 and 4,500
characters of Russian. For each: ``request.POST`` built by Django from a URL-encoded body with the standard
library's ``parse_qsl``, the same with ``home.querystring.parse_qsl`` (what the portal installs), and the same
fields sent multipart (a browser without JavaScript, or with a file). Medians of ``--repeat`` requests, µs of
CPU in this process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl as standard_parse_qsl
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.http import request as django_request
    from django.test import RequestFactory

    from home import querystring

    factory = RequestFactory()
    sentence = "Прошу проверить начисления за отопление в доме № 5 по улице Садовой, квартира 12. "
    print("text chars | URL-encoded, standard | URL-encoded, home.querystring | multipart")
    for length in (134, 1500, 4500):
        fields = {
            "csrfmiddlewaretoken": "t" * 64,
            "form_token": "0b5c9c4e-2f61-4c1e-9d47-3f0f1f7f3a11",
            "action": "preview",
            "surname": "Иванова",
            "first_name": "Мария",
            "patronymic": "Петровна",
            "email": "ivanova@mail.ru",
            "phone": "8 (900) 123-45-67",
            "postal_address": "140000, г. Энск, ул. Садовая, д. 1, кв. 2",
            "addressee": "3",
            "topic": "12",
            "kind": "complaint",
            "text": (sentence * (length // len(sentence) + 1))[:length],
            "consent": "on",
        }
        timings = []
        for parse, multipart in ((standard_parse_qsl, False), (querystring.parse_qsl, False), (None, True)):
            if parse is not None:
                django_request.parse_qsl = parse
            spent = []
            for _ in range(args.repeat):
                if multipart:
                    request = factory.post("/", fields)
                else:
                    request = factory.post("/", urlencode(fields), content_type="application/x-www-form-urlencoded")
                start = time.process_time_ns()
                request.POST  # noqa: B018 - parsing is what is measured
                spent.append(time.process_time_ns() - start)
            timings.append(statistics.median(spent) / 1000)
        django_request.parse_qsl = querystring.parse_qsl
        print(f"{length} | " + " | ".join(f"{value:.0f} µs" for value in timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
