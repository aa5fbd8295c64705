FROM alpine
# layerlint ignore=DockerignoreMisreadLine a file literally named "#x" is meant
COPY . /app
