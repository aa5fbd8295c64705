# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'pip install' at line 9; copy requirements\.txt first$"
COPY . .
RUN <<EOF
set -eux
python -m venv /venv
/venv/bin/pip install --no-cache-dir -r requirements.txt
EOF
CMD ["/venv/bin/python", "main.py"]
