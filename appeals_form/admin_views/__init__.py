"""The back-office queue of appeals in the Wagtail admin (registered in appeals_form.wagtail_hooks)."""
