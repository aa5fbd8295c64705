# comments in column 1, escaped punctuation: fine
FROM alpine
COPY . /app
