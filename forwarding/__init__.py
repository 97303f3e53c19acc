"""Forwarding of registered appeals to the back office (СЭД): outbox deliveries with retries."""
