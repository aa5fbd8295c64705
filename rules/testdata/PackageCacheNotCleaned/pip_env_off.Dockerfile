FROM python:3.12-slim
# pip turns its cache off for any boolean value, even off
ENV PIP_NO_CACHE_DIR=off
RUN pip install requests
