FROM python:3.13-slim
# layerlint ignore=ContextBloat the virtualenv is relocatable and wanted in the image
COPY . /app
