FROM alpine:3.20
# an instruction under a "# check=" comment is still checked for other rules
# check=skip=FromAsCasing
# want "StageNameCasing"
FROM golang:1.22 as Builder
