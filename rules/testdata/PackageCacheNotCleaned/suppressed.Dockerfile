FROM python:3.12-slim
# layerlint ignore=PackageCacheNotCleaned build tools are removed by a squash
RUN apt-get update && apt-get install -y gcc && pip install requests
# each finding answers to its own hadolint code: DL3009 hides only apt
# hadolint ignore=DL3009
# want "PackageCacheNotCleaned: ^pip install"
RUN apt-get update && apt-get install -y gcc && pip install requests
# hadolint ignore=DL3042
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y gcc && pip install requests
# hadolint ignore=DL3009,DL3042
RUN apt-get update && apt-get install -y gcc && pip install requests
