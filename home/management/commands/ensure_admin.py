"""Create the first administrator account if there is none.

The password comes from ADMIN_PASSWORD, or is generated and printed once.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from home.demo import accounts


class Command(BaseCommand):
    help = "Create the administrator account (once); print its password if it was generated."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(f"Administrator account exists (log in at /admin/ as '{username}' or another superuser).")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            email=os.environ.get("ADMIN_EMAIL", "admin@example.ru"),
            password=password,
            first_name="Администратор",
        )
        # The local demo repeats it in `make run`'s summary (home/demo/accounts.py).
        accounts.remember(username=username, password=password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(
                self.style.SUCCESS(f"Created administrator '{username}' with the password from ADMIN_PASSWORD.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Created administrator '{username}' with password: {password}\n(shown only once)")
            )
