# hadolint ignore=DL3057
FROM nginx:1.27
