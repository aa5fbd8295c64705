# every line has an effect
FROM alpine
COPY . /app
