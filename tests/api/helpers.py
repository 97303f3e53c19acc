"""Validation of API responses against the OpenAPI description the API itself serves."""

from __future__ import annotations

from jsonschema import Draft202012Validator, FormatChecker


def openapi(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def validate(document: dict, schema: dict, data) -> None:
    """Validate ``data`` against ``schema``, its $refs resolved in the document's components."""
    root = {**schema, "components": document["components"]}
    validator = Draft202012Validator(root, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors[:10])


def response_schema(document: dict, path: str, status: str = "200") -> dict:
    return document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
