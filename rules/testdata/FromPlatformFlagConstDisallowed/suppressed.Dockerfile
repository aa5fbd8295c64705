# layerlint ignore=FromPlatformFlagConstDisallowed the vendor tool only ships amd64
FROM --platform=linux/amd64 vendor/tool:1 AS vendor
