FROM python:3.13-slim
WORKDIR /app
COPY app/main.py /app/
# want "ContextBloat: ^the build sends 2 kB \(\d files\) from the context, over the 1 kB threshold; largest: assets 2 kB, " "ContextBloat: ^COPY \. /app still sends \.venv \(\d+ B, 2 files\) although \.dockerignore exists; add \.venv to it$"
COPY . /app
# near miss: __pycache__ and .git are excluded
COPY app /app/app
