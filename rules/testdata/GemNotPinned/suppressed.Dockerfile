FROM ruby:3.3-slim
ARG BUNDLER_VERSION=2.5.11
RUN gem install bundler:$BUNDLER_VERSION

# hadolint ignore=DL3028
RUN gem install bundler

# hadolint ignore=DL3016
# want "GemNotPinned"
RUN gem install bundler
