"""Open data of China's government information-disclosure annual reports."""

__version__ = "0.1.0"
# Bump when parsing results may change: it invalidates the build cache.
PARSER_VERSION = "176"
