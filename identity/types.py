"""The identified applicant, as identification hands it to the appeal form.

59-ФЗ (as amended by 547-ФЗ, in force since 30.03.2025): an electronic appeal
counts only when the site identifies and authenticates the applicant. An
``Identity`` records how and when that happened.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

METHOD_EMAIL_CODE = "email_code"
METHOD_OIDC = "oidc"
METHOD_LABELS = {
    METHOD_EMAIL_CODE: "Код подтверждения по электронной почте",
    METHOD_OIDC: "Учётная запись (OpenID Connect)",
}


@dataclass(frozen=True)
class Identity:
    method: str  # METHOD_EMAIL_CODE or METHOD_OIDC
    verified_at: datetime
    email: str  # normalised reply address
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    subject: str = ""  # stable id at the identity provider (OIDC "sub"); "" for e-mail codes
    issuer: str = ""  # the identity provider (OIDC issuer); "" for e-mail codes

    @property
    def names_locked(self) -> bool:
        """Names from an identity provider are prefilled and not editable."""
        return self.method == METHOD_OIDC and bool(self.surname and self.first_name)

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verified_at"] = self.verified_at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Identity":
        return cls(**{**data, "verified_at": datetime.fromisoformat(data["verified_at"])})
