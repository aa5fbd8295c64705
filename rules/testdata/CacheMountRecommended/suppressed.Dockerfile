FROM python:3.12-slim
# layerlint ignore=CacheMountRecommended built with kaniko, which has no cache mounts
RUN pip install flask
