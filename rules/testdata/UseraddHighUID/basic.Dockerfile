FROM debian:bookworm-slim
# want "UseraddHighUID: useradd with UID 1000000 writes a lastlog"
RUN useradd -u 1000000 -m app
# want "UseraddHighUID: UID 123456"
RUN groupadd -g 123456 app && useradd --uid=123456 -g app app
# want "UseraddHighUID"
RUN useradd -m -u123456789 app
RUN useradd -l -u 1000000 app && useradd --no-log-init -u 1000000 b && useradd -u 10001 c && useradd -r -u $UID d
