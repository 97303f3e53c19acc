"""AMQP 0-9-1 (RabbitMQ) via pika: a persistent message, confirmed by the broker.

Options: ``url`` (amqp://user:password@host:port/vhost), ``queue``;
``exchange`` (default "": the queue is the routing key), ``routing_key``
(default: the queue), ``declare`` (default true: declare the queue durable),
``secret``/``secret_env`` (optional: adds an ``x-signature`` header as for the
webhook), ``timeout`` (seconds, default FORWARDING_AMQP_TIMEOUT_SECONDS).

The message: the same JSON body as the webhook, ``message_id`` = the
delivery's idempotency key, ``delivery_mode`` 2 (persistent), ``type`` = the
event. Publisher confirms: accepted when the broker confirms (and, being
``mandatory``, routed it to a queue).
"""

from __future__ import annotations

import contextlib
import importlib
from typing import TYPE_CHECKING

from django.conf import settings

from .base import Destination, Envelope, PermanentFailure, Receipt, TemporaryFailure, resolve_secret, sign

if TYPE_CHECKING:
    import pika


class _Pika:
    """pika, imported on first use: ~14 MB that a web worker only needs when it delivers over AMQP."""

    def __getattr__(self, name: str):
        module = importlib.import_module("pika")
        importlib.import_module("pika.exceptions")
        globals()["pika"] = module  # later calls go straight to the module
        return getattr(module, name)


pika = _Pika()

APP_ID = "appeals-portal"
# Channel errors that a retry will not fix: access refused, precondition failed.
PERMANENT_REPLY_CODES = frozenset({403, 406})


class AmqpDestination(Destination):
    type = "amqp"
    required = ("url", "queue")

    def __init__(self, config: dict):
        super().__init__(config)
        self.url: str = config["url"]
        self.queue: str = config["queue"]
        self.exchange: str = config.get("exchange") or ""
        self.routing_key: str = config.get("routing_key") or self.queue
        self.declare = bool(config.get("declare", True))
        self.secret = resolve_secret(config)

    @classmethod
    def default_timeout(cls) -> float:
        return settings.FORWARDING_AMQP_TIMEOUT_SECONDS

    def describe(self) -> str:
        params = pika.URLParameters(self.url)
        return f"AMQP: {params.host}:{params.port}, очередь {self.queue}"

    def parameters(self) -> pika.URLParameters:
        params = pika.URLParameters(self.url)
        params.socket_timeout = self.timeout
        params.stack_timeout = self.timeout
        params.blocked_connection_timeout = self.timeout
        params.connection_attempts = 1
        return params

    def properties(self, envelope: Envelope, body: bytes) -> pika.BasicProperties:
        headers = {"x-signature": sign(self.secret, body)} if self.secret else None
        return pika.BasicProperties(
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=envelope.idempotency_key,
            type=envelope.event,
            app_id=APP_ID,
            headers=headers,
        )

    def send(self, envelope: Envelope) -> Receipt:
        body = envelope.json_bytes()
        try:
            connection = pika.BlockingConnection(self.parameters())
        except pika.exceptions.AMQPError as exc:
            raise TemporaryFailure(f"Брокер недоступен ({type(exc).__name__})") from exc
        except OSError as exc:
            raise TemporaryFailure(f"Брокер недоступен ({type(exc).__name__})") from exc
        try:
            channel = connection.channel()
            channel.confirm_delivery()
            if self.declare:
                channel.queue_declare(queue=self.queue, durable=True)
            channel.basic_publish(
                exchange=self.exchange,
                routing_key=self.routing_key,
                body=body,
                properties=self.properties(envelope, body),
                mandatory=True,
            )
        except pika.exceptions.UnroutableError as exc:
            raise TemporaryFailure("Брокер не нашёл очередь для сообщения") from exc
        except pika.exceptions.NackError as exc:
            raise TemporaryFailure("Брокер не подтвердил сообщение") from exc
        except pika.exceptions.ChannelClosedByBroker as exc:
            message = f"Брокер закрыл канал: {exc.reply_code} {exc.reply_text}"
            if exc.reply_code in PERMANENT_REPLY_CODES:
                raise PermanentFailure(message) from exc
            raise TemporaryFailure(message) from exc
        except (pika.exceptions.AMQPError, OSError) as exc:
            raise TemporaryFailure(f"Ошибка брокера ({type(exc).__name__})") from exc
        finally:
            with contextlib.suppress(Exception):
                connection.close()
        return Receipt(detail="подтверждено брокером")
