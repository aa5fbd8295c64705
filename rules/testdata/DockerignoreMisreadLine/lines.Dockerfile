FROM alpine
# want "DockerignoreMisreadLine: ^\.dockerignore line 1 .  # build output.: only a '#' in column 1 starts a comment" "DockerignoreMisreadLine: line 2 .\..: this pattern never matches anything" "DockerignoreMisreadLine: line 3 .\[!a\]\*\.txt.: '\[!' is a class" "DockerignoreMisreadLine: line 4 .*braces are literal" "DockerignoreMisreadLine: line 5 .*regular-expression escape" "DockerignoreMisreadLine: line 8 .\.\./secrets.: this pattern never matches"
COPY . /app
