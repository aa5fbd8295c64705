# syntax=docker/dockerfile:1
FROM python:3.12-slim
COPY requirements.txt .
# want "CacheMountRecommended: ^'pip install' has no cache mount for /root/.cache/pip; add --mount=type=cache,target=/root/.cache/pip so rebuilds reuse what it downloaded$"
RUN pip install -r requirements.txt
# the flag that turned the cache off goes: the mount keeps the cache out of the image
# want "CacheMountRecommended: ^'pip3 install'"
RUN pip3 install --no-cache-dir flask gunicorn
# PIP_CACHE_DIR moves the cache
ENV PIP_CACHE_DIR=/var/cache/pip
# want "CacheMountRecommended: /var/cache/pip"
RUN python3 -m pip install uvicorn
