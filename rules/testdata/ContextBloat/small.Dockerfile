# small, and the heavy path is excluded
FROM python:3.13-slim
COPY . /app
