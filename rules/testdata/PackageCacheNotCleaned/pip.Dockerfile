FROM python:3.12-slim
# want "PackageCacheNotCleaned: ^pip install leaves ~/.cache/pip in the layer; add --no-cache-dir$"
RUN pip install requests
# upgrading pip itself still downloads into the cache
# want "PackageCacheNotCleaned: ^pip3 install"
RUN pip3 install --upgrade pip
# want "PackageCacheNotCleaned: ^python3 -m pip install"
RUN python3 -m pip install -r requirements.txt
# want "PackageCacheNotCleaned: ^pip install"
RUN /opt/venv/bin/pip install --user flask

RUN pip install --no-cache-dir requests
RUN pip --no-cache-dir install requests
RUN pip install --no-cache requests
RUN PIP_NO_CACHE_DIR=1 pip install requests
RUN env PIP_NO_CACHE_DIR=true pip install requests
RUN export PIP_NO_CACHE_DIR=1 && pip install requests
RUN pip install requests && pip cache purge
RUN pip install requests && rm -rf /root/.cache/pip
RUN pip install requests && rm -rf ~/.cache
RUN --mount=type=cache,target=/root/.cache/pip pip install requests
RUN --mount=type=cache,target=/root/.cache pip install requests
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install requests
RUN --mount=type=cache,target=/pip-cache PIP_CACHE_DIR=/pip-cache pip install requests
RUN pipx install black
# mount targets see ARG and ENV values
ARG CACHE_ROOT=/root/.cache
RUN --mount=type=cache,target=${CACHE_ROOT}/pip pip install requests
RUN pipenv install --system --deploy

# the variable is exported only after the install
# want "PackageCacheNotCleaned"
RUN pip install requests && export PIP_NO_CACHE_DIR=1
