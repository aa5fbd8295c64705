FROM python:3.12-slim AS pip
WORKDIR /srv
# the requirement file named by -r is what to copy first
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'pip install' at line 6; copy requirements/prod\.txt first$"
COPY . .
RUN pip install --no-cache-dir -r requirements/prod.txt

FROM python:3.12-slim AS python-m-pip
# paths inside the image map back to the context through the COPY
# want "CopyBeforeDependencyInstall: 'python3 -m pip install' at line 12; copy app/requirements\.txt and app/constraints\.txt first$"
COPY app /app
RUN python3 -m pip install -r /app/requirements.txt --constraint=/app/constraints.txt

FROM python:3.12-slim AS poetry
# want "CopyBeforeDependencyInstall: 'poetry install' at line 17; copy pyproject\.toml and poetry\.lock first$"
COPY . /code
RUN pip install poetry==1.8.3 && cd /code && poetry install --no-root

FROM python:3.12-slim AS pipenv
# want "CopyBeforeDependencyInstall: 'pipenv install' at line 22; copy Pipfile and Pipfile\.lock first$"
COPY . .
RUN pipenv install --system --deploy

FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS uv
# want "CopyBeforeDependencyInstall: 'uv sync' at line 27; copy pyproject\.toml and uv\.lock first$"
COPY . /app
RUN uv sync --frozen --no-dev

FROM python:3.12-slim AS uv-pip
# want "CopyBeforeDependencyInstall: 'uv pip install' at line 32; copy requirements\.lock first$"
COPY *.py ./
RUN uv pip install --system -r requirements.lock

FROM python:3.12-slim AS named
# a named package reads no project file: the install just moves up
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'pip install' at line 38; move the install above the COPY$"
COPY . .
RUN pip install --no-cache-dir gunicorn==22.0.0
CMD ["gunicorn", "app:app"]
