"""A small OpenID provider for the tests, served on 127.0.0.1 in a thread.

Endpoints: discovery, /authorize (redirects straight back with a code, as if
the resident had logged in and agreed), /token (RS256 ID token, checks the
client secret, the code, the redirect URI and the PKCE verifier), /jwks,
/userinfo. ``behaviour`` lets a test make the provider misbehave.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

CLIENT_ID = "portal-test-client"
CLIENT_SECRET = "portal-test-secret"


@dataclass
class Behaviour:
    nonce: str | None = None  # put this nonce in the ID token instead of the requested one
    audience: str | None = None  # issue the ID token for another client
    issuer: str | None = None  # claim another issuer in the ID token
    foreign_key: bool = False  # sign with a key that is not in the JWKS (same kid)
    expired: bool = False  # an ID token that expired an hour ago
    userinfo_sub: str | None = None  # userinfo for another subject
    error: str | None = None  # /authorize answers with ?error=...
    hmac_signed: bool = False  # sign with HS256 and the client secret, and advertise HS256 and "none"


_KEYS: dict[str, RSAKey] = {}


def signing_key(name: str) -> RSAKey:
    """RSA keys are slow to make: one per name for the whole test run."""
    if name not in _KEYS:
        _KEYS[name] = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
    return _KEYS[name]


@dataclass
class Provider:
    url: str = ""
    key: RSAKey = field(default_factory=lambda: signing_key("provider"))
    claims: dict = field(
        default_factory=lambda: {
            "sub": "esia-1000123",
            "family_name": "Иванов",
            "given_name": "Иван",
            "middle_name": "Иванович",
            "email": "Ivanov@Mail.RU",
            "email_verified": True,
        }
    )
    behaviour: Behaviour = field(default_factory=Behaviour)
    codes: dict = field(default_factory=dict)
    access_tokens: dict = field(default_factory=dict)
    token_requests: int = 0

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "HS256", "none"]
            if self.behaviour.hmac_signed
            else ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }

    def authorize(self, params: dict) -> str:
        """The resident logs in and agrees: the URL the browser is sent back to."""
        redirect_uri = params["redirect_uri"]
        if self.behaviour.error:
            return f"{redirect_uri}?{urlencode({'error': self.behaviour.error, 'state': params['state']})}"
        assert params["client_id"] == CLIENT_ID
        assert params["response_type"] == "code"
        assert "openid" in params["scope"].split()
        code = secrets.token_urlsafe(16)
        self.codes[code] = params
        return f"{redirect_uri}?{urlencode({'code': code, 'state': params['state']})}"

    def token(self, form: dict, authorization: str) -> tuple[int, dict]:
        self.token_requests += 1
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return 401, {"error": "invalid_client"}
        request = self.codes.pop(form.get("code", ""), None)
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        if "code_challenge" in request:
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != request["code_challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access_token = secrets.token_urlsafe(24)
        self.access_tokens[access_token] = True
        now = int(time.time()) - (7200 if self.behaviour.expired else 0)
        claims = {
            "iss": self.behaviour.issuer or self.url,
            "sub": self.claims["sub"],
            "aud": self.behaviour.audience or CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": self.behaviour.nonce or request.get("nonce"),
        }
        if self.behaviour.hmac_signed:
            id_token = jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(CLIENT_SECRET.encode() * 2))
        else:
            key = signing_key("foreign") if self.behaviour.foreign_key else self.key
            id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        token = authorization.removeprefix("Bearer ")
        if token not in self.access_tokens:
            return 401, {"error": "invalid_token"}
        claims = dict(self.claims)
        if self.behaviour.userinfo_sub:
            claims["sub"] = self.behaviour.userinfo_sub
        return 200, claims

    def jwks(self) -> dict:
        public = self.key.as_dict(private=False)
        return {"keys": [{**public, "alg": "RS256", "use": "sig"}]}


def make_handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def _json(self, status: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path == "/.well-known/openid-configuration":
                return self._json(200, provider.metadata())
            if parts.path == "/jwks":
                return self._json(200, provider.jwks())
            if parts.path == "/userinfo":
                return self._json(*provider.userinfo(self.headers.get("Authorization", "")))
            if parts.path == "/authorize":
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                self.send_response(302)
                self.send_header("Location", provider.authorize(params))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._json(404, {"error": "not_found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path == "/token":
                return self._json(*provider.token(form, self.headers.get("Authorization", "")))
            return self._json(404, {"error": "not_found"})

    return Handler


class ProviderServer:
    def __init__(self):
        self.provider = Provider()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.provider))
        self.provider.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self.provider

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
