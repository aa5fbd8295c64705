# syntax=docker/dockerfile:1
FROM python:3.12-slim
# want "CacheMountRecommended: ^'pip install'"
RUN <<EOF
set -e
pip install flask
pip install gunicorn
EOF
