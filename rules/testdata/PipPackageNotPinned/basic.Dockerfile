FROM python:3.12-slim
# want "PipPackageNotPinned: pip install of packages 'flask', 'gunicorn' without a version"
RUN pip install --no-cache-dir flask gunicorn requests==2.32.3

# versions, ranges, archives, paths and pinned VCS references
RUN pip install "django>=4.2,<5" numpy~=1.26 ./wheels/app-1.0-py3-none-any.whl /src/lib \
    git+https://github.com/org/repo@v1.2.0 https://example.com/pkg-1.0.tar.gz

# requirements, constraints and the local project decide the versions
RUN pip install -r requirements.txt && pip install --constraint c.txt flask && pip install .

# option values are not packages
RUN pip install --index-url https://pypi.example.com/simple --target /opt/lib six==1.16.0

# want "PipPackageNotPinned: pip3 install of package 'uvicorn'"
RUN pip3 install --upgrade uvicorn

# want "PipPackageNotPinned: python3 -m pip install of package 'pip'"
RUN python3 -m pip install --upgrade pip

# want "PipPackageNotPinned: 'git\+https://github.com/org/repo'"
RUN pip install git+https://github.com/org/repo

# pipenv and uv are other tools
RUN pipenv install requests && uv pip install --system requests
