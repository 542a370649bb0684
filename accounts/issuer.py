"""The issuer an authenticator app shows for the portal's codes: the portal's name from the
municipality's data, e.g. 'Enschede Internationaal'.

Named in the settings (OTP_TOTP_ISSUER; django-otp calls it with the device), which cannot read
the database, so the municipality is looked up only when a code is set up.
"""


def totp_issuer(device):
    from core.municipality import current_municipality

    return current_municipality().portal_name
