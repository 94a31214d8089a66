"""Shared building blocks with no feature imports: errors, dates, i18n, auth helpers."""
